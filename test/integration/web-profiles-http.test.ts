// The profile, configuration, format and settings routes over real HTTP: every new POST
// refuses a request without the CSRF token, exports carry no secret, and the settings
// rules (last administrator, current password) hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWoocommerceSimulator } from '../simulators/woocommerce.js';
import { WebClient } from '../helpers/web-client.js';
import { startWebFixture, type WebFixture } from './web-fixture.js';

const PASSWORD = 'correct horse battery';
const SECRET = 'shpat_0123456789-known-secret';

let fx: WebFixture;
let client: WebClient;
let token: string;
let shopifyId: string;

beforeAll(async () => {
  fx = await startWebFixture();
  client = new WebClient(fx.url);
  const setup = await client.token('/setup');
  await client.post('/setup', {
    _csrf: setup,
    username: 'admin',
    password: PASSWORD,
    passwordAgain: PASSWORD,
  });
  token = await client.token('/runs');
  const created = await client.post('/profiles/new', {
    _csrf: token,
    step: '3',
    entriesFormat: 'fec',
    type: 'shopify',
    url: 'https://boutique.myshopify.com',
    accessToken: SECRET,
    orders: '1',
    creditNotes: '1',
    name: '',
  });
  expect(created.status).toBe(302);
  shopifyId = fx.settings.profiles()[0]?.id ?? '';
});

afterAll(async () => {
  await fx?.close();
});

