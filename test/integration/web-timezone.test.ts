// The appliance's time zone on the settings page: a zone Intl does not know is refused next
// to its field; a good one is kept and is the one in effect after the next start.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { setQuiet } from '../../src/log.js';
import { startAppliance, type Appliance } from '../../src/serve.js';
import { WebClient } from '../helpers/web-client.js';

setQuiet(true);
const PASSWORD = 'correct horse battery';
let root: string;
let appliance: Appliance | undefined;

const start = (): Promise<Appliance> =>
  startAppliance(
    {
      dataDir: root,
      port: 0,
      host: '127.0.0.1',
      stabilityMs: 150,
      polling: false,
      rescanMs: 60_000,
      timeZone: 'Europe/Paris',
    },
    { stopGraceMs: 500 },
  );

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-timezone-'));
});

afterAll(async () => {
  await appliance?.close();
  await fs.rm(root, { recursive: true, force: true });
});

it('refuses an unknown zone next to its field, keeps a good one and applies it at the next start', async () => {
  appliance = await start();
  let client = new WebClient(appliance.url);
  const token = await client.setup('admin', PASSWORD);
  expect(await (await client.get('/settings')).text()).toMatch(/id="timeZone"[^>]*value="Europe\/Paris"/);

  for (const bad of ['Mars/Olympus', 'Europe/Paris; rm', '']) {
    const refused = await client.post('/settings/timezone', { _csrf: token, timeZone: bad });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain(
      '<p class="field-error" id="err-timeZone" role="alert">Un fuseau horaire IANA',
    );
  }
  expect(appliance.settings.timeZone()).toBeUndefined();

  const saved = await client.post('/settings/timezone', { _csrf: token, timeZone: 'America/Martinique' });
  expect(saved.status).toBe(200);
  const page = await saved.text();
  expect(page).toContain('il s’appliquera au prochain démarrage');
  // Still Paris until the restart.
  expect(page).toMatch(/<dd>Europe\/Paris<\/dd>/);
  await appliance.close();

  appliance = await start();
  client = new WebClient(appliance.url);
  const login = await client.token('/login');
  expect((await client.post('/login', { _csrf: login, username: 'admin', password: PASSWORD })).status).toBe(
    302,
  );
  expect(await (await client.get('/settings')).text()).toMatch(/<dd>America\/Martinique<\/dd>/);
});
