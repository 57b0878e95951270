// The web layer over real HTTP: real stores in a temporary folder, a real server on a
// free port, fetch with a small cookie jar (test/helpers/web-client.ts).
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '../helpers/web-client.js';
import { startWebFixture, type WebFixture } from './web-fixture.js';

const PASSWORD = 'correct horse battery';

let fx: WebFixture;

beforeAll(async () => {
  fx = await startWebFixture();
});

afterAll(async () => {
  await fx?.close();
});

async function signedIn(): Promise<WebClient> {
  const client = new WebClient(fx.url);
  const token = await client.token('/login');
  const response = await client.post('/login', { _csrf: token, username: 'admin', password: PASSWORD });
  expect(response.status).toBe(302);
  return client;
}

describe('web: first start', () => {
  it('sends every page to /setup while no user exists', async () => {
    const client = new WebClient(fx.url);
    for (const path of ['/', '/runs', '/runs/1', '/login']) {
      const response = await client.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get('location'), path).toBe('/setup');
    }
    const page = await client.get('/setup');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Créer l&#39;administrateur');
  });

  it('answers /healthz and static files without a session', async () => {
    const client = new WebClient(fx.url);
    const health = await client.get('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect(health.headers.getSetCookie()).toEqual([]);
    const htmx = await client.get('/static/htmx.min.js');
    expect(htmx.status).toBe(200);
    expect(htmx.headers.get('content-type')).toContain('javascript');
    expect((await htmx.text()).length).toBeGreaterThan(10_000);
    const css = await client.get('/static/style.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect((await client.get('/static/%2e%2e/package.json')).status).not.toBe(200);
    expect((await client.get('/static/nothing.css')).status).not.toBe(200);
  });

  it('refuses POST /setup without the right CSRF token', async () => {
    const client = new WebClient(fx.url);
    const token = await client.token('/setup');
    const form = { username: 'admin', password: PASSWORD, passwordAgain: PASSWORD };
    expect((await client.post('/setup', form)).status).toBe(403);
    expect((await client.post('/setup', { ...form, _csrf: 'x'.repeat(token.length) })).status).toBe(403);
    const other = new WebClient(fx.url);
    const otherToken = await other.token('/setup');
    expect((await client.post('/setup', { ...form, _csrf: otherToken })).status).toBe(403);
    expect(fx.settings.userCount()).toBe(0);
  });

  it('checks the form, then creates the administrator and signs them in', async () => {
    const client = new WebClient(fx.url);
    const token = await client.token('/setup');
    const short = await client.post('/setup', {
      _csrf: token,
      username: 'admin',
      password: 'short',
      passwordAgain: 'short',
    });
    expect(short.status).toBe(422);
    expect(await short.text()).toContain('au moins 10 caractères');
    const mismatch = await client.post('/setup', {
      _csrf: token,
      username: 'admin',
      password: PASSWORD,
      passwordAgain: `${PASSWORD}!`,
    });
    expect(mismatch.status).toBe(422);
    expect(await mismatch.text()).toContain('ne sont pas identiques');
    expect(fx.settings.userCount()).toBe(0);

    const created = await client.post('/setup', {
      _csrf: token,
      username: 'admin',
      password: PASSWORD,
      passwordAgain: PASSWORD,
    });
    expect(created.status).toBe(302);
    expect(created.headers.get('location')).toBe('/runs');
    expect(fx.settings.userCount()).toBe(1);
    const stored = fx.settings.findUserByName('admin');
    expect(stored?.role).toBe('admin');
    expect(stored?.passwordHash).toMatch(/^scrypt\$16384\$8\$1\$[^$]+\$[^$]+$/);
    expect(stored?.passwordHash).not.toContain(PASSWORD);

    const runs = await client.get('/runs');
    expect(runs.status).toBe(200);
    expect(await runs.text()).toContain('admin');
  });

  it('does not run setup twice', async () => {
    const client = new WebClient(fx.url);
    expect((await client.get('/setup')).headers.get('location')).toBe('/login');
    const token = await client.token('/login');
    const again = await client.post('/setup', {
      _csrf: token,
      username: 'intruder',
      password: PASSWORD,
      passwordAgain: PASSWORD,
    });
    expect(again.status).toBe(302);
    expect(again.headers.get('location')).toBe('/login');
    expect(fx.settings.userCount()).toBe(1);
  });
});

describe('web: sign-in', () => {
  it('requires sign-in for every page but /login, /healthz and /static', async () => {
    const client = new WebClient(fx.url);
    for (const path of ['/', '/runs', '/runs/1', '/runs/1/files/0', '/nowhere']) {
      const response = await client.get(path);
      expect(response.status, path).toBe(302);
      expect(response.headers.get('location'), path).toMatch(/^\/login(\?|$)/);
    }
    expect((await client.get('/login')).status).toBe(200);
    expect((await client.get('/healthz')).status).toBe(200);
    expect((await client.get('/static/style.css')).status).toBe(200);
  });

  it('tells htmx to redirect instead of sending a 302', async () => {
    const client = new WebClient(fx.url);
    const response = await client.get('/runs', { 'HX-Request': 'true' });
    expect(response.status).toBe(401);
    expect(response.headers.get('hx-redirect')).toMatch(/^\/login/);
  });

  it('refuses a wrong password with a message that does not tell which part was wrong', async () => {
    const client = new WebClient(fx.url);
    const token = await client.token('/login');
    const wrongPassword = await client.post('/login', {
      _csrf: token,
      username: 'admin',
      password: 'wrong password!',
    });
    expect(wrongPassword.status).toBe(401);
    const wrongPasswordText = await wrongPassword.text();
    expect(wrongPasswordText).toContain('Nom d&#39;utilisateur ou mot de passe incorrect.');
    const unknownUser = await client.post('/login', { _csrf: token, username: 'nobody', password: PASSWORD });
    expect(unknownUser.status).toBe(401);
    expect(await unknownUser.text()).toContain('Nom d&#39;utilisateur ou mot de passe incorrect.');
    expect(wrongPasswordText).not.toContain('wrong password!');
    expect((await client.get('/runs')).status).toBe(302);
  });

  it('refuses POST /login without a CSRF token or with a wrong one', async () => {
    const client = new WebClient(fx.url);
    await client.token('/login');
    expect((await client.post('/login', { username: 'admin', password: PASSWORD })).status).toBe(403);
    expect(
      (await client.post('/login', { username: 'admin', password: PASSWORD }, { 'X-CSRF-Token': 'nope' }))
        .status,
    ).toBe(403);
    expect((await client.get('/runs')).status).toBe(302);
  });

  it('signs in with the right password, sets a safe cookie, and follows ?next= on this site only', async () => {
    const client = new WebClient(fx.url);
    const token = await client.token('/login?next=%2Fruns%2F2');
    const response = await client.post('/login', {
      _csrf: token,
      username: 'ADMIN',
      password: PASSWORD,
      next: '/runs/2',
    });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/runs/2');
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith('comptoir.sid='));
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=lax/i);
    expect(client.cookies.has('comptoir.sid.sig')).toBe(true);
    expect((await client.get('/runs')).status).toBe(200);

    const other = new WebClient(fx.url);
    const otherToken = await other.token('/login');
    const away = await other.post('/login', {
      _csrf: otherToken,
      username: 'admin',
      password: PASSWORD,
      next: '//evil.example/',
    });
    expect(away.headers.get('location')).toBe('/runs');
  });

  it('does not accept a tampered session cookie', async () => {
    const client = await signedIn();
    const value = client.cookies.get('comptoir.sid') ?? '';
    client.cookies.set('comptoir.sid', `${value.slice(0, -2)}AA`);
    expect((await client.get('/runs')).status).toBe(302);
  });

  it('signs out with the CSRF token, and the old cookie no longer works', async () => {
    const client = await signedIn();
    const before = new Map(client.cookies);
    const token = await client.token('/runs');
    expect((await client.post('/logout', {})).status).toBe(403);
    const out = await client.post('/logout', {}, { 'X-CSRF-Token': token });
    expect(out.status).toBe(302);
    expect(out.headers.get('location')).toBe('/login');
    expect((await client.get('/runs')).status).toBe(302);
    // A copy of the cookie taken before sign-out.
    const replay = new WebClient(fx.url);
    for (const [k, v] of before) replay.cookies.set(k, v);
    expect((await replay.get('/runs')).status).toBe(302);
  });
});

