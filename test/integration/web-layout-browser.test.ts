// Every menu page in a real browser (Chromium through playwright-core) on a real appliance
// with a few runs, at 1280 px and on tablets (820 × 1180 and 768 × 1024): the document
// never scrolls sideways (wide tables scroll inside their own wrapper) and every entry of
// the side menu stays on screen. Also: saving a configuration section twice after errors
// applies no inline style (htmx settles no style attribute: the CSP would refuse it).
// No script error nor CSP violation may show up in the console. Screenshots:
// test-results/layout-*.png.
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
import { waitFor } from '../helpers/wait.js';

const PASSWORD = 'un mot de passe solide';
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 860 },
  { name: 'tablet', width: 820, height: 1180 },
  { name: 'tablet-768', width: 768, height: 1024 },
] as const;
/** Every link of the side menu. */
const MENU = [
  '/dashboard',
  '/sync',
  '/runs',
  '/vat',
  '/profiles',
  '/configuration',
  '/formats',
  '/schedules',
  '/settings',
  '/help',
];

interface Overflow {
  scrollWidth: number;
  clientWidth: number;
  /** What sticks out on the right, as tag#id.classes. */
  culprits: string[];
}

// Evaluated in the page (a string: the project's TypeScript has no DOM types).
const OVERFLOW_OF = `(() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const culprits = [];
  const nameOf = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    [...el.classList].map((c) => '.' + c).join('');
  // The outermost element whose box sticks out; else the deepest whose content does.
  const walk = (el) => {
    const box = el.getBoundingClientRect();
    if (box.width > 0 && box.right > width + 1) {
      culprits.push(nameOf(el) + ' (right ' + Math.round(box.right) + ')');
      return true;
    }
    let found = false;
    for (const child of el.children) found = walk(child) || found;
    const spills = getComputedStyle(el).overflowX === 'visible' && box.left + el.scrollWidth > width + 1;
    if (!found && spills) {
      culprits.push(nameOf(el) + ' (content to ' + Math.round(box.left + el.scrollWidth) + ')');
      return true;
    }
    return found;
  };
  walk(document.body);
  return { scrollWidth: root.scrollWidth, clientWidth: width, culprits: culprits.slice(0, 5) };
})()`;

// A pre of 400 characters, wider than any screen: what the check must see.
const ADD_WIDE_PROBE = `(() => {
  const wide = document.createElement('pre');
  wide.className = 'layout-probe';
  wide.textContent = 'x'.repeat(400);
  document.querySelector('main').append(wide);
})()`;

