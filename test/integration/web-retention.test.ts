// Data retention on the settings page: a bad number of days is refused next to its field,
// a good one is kept in the settings and is what the housekeeping prunes by.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { WebClient } from '../helpers/web-client.js';
import { startWebFixture, type WebFixture } from './web-fixture.js';

let fx: WebFixture;
let client: WebClient;
let token: string;

beforeAll(async () => {
  fx = await startWebFixture();
  client = new WebClient(fx.url);
  token = await client.setup('admin', 'correct horse battery');
});

afterAll(async () => {
  await fx?.close();
});

it('shows 90 days by default, refuses a bad value next to the field and saves a good one', async () => {
  expect(await (await client.request('/settings')).text()).toMatch(/id="journalDays"[^>]*value="90"/);
  for (const bad of ['0', 'abc', '40000', '']) {
    const response = await client.post('/settings/retention', { _csrf: token, journalDays: bad });
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(html).toMatch(
      /<p class="field-error" id="err-journalDays" role="alert">Un nombre de jours entier, de 1 à 36500\.<\/p>/,
    );
  }
  expect(fx.settings.journalDays()).toBeUndefined();
  const saved = await client.post('/settings/retention', { _csrf: token, journalDays: '30' });
  expect(saved.status).toBe(200);
  expect(await saved.text()).toContain('Les journaux sont conservés 30 jours.');
  expect(fx.settings.journalDays()).toBe(30);
  expect(await (await client.request('/settings')).text()).toMatch(/id="journalDays"[^>]*value="30"/);
});

it('prunes by the saved retention: a run ended 31 days ago loses its journal, not its summary', async () => {
  const { succeeded } = fx.seeded;
  const ended = Date.parse(succeeded.endedAt ?? succeeded.startedAt);
  const days = fx.settings.journalDays() ?? 90;
  const pruned = await fx.runs.prune(days, new Date(ended + (days + 1) * 86_400_000));
  expect(pruned).toBeGreaterThan(0);
  expect(await fx.runs.journal(succeeded.id)).toEqual([]);
  expect((await fx.runs.get(succeeded.id))?.journalPrunedAt).toBeDefined();
});
