// The shop journey in a real browser (Chromium through playwright-core) on a real
// appliance: first start → a WooCommerce profile made with the wizard → test connection,
// refresh configuration, tick states → synchronisation: entry list, search, untick one
// entry → import → the run page follows the run to its end → the entries file downloaded
// holds every document but the unticked one. Screenshots of each step under test-results/.
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
import { bookedKeys } from '../helpers/shop-pipeline.js';
import { startWoocommerceSimulator, type WoocommerceSimulator } from '../simulators/woocommerce.js';

const PASSWORD = 'un mot de passe solide';

describe.skipIf(!runBrowser)('synchronisation in a browser', { timeout: 90_000 }, () => {
  let sim: WoocommerceSimulator;
  let root: string;
  let appliance: Appliance;
  let browser: BrowserSession | undefined;
  let page: Page;
  const problems: string[] = [];
  /** The entry unticked in the list: its document and piece number. */
  let left = { documentKey: '', piece: '' };
  let pieces: string[] = [];

  const shot = (name: string) =>
    page.screenshot({ path: path.join(SHOTS, `sync-${name}.png`), fullPage: true });

  beforeAll(async () => {
    setQuiet(true);
    await fs.mkdir(SHOTS, { recursive: true });
    sim = await startWoocommerceSimulator();
    sim.generate(5);
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-sync-browser-'));
    appliance = await startAppliance(
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
    browser = await openBrowser({ problems, timeoutMs: 15_000 });
    ({ page } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await appliance?.close();
    await sim?.close();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('creates the administrator and a WooCommerce profile with the wizard', async () => {
    await page.goto(`${appliance.url}/`);
    await createAdministrator(page, PASSWORD);

    await page.goto(`${appliance.url}/profiles/new`);
    await page.selectOption('#entriesFormat', 'fec');
    await page.check('input[name=type][value=woocommerce]');
    await page.click('text=Suivant');
    await page.fill('#url', sim.url);
    await page.click('text=Suivant');
    await page.fill('#consumerKey', sim.consumerKey);
    await page.fill('#consumerSecret', sim.consumerSecret);
    await page.fill('#name', 'Boutique Woo');
    await shot('1-wizard');
    await Promise.all([page.waitForURL('**/profiles?notice=created'), page.click('text=Créer le profil')]);
    const woo = appliance.settings.profiles().find((p) => p.source.type === 'woocommerce');
    expect(woo?.name).toBe('Boutique Woo');
    await expect(page.inputValue('#current-profile')).resolves.toBe(woo?.id);
  });

  it('tests the connection, refreshes the configuration and ticks states', async () => {
    await page.goto(`${appliance.url}/configuration/profile`);
    await page.click('button:has-text("Tester la connexion")');
    await expect(page.locator('#shop-result .alert-ok').textContent()).resolves.toContain(
      'Connexion réussie',
    );
    await page.click('button:has-text("Actualiser la configuration")');
    await page.locator('#shop-result .alert-ok').filter({ hasText: 'état' }).waitFor();
    await shot('2-connection');

    await page.goto(`${appliance.url}/configuration/import`);
    await page.check('input[name="import.states"][value="processing"]');
    await page.check('input[name="import.states"][value="completed"]');
    await page.click('#section-import button[value=save]');
    await page.locator('#section-import .alert-ok').waitFor();
    await shot('3-states');
    const woo = appliance.settings.profiles().find((p) => p.source.type === 'woocommerce');
    expect(woo?.import.states.sort()).toEqual(['completed', 'processing']);
  });

  it('shows the entry list, searches it and unticks one entry', async () => {
    await page.click('nav >> text=Importer');
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Importer les documents');
    await page.fill('#sync-from', '2017-01-01');
    await page.fill('#sync-to', '2017-12-31');
    await page.click('text=Importer les commandes');
    await page.locator('.sync-table').waitFor();
    await shot('4-entries');

    const entries = page.locator('tbody.sync-entry');
    const total = await entries.count();
    expect(total).toBeGreaterThan(6);
    await expect(page.locator('.sync-counts').textContent()).resolves.toMatch(
      /7 documents lus · 7 à comptabiliser/,
    );
    pieces = [...new Set(await page.locator('tbody.sync-entry .piece').allTextContents())];

    // The search keeps the entries that mention 10003, hides the others.
    await page.fill('#sync-search', '10003');
    await expect.poll(() => page.locator('tbody.sync-entry:visible').count()).toBe(2);
    await expect(page.locator('#sync-search-count').textContent()).resolves.toBe(
      `2 écritures affichées sur ${total}`,
    );
    await shot('5-search');
    await page.fill('#sync-search', '');
    await expect.poll(() => page.locator('tbody.sync-entry:visible').count()).toBe(total);

    // Unticking the sale entry of order 10002 unticks its payment entry too.
    const sale = page.locator('tbody.sync-entry').filter({ hasText: 'commande 10002' }).first();
    left = {
      documentKey: (await sale.getAttribute('data-document')) ?? '',
      piece: (await sale.locator('.piece').textContent()) ?? '',
    };
    expect(left.documentKey).toBe('1/order/10002');
    await sale.locator('input[name=keep]').uncheck();
    const ofDocument = page.locator(`tbody.sync-entry[data-document="${left.documentKey}"] input[name=keep]`);
    expect(await ofDocument.count()).toBe(2);
    for (const box of await ofDocument.all()) expect(await box.isChecked()).toBe(false);
    expect(await page.locator('tbody.sync-entry input[name=keep]:checked').count()).toBe(total - 2);
    await shot('6-unticked');
  });

  it('imports the ticked entries, follows the run, and downloads the entries file', async () => {
    await Promise.all([page.waitForURL(/\/runs\/\d+$/), page.click('.sync-import button[type=submit]')]);
    const runId = Number(new URL(page.url()).pathname.split('/').pop());
    await shot('7-run-started');
    // The summary polls while the run goes, then the page reloads with the files.
    await page.locator('.files a[download]').first().waitFor({ timeout: 60_000 });
    await expect(page.locator('.summary .badge').textContent()).resolves.toBe('réussie');
    await shot('8-run-ended');
    const run = await appliance.runs.get(runId);
    expect(run?.counts).toMatchObject({ read: 7, booked: 6, ignored: 1, failed: 0 });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.files li').filter({ hasText: 'Fichier des écritures' }).locator('a.button').click(),
    ]);
    const file = path.join(root, 'downloaded.txt');
    await download.saveAs(file);
    const rows = (await fs.readFile(file, 'utf8'))
      .split(/\r?\n/)
      .slice(1)
      .filter((line) => line !== '')
      .map((line) => line.split('\t'));
    const filePieces = new Set(rows.map((cells) => cells[8]));
    expect(filePieces.has(left.piece)).toBe(false);
    expect([...filePieces].sort()).toEqual(pieces.filter((p) => p !== left.piece).sort());
    expect((await fs.readFile(file, 'utf8')).includes('10002')).toBe(false);

    const woo = appliance.settings.profiles().find((p) => p.source.type === 'woocommerce')!;
    const booked = await bookedKeys(root, woo.id);
    expect(booked.size).toBe(6);
    expect(booked.has(left.documentKey)).toBe(false);
  });

  it('resets one transferred document and then all, after a confirmation', async () => {
    await page.goto(`${appliance.url}/sync`);
    await expect(page.locator('.transferred-count').textContent()).resolves.toContain(
      '6 documents transférés',
    );
    await page.fill('#reset-ids', 'commande 10003');
    await page.click('text=Réinitialiser ces documents');
    await expect(page.locator('#sync-reset .alert-ok').textContent()).resolves.toContain(
      '1 document(s) réinitialisé(s).',
    );
    await expect(page.locator('.transferred-count').textContent()).resolves.toContain(
      '5 documents transférés',
    );
    await page.click('#sync-reset button:text("Tout réinitialiser")');
    await page.locator('text=Oui, tout réinitialiser').waitFor();
    await shot('9-reset-confirm');
    await page.click('text=Oui, tout réinitialiser');
    await expect(page.locator('#sync-reset .alert-ok').textContent()).resolves.toContain(
      '5 document(s) réinitialisé(s).',
    );
    await shot('10-reset-done');
    const woo = appliance.settings.profiles().find((p) => p.source.type === 'woocommerce')!;
    expect((await bookedKeys(root, woo.id)).size).toBe(0);
  });

  it('logged no script error or CSP violation', () => {
    expect(problems).toEqual([]);
  });
});
