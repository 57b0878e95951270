// The profile, configuration, format and settings pages in a real browser (Chromium through
// playwright-core): first start, the creation wizard, the format editor's live preview, the
// schema's problems next to their fields, export → import, and no secret in any page.
import fs from 'node:fs/promises';
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
import { startWebFixture, type WebFixture } from './web-fixture.js';

const PASSWORD = 'un mot de passe solide';
const SECRET = 'cs_Tr3s-S3cret-Woo-9f27';

describe.skipIf(!runBrowser)('profiles and configuration in a browser', () => {
  let fx: WebFixture;
  let browser: BrowserSession | undefined;
  let page: Page;
  const problems: string[] = [];

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  const heading = () => page.locator('h1').first().textContent();
  /** The problem shown under the input named `name`. */
  const errorOf = (name: string) => page.locator(`.field:has([name="${name}"]) .field-error`);

  beforeAll(async () => {
    await fs.mkdir(SHOTS, { recursive: true });
    fx = await startWebFixture();
    browser = await openBrowser({ problems, timeoutMs: 8000, expectedStatus: (status) => status === 422 });
    ({ page } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
  });

  it('first start: creates the administrator, then a drop-folder profile with the wizard', async () => {
    await page.goto(`${fx.url}/`);
    await createAdministrator(page, PASSWORD);

    await page.click('nav >> text=Profils');
    await expect(heading()).resolves.toBe('Profils');
    await page.click('text=Nouveau profil');
    await page.selectOption('#entriesFormat', 'fec');
    await page.check('input[name=type][value=dropfolder]');
    await page.click('text=Suivant');
    await page.fill('#path', path.join(fx.tmp, 'inbox'));
    await shot('wizard-source');
    await page.click('text=Suivant');
    await expect(page.inputValue('#name')).resolves.toBe('DOSSIER DE DÉPÔT <> TEXTE');
    await page.fill('#name', 'Boutique Lavande');
    await Promise.all([page.waitForURL('**/profiles?notice=created'), page.click('text=Créer le profil')]);
    const rows = page.locator('.profiles-table tbody tr');
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().textContent()).resolves.toMatch(
      /Boutique Lavande[\s\S]*par défaut[\s\S]*Dossier de dépôt[\s\S]*FEC/,
    );
    await expect(page.inputValue('#current-profile')).resolves.toBe(fx.settings.profiles()[0]?.id);
    await shot('profiles');
    await page.setViewportSize({ width: 820, height: 1180 });
    await shot('profiles-tablet');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  it('updates the format preview when the decimal separator changes', async () => {
    await page.goto(`${fx.url}/formats/fec`);
    const preview = page.locator('.preview-text');
    await expect(preview.textContent()).resolves.toContain('39,10');
    await page.fill('#fmt-decimalSeparator', '.');
    await page.press('#fmt-decimalSeparator', 'Tab');
    await expect.poll(() => preview.textContent()).toContain('39.10');
    await expect(page.locator('.amount-example').textContent()).resolves.toBe('1234.50');
    await shot('format-editor');
  });

  it('refuses bad input with the problem next to the field', async () => {
    await page.goto(`${fx.url}/configuration/entries`);
    const withVat = 'accounting.salesAccounts.default.withVat';
    await page.fill(`[name="${withVat}"]`, '707 200');
    await page.click('#section-salesAccounts button[value=save]');
    await expect(errorOf(withVat).textContent()).resolves.toContain('letters or digits');
    await shot('config-bad-account');
    expect(fx.settings.profiles()[0]?.accounting.salesAccounts.default.withVat).toBe('707200');
    // General accounts are digits, padded to the account length: letters are refused.
    await page.goto(`${fx.url}/configuration/entries`);
    await page.fill(`[name="${withVat}"]`, '70A200');
    await page.click('#section-salesAccounts button[value=save]');
    await expect.poll(() => errorOf(withVat).textContent()).toContain('digits only');
    expect(fx.settings.profiles()[0]?.accounting.salesAccounts.default.withVat).toBe('707200');

    await page.goto(`${fx.url}/configuration/profile`);
    await page.fill('[name="source.path"]', '');
    await page.click('#section-profile button[value=save]');
    await expect(errorOf('source.path').textContent()).resolves.toContain('must not be empty');

    await page.goto(`${fx.url}/configuration/notifications`);
    await page.fill('[name="notifications.recipients"]', 'compta@example.fr, pas-un-email');
    await page.click('#section-notifications button[value=save]');
    await expect(errorOf('notifications.recipients').textContent()).resolves.toContain('e-mail');

    await page.click('#section-notifications button[value=add-ftp]');
    await page.locator('[name="delivery.destinations.0.port"]').waitFor();
    await page.fill('[name="delivery.destinations.0.host"]', 'ftp.example.fr');
    await page.fill('[name="delivery.destinations.0.port"]', '70000');
    await page.fill('[name="notifications.recipients"]', 'compta@example.fr');
    await page.click('#section-notifications button[value=save]');
    await expect(errorOf('delivery.destinations.0.port').textContent()).resolves.toMatch(/65535|too big/i);
    await shot('config-bad-port');
    expect(fx.settings.profiles()[0]?.delivery.destinations).toEqual([]);
  });

  it('exports a profile and imports it back', async () => {
    await page.goto(`${fx.url}/profiles`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Exporter')]);
    const file = path.join(fx.tmp, 'export.json');
    await download.saveAs(file);
    const exported = JSON.parse(await fs.readFile(file, 'utf8')) as { name: string };
    expect(exported.name).toBe('Boutique Lavande');
    await page.setInputFiles('#import-file', file);
    await Promise.all([
      page.waitForURL('**/profiles?notice=imported'),
      page.click('text=Importer >> nth=-1'),
    ]);
    const names = await page.locator('.profiles-table tbody tr td:first-child').allTextContents();
    expect(names.filter((n) => n.includes('Boutique Lavande'))).toHaveLength(2);

    // A file that does not validate: its problems are listed next to the form.
    const bad = path.join(fx.tmp, 'bad.json');
    await fs.writeFile(bad, JSON.stringify({ accounting: { accountLength: 99 } }));
    await page.setInputFiles('#import-file', bad);
    await page.click('.import-form button[type=submit]');
    await expect(page.locator('#import-problems').textContent()).resolves.toContain(
      'accounting.accountLength',
    );
    await shot('import-problems');
  });

  it('never renders a secret into a page', async () => {
    await page.goto(`${fx.url}/profiles/new`);
    await page.check('input[name=type][value=woocommerce]');
    await page.click('text=Suivant');
    await page.fill('#url', 'https://boutique.example.fr');
    await page.click('text=Suivant');
    await page.fill('#consumerKey', 'ck_public_part');
    await page.fill('#consumerSecret', SECRET);
    await Promise.all([page.waitForURL('**/profiles?notice=created'), page.click('text=Créer le profil')]);
    const woo = fx.settings.profiles().find((p) => p.source.type === 'woocommerce');
    expect(woo?.source).toMatchObject({ consumerSecret: SECRET });
    expect(woo?.name).toBe('WOOCOMMERCE <> TEXTE');

    const pages = [
      '/profiles',
      '/profiles/new',
      `/profiles/${woo?.id}/delete`,
      '/configuration/profile',
      '/configuration/customers',
      '/configuration/entries',
      '/configuration/options',
      '/configuration/import',
      '/configuration/notifications',
      '/configuration/preset',
      '/formats',
      '/formats/fec',
      '/settings',
      '/help',
    ];
    const crawl = async () => {
      for (const url of pages) {
        await page.goto(`${fx.url}${url}`);
        expect(await page.content(), url).not.toContain(SECRET);
      }
    };
    await crawl();
    await page.goto(`${fx.url}/configuration/profile`);
    await expect(page.locator('.secret-state').first().textContent()).resolves.toContain('défini');
    await shot('config-profile-secret');
    // Advanced mode shows more fields: crawl again.
    await page.click('text=Passer en mode avancé');
    await crawl();
    await page.goto(`${fx.url}/configuration/entries`);
    await shot('config-entries-advanced');

    // Saving with the secret field left empty keeps the stored secret.
    await page.goto(`${fx.url}/configuration/profile`);
    await page.click('#section-profile button[value=save]');
    await page.locator('#section-profile .alert-ok').waitFor();
    expect(fx.settings.profile(woo?.id ?? '')?.source).toMatchObject({ consumerSecret: SECRET });

    const exported = await page.evaluate(
      async (url) => (await fetch(url)).text(),
      `${fx.url}/profiles/${woo?.id}/export`,
    );
    expect(exported).not.toContain(SECRET);
    expect(JSON.parse(exported).source).toMatchObject({ consumerKey: '', consumerSecret: '' });
  });

  it('shows the settings and the guide in English too', async () => {
    await page.goto(`${fx.url}/settings`);
    await expect(page.locator('.users-table').textContent()).resolves.toContain('comptable');
    await shot('settings');
    await Promise.all([page.waitForURL('**/help'), page.goto(`${fx.url}/help`)]);
    await page.click('button[value=en]');
    await expect(heading()).resolves.toBe('User guide');
    await shot('guide-en');
    await page.click('button[value=fr]');
  });

  it('logged no script error or CSP violation', () => {
    expect(problems).toEqual([]);
  });
});
