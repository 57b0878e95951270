// The web layer's defences over real HTTP, against the real appliance where the whole
// router set matters: CSRF on every state-changing route (listed from the routers
// themselves, so a new route is covered without editing this file), security headers,
// the session cookie's attributes, and downloads that cannot leave the data folder.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type Router from '@koa/router';
import type Koa from 'koa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyCounts } from '../../src/domain/run.js';
import { setQuiet } from '../../src/log.js';
import { startAppliance, type Appliance } from '../../src/serve.js';
import { loadOrCreateSecretKey } from '../../src/store/secret-key.js';
import { createWebApp } from '../../src/web/app.js';
import { SESSION_COOKIE } from '../../src/web/session.js';
import {
  ADMIN,
  Client,
  crawl,
  PASSWORD,
  ROOT,
  startTestApp,
  type Reply,
  type TestApp,
} from './web-security-helpers.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

interface Route {
  method: string;
  path: string;
}

/** Every non-safe method of every route of every router the app mounts. */
function stateChangingRoutes(app: Koa): Route[] {
  const routes: Route[] = [];
  for (const middleware of app.middleware) {
    const router = (middleware as { router?: Router }).router;
    for (const layer of router?.stack ?? []) {
      if (typeof layer.path !== 'string')
        throw new Error(`a route with a RegExp path: ${String(layer.path)}`);
      for (const method of layer.methods) if (!SAFE.has(method)) routes.push({ method, path: layer.path });
    }
  }
  return routes;
}

