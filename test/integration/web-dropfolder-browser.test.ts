// The drop-folder journey in a real browser (Chromium through playwright-core) on a real
// appliance: first start → administrator → the wizard creates a drop-folder profile with
// its own folder → a file dropped there shows up in the runs list → the run page offers
// the entries file, whose download holds the FEC entries. Then the folder is changed in
// the configuration (the new one is watched, the old one no longer) and the profile is
// deleted (its folder is no longer watched): no restart, the watchers follow the profiles
// (pipeline/drop-folders.ts). No script error nor CSP violation may show up in the console.
// Screenshots: test-results/dropfolder-*.png.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import {
  createAdministrator,
  openBrowser,
  runBrowser,
  SHOTS,
  type BrowserSession,
} from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setQuiet } from '../../src/log.js';
import { startAppliance, type Appliance } from '../../src/serve.js';
import { ordersFile } from '../helpers/orders.js';
import { sleep, waitFor } from '../helpers/wait.js';

const PASSWORD = 'un mot de passe solide';
const PROFILE = 'Boutique Lavande';
const STABILITY_MS = 150;
const RESCAN_MS = 500;
/** Long enough for a watched folder to take a file: stability delay and several rescans. */
const UNWATCHED_WAIT_MS = STABILITY_MS + 4 * RESCAN_MS;