describe('web: runs', () => {
  it('lists the runs with their French status, the runs in progress, and polls while one runs', async () => {
    const client = await signedIn();
    const response = await client.get('/runs');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<html lang="fr">');
    for (const text of [
      'réussie',
      'partiellement réussie',
      'échouée',
      'en cours',
      'Boutique Lavande',
      'Atelier Nord',
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toContain('Exécutions en cours');
    expect(html).toContain('4 documents traités · 40 % du fichier lu');
    expect(html).toContain('hx-trigger="every 2s"');
    expect(html).toContain('Commandes');
    expect(html).toContain('Avoirs');
    expect(html).toContain('Dossier de dépôt');
    // Dates in the appliance's zone (Europe/Paris: UTC+1 in March 2025).
    expect(html).toContain('14/03/2025 09:05:00');
    expect(html).toContain('1 min 05 s');
    expect(html).toContain(`hx-headers='{"X-CSRF-Token": "`);
    expect(html).toContain('/static/htmx.min.js');
  });

  it('filters by status and paginates', async () => {
    const client = await signedIn();
    const failed = await (await client.get('/runs?status=failed')).text();
    expect(failed).toContain('Atelier Nord');
    expect(failed).not.toContain('partiellement réussie</span>');
    const byProfile = await (await client.get('/runs?profile=p2&task=orders')).text();
    expect(byProfile).toContain('Aucune exécution ne correspond');
    const page = await (await client.get('/runs?page=7')).text();
    expect(page).toContain('Page 7 sur 1');
  });

  it('answers htmx with the list partial only', async () => {
    const client = await signedIn();
    const response = await client.get('/runs', { 'HX-Request': 'true' });
    expect(response.status).toBe(200);
    expect(response.headers.get('vary')).toMatch(/HX-Request/i);
    const html = await response.text();
    expect(html).not.toContain('<html');
    expect(html).toContain('id="runs-list"');
    expect(html).toContain('hx-trigger="every 2s"');
    // A history restore wants the page.
    const restore = await client.get('/runs', { 'HX-Request': 'true', 'HX-History-Restore-Request': 'true' });
    expect(await restore.text()).toContain('<html');
  });

  it('speaks English with lang=en, set through POST /lang', async () => {
    const client = await signedIn();
    const token = await client.token('/runs');
    expect((await client.post('/lang', { lang: 'en', back: '/runs' })).status).toBe(403);
    const switched = await client.post('/lang', { _csrf: token, lang: 'en', back: '/runs?status=failed' });
    expect(switched.status).toBe(302);
    expect(switched.headers.get('location')).toBe('/runs?status=failed');
    expect(client.cookies.get('lang')).toBe('en');
    const html = await (await client.get('/runs')).text();
    expect(html).toContain('<html lang="en">');
    for (const text of ['Run logs', 'succeeded', 'partly succeeded', 'failed', 'running', 'Credit notes']) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain('réussie');
    const away = await client.post('/lang', { _csrf: token, lang: 'fr', back: 'https://evil.example/' });
    expect(away.headers.get('location')).toBe('/');
  });

  it('shows a run: summary, error log, journal and files', async () => {
    const client = await signedIn();
    const { succeeded } = fx.seeded;
    const response = await client.get(`/runs/${succeeded.id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain(`Exécution n° ${succeeded.id}`);
    expect(html).toContain('1234,56');
    expect(html).toContain('Lecture de 3 commandes');
    expect(html).toContain('commande 1042');
    expect(html).toContain('Taux de TVA arrondi');
    expect(html).toContain('commande 1043');
    expect(html).toContain('tax_rate');
    expect(html).toContain('Taux de TVA inconnu « 7,7 »');
    expect(html).toContain('Ajoutez ce taux dans les exceptions du profil');
    expect(html).toContain(`/runs/${succeeded.id}/files/0`);
    expect(html).toContain('ecritures-2025-03-14.txt');
    expect(html).toContain('Fichier des écritures');
    expect(html).not.toContain('hx-trigger="every 2s"');

    const failed = await (await client.get(`/runs/${fx.seeded.failed.id}`)).text();
    expect(failed).toContain('Le fichier XML est mal formé');
  });

  it('downloads a kept file byte for byte', async () => {
    const client = await signedIn();
    const { succeeded, entriesBytes } = fx.seeded;
    const response = await client.get(`/runs/${succeeded.id}/files/0`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="ecritures-2025-03-14.txt"/,
    );
    expect(Buffer.from(await response.arrayBuffer())).toEqual(entriesBytes);
  });

  it('answers 404 for unknown runs, file indexes out of range and files gone from disk', async () => {
    const client = await signedIn();
    const { succeeded } = fx.seeded;
    const outOfRange = await client.get(`/runs/${succeeded.id}/files/2`);
    expect(outOfRange.status).toBe(404);
    expect(await outOfRange.text()).toContain('n&#39;existe pas pour l&#39;exécution');
    expect((await client.get(`/runs/${succeeded.id}/files/-1`)).status).toBe(404);
    expect((await client.get(`/runs/${succeeded.id}/files/..%2F..%2Fcomptoir.json`)).status).toBe(404);
    const unknown = await client.get('/runs/999');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('L&#39;exécution n° 999 n&#39;existe pas.');
    expect((await client.get('/runs/abc')).status).toBe(404);
    const nowhere = await client.get('/nowhere');
    expect(nowhere.status).toBe(404);
    expect(await nowhere.text()).toContain('Page introuvable');

    const second = succeeded.files[1];
    if (!second) throw new Error('seeded run has two files');
    await fs.rm(second.path);
    const gone = await client.get(`/runs/${succeeded.id}/files/1`);
    expect(gone.status).toBe(404);
    expect(gone.headers.get('content-disposition')).toBeNull();
    expect(await gone.text()).toContain('n&#39;est plus disponible');
  });

  it('refreshes the summary of a running run, and reloads the page once it has ended', async () => {
    const client = await signedIn();
    const page = await (await client.get(`/runs/${fx.seeded.running.id}`)).text();
    expect(page).toContain(`hx-get="/runs/${fx.seeded.running.id}?poll=1"`);
    const poll = await client.get(`/runs/${fx.seeded.running.id}?poll=1`, { 'HX-Request': 'true' });
    const partial = await poll.text();
    expect(partial).not.toContain('<html');
    expect(partial).toContain('id="run-summary"');
    expect(partial).toContain('hx-trigger="every 2s"');
    const ended = await client.get(`/runs/${fx.seeded.partly.id}?poll=1`, { 'HX-Request': 'true' });
    expect(ended.headers.get('hx-refresh')).toBe('true');
  });

  it('gives htmx an error partial aimed at the message area', async () => {
    const client = await signedIn();
    const response = await client.get('/runs/999', { 'HX-Request': 'true' });
    expect(response.status).toBe(404);
    expect(response.headers.get('hx-retarget')).toBe('#flash');
    const html = await response.text();
    expect(html).not.toContain('<html');
    expect(html).toContain('class="alert alert-error"');
  });

  it('shows a generic message, not the internal error, when something unexpected fails', async () => {
    const client = await signedIn();
    const { failed } = fx.seeded;
    // A folder where the journal file should be: reading it fails with EISDIR.
    await fs.mkdir(path.join(fx.runs.dir(failed.id), 'journal.jsonl'), { recursive: true });
    const response = await client.get(`/runs/${failed.id}`);
    expect(response.status).toBe(500);
    const html = await response.text();
    expect(html).toContain('Une erreur inattendue est survenue');
    expect(html).not.toMatch(/EISDIR|journal\.jsonl|at \S+ \(/);
    await fs.rm(path.join(fx.runs.dir(failed.id), 'journal.jsonl'), { recursive: true });
  });

  it('sends the security headers', async () => {
    const client = await signedIn();
    for (const path of ['/runs', '/login', '/healthz', '/nowhere']) {
      const response = await client.get(path);
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-frame-options'), path).toBe('DENY');
      expect(response.headers.get('referrer-policy'), path).toBe('same-origin');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("style-src 'self'");
      expect(csp, path).not.toContain('unsafe');
    }
  });
});