/** sha256 of every file under `dir`, by relative path. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, full)] = createHash('sha256')
      .update(await fs.readFile(full))
      .digest('hex');
  }
  return out;
}

describe('web security against the appliance', () => {
  let dataDir: string;
  let appliance: Appliance;
  let admin: Client;
  let routes: Route[];

  beforeAll(async () => {
    setQuiet(true);
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-websec-app-'));
    appliance = await startAppliance({
      dataDir,
      port: 0,
      host: '127.0.0.1',
      stabilityMs: 200,
      polling: false,
      rescanMs: 60_000,
      timeZone: 'Europe/Paris',
    });
    admin = new Client(appliance.url);
    const token = await admin.token('/setup');
    const setup = await admin.post('/setup', {
      _csrf: token,
      username: ADMIN,
      password: PASSWORD,
      passwordAgain: PASSWORD,
    });
    expect(setup.status).toBe(302);
    // The same routers as the appliance's, built from its own stores and services.
    const app = createWebApp({
      settings: appliance.settings,
      runs: appliance.runs,
      secretKey: await loadOrCreateSecretKey(path.join(dataDir, 'secret.key')),
      deliveries: {
        reader: appliance.deliveries.reader(),
        resend: (id) => appliance.deliveries.resend(id),
      },
      services: {
        pipeline: appliance.pipeline,
        schedules: appliance.schedules,
        scheduler: appliance.scheduler,
      },
      viewsDir: path.join(ROOT, 'views'),
      publicDir: path.join(ROOT, 'public'),
      dataDir,
    });
    routes = stateChangingRoutes(app);
  });

  afterAll(async () => {
    await appliance?.close();
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('made the key file readable by its owner only', async () => {
    const stat = await fs.stat(path.join(dataDir, 'secret.key'));
    expect(stat.mode & 0o777).toBe(0o600);
  });

  it('refuses every state-changing route without the session’s CSRF token (403), changing nothing', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(20);
    expect(routes).toEqual(
      expect.arrayContaining([
        { method: 'POST', path: '/login' },
        { method: 'POST', path: '/logout' },
        { method: 'POST', path: '/profiles/:id/delete' },
        { method: 'POST', path: '/settings/users' },
      ]),
    );
    const profileId = appliance.settings.defaultProfile()?.id ?? '';
    const userId = appliance.settings.users()[0]?.id ?? '';
    const concrete = (route: string) =>
      route
        .replace(/[{}]/g, '')
        .replace(/\*\w*/g, 'x')
        .replace(/:(\w+)/g, (_all, name: string) => {
          if (route.startsWith('/runs')) return '1';
          if (route.startsWith('/settings/users')) return userId;
          return name === 'id' ? profileId : 'profile';
        });
    // A token that is valid, but for another session.
    const stranger = new Client(appliance.url);
    const otherToken = await stranger.token('/login');
    const before = await snapshot(dataDir);
    const anonymous = new Client(appliance.url);
    for (const route of routes) {
      const target = concrete(route.path);
      const form = new URLSearchParams({
        name: 'forged',
        username: 'mallory',
        password: 'x'.repeat(12),
      }).toString();
      const type = { 'content-type': 'application/x-www-form-urlencoded' };
      const label = `${route.method} ${route.path}`;
      expect((await admin.request(route.method, target, form, type)).status, `${label}, no token`).toBe(403);
      const foreignField = `${form}&_csrf=${encodeURIComponent(otherToken)}`;
      expect((await admin.request(route.method, target, foreignField, type)).status, `${label}, field`).toBe(
        403,
      );
      const foreignHeader = { ...type, 'X-CSRF-Token': otherToken, 'HX-Request': 'true' };
      expect(
        (await admin.request(route.method, target, form, foreignHeader)).status,
        `${label}, header`,
      ).toBe(403);
      expect((await anonymous.request(route.method, target, form, type)).status, `${label}, anonymous`).toBe(
        403,
      );
    }
    // Not only the routes: any other non-safe request is refused too.
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      expect((await admin.request(method, '/no-such-route', 'a=1', {})).status, method).toBe(403);
    }
    expect(await snapshot(dataDir)).toEqual(before);
    expect(appliance.settings.users()).toHaveLength(1);
    expect(appliance.settings.profile(profileId)).toBeDefined();
  });

  it('sends the security headers with every page, and pages carry no inline script', async () => {
    const pages = await crawl(admin, [
      '/runs',
      '/profiles',
      '/configuration/profile',
      '/formats',
      '/settings',
      '/help',
    ]);
    const html = pages.filter((p) => String(p.reply.headers['content-type']).startsWith('text/html'));
    expect(html.length).toBeGreaterThanOrEqual(10);
    const unknown = await admin.get('/no-such-page');
    expect(unknown.status).toBe(404);
    const login = await new Client(appliance.url).get('/login');
    for (const { url, reply } of [
      ...pages,
      { url: '/no-such-page', reply: unknown },
      { url: '/login', reply: login },
    ]) {
      const csp = String(reply.headers['content-security-policy'] ?? '');
      const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? /default-src ([^;]*)/.exec(csp)?.[1];
      expect(scriptSrc, url).toBeDefined();
      expect(scriptSrc, url).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:/);
      expect(csp, url).toMatch(/frame-ancestors 'none'/);
      expect(reply.headers['x-content-type-options'], url).toBe('nosniff');
      expect(reply.headers['referrer-policy'], url).toMatch(/^(same-origin|no-referrer|strict-origin)/);
      if (String(reply.headers['content-type']).startsWith('text/html')) {
        // No inline script and no inline event handler: the CSP would block them anyway.
        expect(reply.text, url).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i);
        expect(reply.text, url).not.toMatch(/<[^>]+\son[a-z]+\s*=/i);
        expect(reply.text, url).not.toMatch(/javascript:/i);
      }
    }
  });

  it('sets the session cookie HttpOnly and SameSite, not Secure over plain HTTP', async () => {
    const client = new Client(appliance.url);
    await client.signIn();
    const cookies = client.lastSetCookie.filter((line) => line.startsWith(`${SESSION_COOKIE}`));
    expect(cookies.length).toBeGreaterThanOrEqual(1);
    for (const line of cookies) {
      expect(line).toMatch(/;\s*httponly/i);
      expect(line).toMatch(/;\s*samesite=(lax|strict)/i);
      expect(line).not.toMatch(/;\s*secure/i);
    }
  });
});

describe('web security behind a TLS proxy', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ secureCookies: true });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('marks the session cookie Secure, HttpOnly and SameSite', async () => {
    const client = new Client(app.url, { headers: { 'x-forwarded-proto': 'https' } });
    const reply = await client.signIn();
    expect(reply.status).toBe(302);
    const cookies = client.lastSetCookie.filter((line) => line.startsWith(`${SESSION_COOKIE}`));
    expect(cookies.length).toBeGreaterThanOrEqual(1);
    for (const line of cookies) {
      expect(line).toMatch(/;\s*secure/i);
      expect(line).toMatch(/;\s*httponly/i);
      expect(line).toMatch(/;\s*samesite=(lax|strict)/i);
    }
    expect((await client.get('/runs')).status).toBe(200);
  });
});