describe.skipIf(!runBrowser)('drop-folder profile in a browser', { timeout: 90_000 }, () => {
  let root: string;
  let appliance: Appliance;
  let browser: BrowserSession | undefined;
  let page: Page;
  let firstFolder: string;
  let secondFolder: string;
  let profileId = '';
  const problems: string[] = [];

  const shot = (name: string) =>
    page.screenshot({ path: path.join(SHOTS, `dropfolder-${name}.png`), fullPage: true });
  /** Runs of the profile made in the wizard, finished or not. */
  const runsOfProfile = async () =>
    (await appliance.runs.list({ pageSize: 200 })).runs.filter((r) => r.profileId === profileId);
  /** Rows of the runs list (as shown in the browser) that belong to the profile. */
  const listedRows = () => page.locator('.runs-table tbody tr', { hasText: PROFILE });
  /** Drops an order file the way a user's export tool does: written aside, then renamed in. */
  const drop = async (dir: string, name: string, key: string) => {
    const text = ordersFile([{ key, priceCents: 10_000, lastname: 'Martin' }]);
    await fs.writeFile(path.join(dir, `${name}.part`), text);
    await fs.rename(path.join(dir, `${name}.part`), path.join(dir, name));
    return text;
  };
  /**
   * Waits until the runs list shows `count` succeeded runs of the profile. The list polls
   * itself only while a run is in progress, so a run that begins and ends between two
   * visits is seen by visiting the list again, as the user would.
   */
  const waitForListedRuns = async (count: number) => {
    await expect
      .poll(
        async () => {
          await page.goto(`${appliance.url}/runs`);
          return listedRows().locator('.badge-succeeded').count();
        },
        { timeout: 20_000, interval: 300 },
      )
      .toBe(count);
  };

  beforeAll(async () => {
    setQuiet(true);
    await fs.mkdir(SHOTS, { recursive: true });
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-dropfolder-browser-'));
    firstFolder = path.join(root, 'depot-lavande');
    secondFolder = path.join(root, 'depot-lavande-2');
    appliance = await startAppliance(
      {
        dataDir: path.join(root, 'data'),
        port: 0,
        host: '127.0.0.1',
        stabilityMs: STABILITY_MS,
        polling: false,
        rescanMs: RESCAN_MS,
        timeZone: 'Europe/Paris',
      },
      { stopGraceMs: 500 },
    );
    browser = await openBrowser({ problems, timeoutMs: 15_000 });
    ({ page } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await appliance?.close();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('first start: creates the administrator, then a drop-folder profile with the wizard', async () => {
    await page.goto(`${appliance.url}/`);
    await createAdministrator(page, PASSWORD);

    await page.click('nav >> text=Profils');
    await page.click('text=Nouveau profil');
    await page.selectOption('#entriesFormat', 'fec');
    await page.check('input[name=type][value=dropfolder]');
    await page.click('text=Suivant');
    await page.fill('#path', firstFolder);
    await page.click('text=Suivant');
    await page.fill('#name', PROFILE);
    await shot('1-wizard');
    await Promise.all([page.waitForURL('**/profiles?notice=created'), page.click('text=Créer le profil')]);

    const created = appliance.settings.profiles().find((p) => p.name === PROFILE);
    expect(created?.source).toMatchObject({ type: 'dropfolder', path: firstFolder });
    profileId = created?.id ?? '';
    await expect(page.inputValue('#current-profile')).resolves.toBe(profileId);
    await expect(page.locator('.profiles-table').textContent()).resolves.toContain(PROFILE);
    // The profile's own folder is created for it, without a restart.
    await waitFor(() => existsSync(firstFolder), 5000, 'the drop folder');
  });

  it('books a file dropped in the folder: the run is listed and its page offers the entries', async () => {
    await page.goto(`${appliance.url}/runs`);
    await drop(firstFolder, 'commandes-1.xml', '5001');
    await waitForListedRuns(1);
    const row = listedRows().first();
    await expect(row.textContent()).resolves.toContain(PROFILE);
    await shot('2-runs');
    const [run] = await runsOfProfile();
    expect(run).toMatchObject({ status: 'succeeded', counts: { read: 1, booked: 1, failed: 0 } });
    // The file left the folder for its archive.
    expect((await fs.readdir(firstFolder)).filter((n) => n.endsWith('.xml'))).toEqual([]);

    await Promise.all([page.waitForURL(`**/runs/${run?.id}`), row.locator('a').last().click()]);
    const entriesFile = page.locator('.files li', { hasText: 'Fichier des écritures' });
    await expect(entriesFile.count()).resolves.toBe(1);
    await shot('3-run');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      entriesFile.locator('a.button').click(),
    ]);
    const saved = path.join(root, 'downloaded-entries.txt');
    await download.saveAs(saved);
    const lines = (await fs.readFile(saved, 'utf8')).split('\r\n').filter(Boolean);
    // FEC (tab-separated, comma decimals): the sale of 100.00 + 20 % VAT for order 5001 in
    // the sales journal and its card payment in the bank journal, each balanced.
    const header = lines[0]?.split('\t') ?? [];
    expect(header.slice(0, 3)).toEqual(['JournalCode', 'JournalLib', 'EcritureNum']);
    const pick = ['JournalCode', 'CompteNum', 'CompAuxNum', 'PieceRef', 'Debit', 'Credit'].map((name) =>
      header.indexOf(name),
    );
    const entries = lines.slice(1).map((line) => {
      const cells = line.split('\t');
      return pick.map((i) => cells[i]).join(' ');
    });
    expect(entries).toEqual([
      'VTE 411000 WEB00039 5001 120,00 0,00',
      'VTE 707200  5001 0,00 100,00',
      'VTE 445720  5001 0,00 20,00',
      'BQ1 512000  5001 120,00 0,00',
      'BQ1 411000 WEB00039 5001 0,00 120,00',
    ]);
    expect(lines.join('\n')).toContain('TVA collectée 20 %');
  });

  it('follows the folder changed in the configuration: the new one is watched, the old one no longer', async () => {
    await page.goto(`${appliance.url}/configuration/profile`);
    await expect(page.inputValue('[name="source.path"]')).resolves.toBe(firstFolder);
    await page.fill('[name="source.path"]', secondFolder);
    await page.click('#section-profile button[value=save]');
    await page.locator('#section-profile .alert-ok').waitFor();
    expect(appliance.settings.profile(profileId)?.source).toMatchObject({ path: secondFolder });
    await shot('4-config');

    await drop(secondFolder, 'commandes-2.xml', '5002');
    await waitForListedRuns(2);
    await waitFor(
      async () => (await runsOfProfile()).filter((r) => r.status === 'succeeded').length === 2,
      10_000,
      'the second run',
    );
    // The new folder is watched, so the old watcher has been stopped (changes apply in order).
    const before = (await runsOfProfile()).length;
    const text = await drop(firstFolder, 'ancien-dossier.xml', '5003');
    await sleep(UNWATCHED_WAIT_MS);
    await expect(fs.readFile(path.join(firstFolder, 'ancien-dossier.xml'), 'utf8')).resolves.toBe(text);
    expect((await fs.readdir(firstFolder)).filter((n) => n !== 'archive').sort()).toEqual([
      'ancien-dossier.xml',
    ]);
    expect((await runsOfProfile()).length).toBe(before);
    await shot('5-runs-after-move');
  });

  it('stops watching the folder of a deleted profile', async () => {
    await page.goto(`${appliance.url}/profiles`);
    const row = page.locator('.profiles-table tbody tr', { hasText: PROFILE });
    await row.locator('text=Supprimer').click();
    await expect(page.locator('h1').first().textContent()).resolves.toBe('Supprimer le profil');
    await Promise.all([
      page.waitForURL('**/profiles**'),
      page.click('button:has-text("Supprimer le profil")'),
    ]);
    await expect(page.locator('.profiles-table').textContent()).resolves.not.toContain(PROFILE);
    expect(appliance.settings.profile(profileId)).toBeUndefined();
    await shot('6-deleted');

    const before = (await runsOfProfile()).length;
    const text = await drop(secondFolder, 'apres-suppression.xml', '5004');
    await sleep(UNWATCHED_WAIT_MS);
    await expect(fs.readFile(path.join(secondFolder, 'apres-suppression.xml'), 'utf8')).resolves.toBe(text);
    expect((await runsOfProfile()).length).toBe(before);
    // The history keeps the profile's runs, under its name.
    await page.goto(`${appliance.url}/runs`);
    await expect(listedRows().count()).resolves.toBe(2);
  });

  it('logged no script error or CSP violation', () => {
    expect(problems).toEqual([]);
  });
});