describe('web: profiles, configuration, formats and settings over HTTP', () => {
  it('refuses every new POST without the CSRF token', async () => {
    const userId = fx.settings.users()[0]?.id ?? '';
    const paths = [
      '/profiles/select',
      '/profiles/new',
      '/profiles/import',
      `/profiles/${shopifyId}/default`,
      `/profiles/${shopifyId}/duplicate`,
      `/profiles/${shopifyId}/delete`,
      '/configuration/preset',
      '/configuration/mode',
      '/configuration/test-connection',
      '/configuration/refresh',
      '/configuration/template-example',
      '/configuration/profile',
      '/configuration/customers',
      '/configuration/options',
      '/configuration/import',
      '/configuration/notifications',
      '/configuration/taxes',
      '/formats/fec',
      '/formats/fec/preview',
      '/formats/user-x/delete',
      '/settings/users',
      `/settings/users/${userId}/delete`,
      '/settings/password',
    ];
    for (const path of paths) {
      expect((await client.post(path, { name: 'x' })).status, path).toBe(403);
      expect(
        (await client.post(path, { _csrf: 'x'.repeat(token.length) }, { 'HX-Request': 'true' })).status,
        path,
      ).toBe(403);
    }
    const multipart = new FormData();
    multipart.set('file', new Blob(['{}'], { type: 'application/json' }), 'p.json');
    expect((await client.request('/profiles/import', { method: 'POST', body: multipart })).status).toBe(403);
    expect(fx.settings.profiles()).toHaveLength(1);
    expect(fx.settings.userCount()).toBe(1);
  });

  it('names the new profile after its source and keeps its secret out of pages and exports', async () => {
    const profile = fx.settings.profile(shopifyId);
    expect(profile?.name).toBe('SHOPIFY <> TEXTE');
    expect(profile?.source).toMatchObject({ accessToken: SECRET });
    for (const path of ['/profiles', '/configuration/profile', `/profiles/${shopifyId}/delete`]) {
      expect(await (await client.request(path)).text(), path).not.toContain(SECRET);
    }
    const exported = await client.request(`/profiles/${shopifyId}/export`);
    expect(exported.headers.get('content-disposition')).toContain('SHOPIFY-TEXTE.json');
    const json = (await exported.json()) as { source: { accessToken: string } };
    expect(json.source.accessToken).toBe('');
  });

  it('imports a profile file with its CSRF token, and lists the problems of a bad one', async () => {
    const exported = await (await client.request(`/profiles/${shopifyId}/export`)).text();
    const good = new FormData();
    good.set('_csrf', token);
    good.set('file', new Blob([exported], { type: 'application/json' }), 'p.json');
    const imported = await client.request('/profiles/import', { method: 'POST', body: good });
    expect(imported.status).toBe(302);
    expect(fx.settings.profiles()).toHaveLength(2);

    const bad = new FormData();
    bad.set('_csrf', token);
    bad.set('file', new Blob(['{"accounting":{"bookCurrency":"euro"}}']), 'bad.json');
    const refused = await client.request('/profiles/import', { method: 'POST', body: bad });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('accounting.bookCurrency');
  });

  it('deletes a profile after confirmation; its runs stay', async () => {
    const copy = fx.settings.profiles()[1];
    const before = (await fx.runs.list()).total;
    const confirm = await client.request(`/profiles/${copy?.id}/delete`);
    expect(await confirm.text()).toContain('Supprimer définitivement');
    expect((await client.post(`/profiles/${copy?.id}/delete`, { _csrf: token })).status).toBe(302);
    expect(fx.settings.profile(copy?.id ?? '')).toBeUndefined();
    expect((await fx.runs.list()).total).toBe(before);
  });

  it('keeps the last administrator and asks for the current password', async () => {
    const me = fx.settings.users()[0];
    const last = await client.post(`/settings/users/${me?.id}/delete`, { _csrf: token });
    expect(last.status).toBe(422);
    expect(await last.text()).toContain('dernier administrateur');
    const wrong = await client.post('/settings/password', {
      _csrf: token,
      current: 'not the password',
      password: 'un nouveau mot de passe',
      passwordAgain: 'un nouveau mot de passe',
    });
    expect(wrong.status).toBe(422);
    const added = await client.post('/settings/users', {
      _csrf: token,
      username: 'stagiaire',
      password: PASSWORD,
      role: 'user',
    });
    expect(added.status).toBe(200);
    const other = fx.settings.findUserByName('stagiaire');
    expect((await client.post(`/settings/users/${other?.id}/delete`, { _csrf: token })).status).toBe(200);
    expect(fx.settings.findUserByName('stagiaire')).toBeUndefined();
  });

  it('tests the shop connection, reads its states and adds all countries to an exceptions table', async () => {
    const sim = await startWoocommerceSimulator();
    try {
      const created = await client.post('/profiles/new', {
        _csrf: token,
        step: '3',
        entriesFormat: 'fec',
        type: 'woocommerce',
        url: sim.url,
        consumerKey: sim.consumerKey,
        consumerSecret: sim.consumerSecret,
        orders: '1',
        name: 'Woo',
      });
      expect(created.status).toBe(302);
      const woo = fx.settings.profiles().find((p) => p.name === 'Woo');
      const htmx = { 'HX-Request': 'true' };
      const test = await client.post('/configuration/test-connection', { _csrf: token }, htmx);
      expect(await test.text()).toContain('Connexion réussie');
      const refresh = await client.post('/configuration/refresh', { _csrf: token }, htmx);
      expect(await refresh.text()).toContain('Configuration lue');
      const importPage = await (await client.request('/configuration/import')).text();
      expect(importPage).toContain('name="import.states" value="processing"');

      const states = new URLSearchParams({
        _csrf: token,
        'import.period': 'yesterday',
        'import.dateField': 'order',
      });
      states.append('import.states', 'processing');
      states.append('import.states', 'completed');
      states.set('import.creditNotes', 'all');
      const saved = await client.request('/configuration/import', {
        method: 'POST',
        body: states.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...htmx },
      });
      expect(await saved.text()).toContain('Enregistré');
      expect(fx.settings.profile(woo?.id ?? '')?.import).toMatchObject({
        states: ['processing', 'completed'],
        period: 'yesterday',
      });

      await client.post('/configuration/mode', { _csrf: token, advanced: '1', tab: 'entries' });
      const added = await client.post('/configuration/journals', {
        _csrf: token,
        action: 'add-countries',
        'accounting.journals.default.sales': 'VTE',
        'accounting.journals.default.creditNotes': 'AVO',
        'accounting.journals.exceptions.count': '0',
      });
      expect(added.status).toBe(200);
      const rows = fx.settings.profile(woo?.id ?? '')?.accounting.journals.exceptions ?? [];
      expect(rows.map((r) => r.key.country)).toEqual(expect.arrayContaining(['FR', 'DE', 'SE']));
      expect(rows.length).toBeGreaterThanOrEqual(27);
    } finally {
      await sim.close();
    }
  });
});