describe('downloads cannot reach outside the data folder', () => {
  const SENTINEL = 'OUTSIDE-THE-DATA-FOLDER-7c1e9f';
  let outside: string;
  let publicDir: string;
  let app: TestApp;
  let admin: Client;
  let runId: number;

  beforeAll(async () => {
    outside = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-outside-'));
    await fs.writeFile(path.join(outside, 'secret.txt'), SENTINEL);
    await fs.writeFile(path.join(outside, 'style.css'), SENTINEL);
    // A public folder with links that lead out (a file and a folder).
    publicDir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-public-'));
    await fs.copyFile(path.join(ROOT, 'public', 'style.css'), path.join(publicDir, 'style.css'));
    await fs.symlink(path.join(outside, 'style.css'), path.join(publicDir, 'leak.css'));
    await fs.symlink(outside, path.join(publicDir, 'linked'));
    app = await startTestApp({ publicDir });
    admin = new Client(app.url);
    expect((await admin.signIn()).status).toBe(302);

    const run = await app.runs.create({
      profileId: 'p1',
      profileName: 'Boutique',
      task: 'orders',
      status: 'running',
      startedAt: '2025-03-14T08:00:00.000Z',
      counts: emptyCounts(),
      debit: '0.00',
      credit: '0.00',
      done: 0,
      files: [],
    });
    runId = run.id;
    const dir = app.runs.dir(run.id);
    await fs.writeFile(path.join(dir, 'entries.txt'), 'ENTRIES');
    await fs.symlink(path.join(outside, 'secret.txt'), path.join(dir, 'link.txt'));
    await fs.symlink(outside, path.join(dir, 'linked-dir'));
    await app.runs.finish({
      ...run,
      status: 'succeeded',
      endedAt: '2025-03-14T08:01:00.000Z',
      files: [
        { kind: 'entries', name: 'entries.txt', path: path.join(dir, 'entries.txt') },
        // A link planted in the run's folder, and records edited to point elsewhere.
        { kind: 'entries', name: 'link.txt', path: path.join(dir, 'link.txt') },
        { kind: 'entries', name: 'secret.txt', path: path.join(dir, 'linked-dir', 'secret.txt') },
        { kind: 'source', name: 'secret.txt', path: path.join(outside, 'secret.txt') },
        {
          kind: 'source',
          name: 'x.txt',
          path: path.join(dir, '..', '..', '..', path.basename(outside), 'secret.txt'),
        },
        { kind: 'source', name: 'passwd', path: '/etc/passwd' },
      ],
    });
  });

  afterAll(async () => {
    await app?.close();
    await fs.rm(outside, { recursive: true, force: true });
    await fs.rm(publicDir, { recursive: true, force: true });
  });

  function expectNothingLeaked(target: string, reply: Reply): void {
    expect([400, 404], `${target} → ${reply.status}`).toContain(reply.status);
    expect(reply.text, target).not.toContain(SENTINEL);
    expect(reply.text, target).not.toMatch(/root:.*:0:0:/);
    expect(reply.text, target).not.toContain('"passwordHash"');
  }

  it('serves a kept file inside the run’s folder, and none of the links or paths that lead out', async () => {
    const ok = await admin.get(`/runs/${runId}/files/0`);
    expect(ok.status).toBe(200);
    expect(ok.text).toBe('ENTRIES');
    for (const index of [1, 2, 3, 4, 5]) {
      const target = `/runs/${runId}/files/${index}`;
      expectNothingLeaked(target, await admin.get(target));
    }
  });

  it('answers 400 or 404 to traversal in every path that names a file, a profile, a format or a section', async () => {
    const hostile = [
      '../../../../../../etc/passwd',
      '..%2f..%2f..%2f..%2f..%2fetc%2fpasswd',
      '%2e%2e%2f%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
      '..%5c..%5c..%5cetc%5cpasswd',
      '%252e%252e%252fcomptoir.json',
      '%2fetc%2fpasswd',
      '/etc/passwd',
      `${encodeURIComponent(path.join(outside, 'secret.txt'))}`,
      '..%2fcomptoir.json',
      '..%2f..%2fcomptoir.json',
      '..%00',
      'linked%2fsecret.txt',
      'leak.css',
      'linked/secret.txt',
      'linked/style.css',
    ];
    const templates = [
      '/static/{}',
      `/runs/${runId}/files/{}`,
      `/runs/{}/files/0`,
      '/runs/{}',
      '/profiles/{}/export',
      '/profiles/{}/delete',
      '/formats/{}',
      '/configuration/{}',
      '/configuration/section/{}',
      `/runs/${runId}/deliveries/{}`,
    ];
    for (const template of templates) {
      for (const value of hostile) {
        const target = template.replace('{}', value).replace(/\/{2,}/g, '/');
        expectNothingLeaked(target, await admin.get(target));
      }
    }
  });
});