describe.skipIf(!runBrowser)('layout at 1280 px and on tablets', { timeout: 180_000 }, () => {
  let root: string;
  let appliance: Appliance;
  let browser: BrowserSession | undefined;
  let page: Page;
  let pages: string[] = [];
  const problems: string[] = [];

  const shot = (name: string) =>
    page.screenshot({ path: path.join(SHOTS, `layout-${name}.png`), fullPage: true });

  beforeAll(async () => {
    setQuiet(true);
    await fs.mkdir(SHOTS, { recursive: true });
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-layout-browser-'));
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
    // A few runs of the default drop-folder profile: two booked files and a broken one.
    const inbox = path.join(root, 'inbox');
    await fs.writeFile(
      path.join(inbox, 'commandes-novembre-boutique-lavande-export-complet.xml'),
      ordersFile([
        { key: '7001', lastname: 'Dupré' },
        { key: '7002', customer: '', priceCents: 4999 },
        { key: '7003', lastname: 'de La Fontaine-Saint-Exupéry', priceCents: 123_456 },
      ]),
    );
    await fs.writeFile(path.join(inbox, 'commandes-2.xml'), ordersFile([{ key: '7004' }]));
    await fs.writeFile(
      path.join(inbox, 'casse.xml'),
      '<?xml version="1.0"?>\n<orders>\n  <order>\n</orders>\n',
    );
    await waitFor(
      async () =>
        (await appliance.runs.list({ pageSize: 50 })).runs.filter((r) => r.status !== 'running').length >= 3,
      20_000,
      'three runs',
    );
    const profileId = appliance.settings.profiles()[0]?.id ?? '';
    await appliance.schedules.save({
      profileId,
      task: 'orders',
      start: { date: '2026-01-05', time: '06:30' },
      trigger: { kind: 'weekly', everyWeeks: 1, weekdays: ['mon', 'wed', 'fri'] },
      repeat: { everyMinutes: 30, forMinutes: 720 },
      paused: false,
    });
    const runs = (await appliance.runs.list({ pageSize: 50 })).runs;
    const booked = runs.find((r) => r.counts.booked > 1);
    const failed = runs.find((r) => r.status !== 'succeeded');
    pages = [
      '/dashboard',
      '/sync',
      '/runs',
      `/runs/${booked?.id}`,
      `/runs/${failed?.id}`,
      '/vat',
      '/profiles',
      '/profiles/new',
      '/configuration/profile',
      '/configuration/customers',
      '/configuration/entries',
      '/configuration/options',
      '/configuration/import',
      '/configuration/notifications',
      '/configuration/preset',
      '/formats',
      '/formats/fec',
      '/schedules',
      '/schedules/new',
      '/settings',
      '/help',
    ];

    browser = await openBrowser({ problems, timeoutMs: 15_000, expectedStatus: (status) => status === 422 });
    ({ page } = browser);

    await page.goto(`${appliance.url}/`);
    await createAdministrator(page, PASSWORD);
  });

  afterAll(async () => {
    await browser?.close();
    await appliance?.close();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  for (const viewport of VIEWPORTS) {
    it(`${viewport.width} × ${viewport.height}: no page scrolls sideways, the menu and the runs' status are on screen`, async () => {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      const overflowing: string[] = [];
      const visit = async (url: string, suffix = '') => {
        const answer = await page.goto(`${appliance.url}${url}`);
        expect(answer?.status(), url).toBe(200);
        const overflow = await page.evaluate<Overflow>(OVERFLOW_OF);
        if (overflow.scrollWidth > overflow.clientWidth + 1) {
          overflowing.push(
            `${url}${suffix}: ${overflow.scrollWidth} > ${overflow.clientWidth} — ${overflow.culprits.join(', ')}`,
          );
        }
        await shot(`${viewport.name}-${url.replace(/^\//, '').replace(/\//g, '-')}${suffix}`);
      };
      for (const url of pages) await visit(url);
      // Advanced mode shows every field and the exceptions tables.
      await page.goto(`${appliance.url}/configuration/profile`);
      await page.click('text=Passer en mode avancé');
      await page.locator('text=Passer en mode simple').waitFor();
      for (const url of pages.filter((u) => u.startsWith('/configuration/'))) await visit(url, '-advanced');
      await page.goto(`${appliance.url}/configuration/profile`);
      await page.click('text=Passer en mode simple');
      await page.locator('text=Passer en mode avancé').waitFor();
      expect(overflowing).toEqual([]);

      // The side menu: every entry inside the viewport's width, and it leads where it says.
      await page.goto(`${appliance.url}/runs`);
      for (const href of MENU) {
        const link = page.locator(`.sidebar nav a[href="${href}"]`);
        await expect(link.isVisible(), href).resolves.toBe(true);
        const box = await link.boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= viewport.width, href).toBe(true);
      }
      // The runs list fits: each run's status and its link to the details are in sight
      // without scrolling the table sideways.
      for (const cell of ['.runs-table tbody tr:first-child .badge', '.runs-table tbody tr:first-child a']) {
        const box = await page.locator(cell).boundingBox();
        expect(box && box.x + box.width <= viewport.width, cell).toBe(true);
      }
      await Promise.all([page.waitForURL('**/settings'), page.click('.sidebar nav a[href="/settings"]')]);
      await Promise.all([page.waitForURL('**/help'), page.click('.sidebar nav a[href="/help"]')]);
    });
  }

  it('sees a page wider than the screen (the check above is not blind)', async () => {
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${appliance.url}/help`);
    await page.evaluate(ADD_WIDE_PROBE);
    const overflow = await page.evaluate<Overflow>(OVERFLOW_OF);
    expect(overflow.scrollWidth).toBeGreaterThan(overflow.clientWidth + 1);
    expect(overflow.culprits.join()).toContain('pre.layout-probe');
  });

  it('saves an entries section twice after errors without applying an inline style', async () => {
    await page.setViewportSize({ width: 1280, height: 860 });
    await page.goto(`${appliance.url}/configuration/entries`);
    const withVat = 'accounting.salesAccounts.default.withVat';
    const error = page.locator(`#section-salesAccounts .field:has([name="${withVat}"]) .field-error`);
    await page.fill(`[name="${withVat}"]`, '707 200');
    await page.click('#section-salesAccounts button[value=save]');
    await expect(error.textContent()).resolves.toContain('letters or digits');
    // A screenshot leaves style="" on the inputs (Playwright hides the caret through the
    // style property): the next swap would copy it with setAttribute were style settled.
    await shot('entries-error');
    await page.fill(`[name="${withVat}"]`, '70A200');
    await page.click('#section-salesAccounts button[value=save]');
    await expect.poll(() => error.textContent()).toContain('digits only');
    // Settling ends 20 ms after the swap: violations would have been logged by now.
    await page.waitForTimeout(300);
    expect(problems.filter((p) => p.includes('Content Security Policy'))).toEqual([]);
  });

  it('logged no script error or CSP violation', () => {
    expect(problems).toEqual([]);
  });
});
