// The web interface in a real browser (Chromium through playwright-core): setup, sign
// out and in, the runs list with htmx polling and filters, a run, the language switch.
// No CSP violation or script error may show up in the console.
import type { Page } from 'playwright-core';
import { createAdministrator, openBrowser, runBrowser, type BrowserSession } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebFixture, type WebFixture } from './web-fixture.js';

const PASSWORD = 'un mot de passe solide';

describe.skipIf(!runBrowser)('web in a browser', () => {
  let fx: WebFixture;
  let browser: BrowserSession | undefined;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    fx = await startWebFixture();
    browser = await openBrowser({
      problems,
      expectedStatus: (status, url) => status === 401 && url.endsWith('/login'),
    });
    ({ page } = browser);
  });

  afterAll(async () => {
    await browser?.close();
    await fx?.close();
  });

  it('goes through setup, sign-out and sign-in', async () => {
    await page.goto(`${fx.url}/`);
    expect(new URL(page.url()).pathname).toBe('/setup');
    await expect(page.locator('h1').textContent()).resolves.toBe("Créer l'administrateur");
    await createAdministrator(page, PASSWORD);
    await expect(page.locator('h1').textContent()).resolves.toBe("Journaux d'exécution");
    await expect(page.locator('.who').textContent()).resolves.toContain('comptable');

    await Promise.all([page.waitForURL('**/login'), page.click('text=Se déconnecter')]);
    await page.fill('#username', 'comptable');
    await page.fill('#password', 'pas le bon mot de passe');
    await page.click('button[type=submit]');
    await expect(page.locator('.alert-error').textContent()).resolves.toContain('incorrect');
    await page.screenshot({ path: '/tmp/comptoir-login.png' });
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForURL('**/runs'), page.click('button[type=submit]')]);
  });

  it('shows the runs list, refreshes it while a run is in progress, and filters it', async () => {
    const rows = page.locator('.runs-table tbody tr');
    expect(await rows.count()).toBe(4);
    await expect(page.locator('.in-progress').textContent()).resolves.toContain(
      '4 documents traités · 40 % du fichier lu',
    );
    await page.screenshot({ path: '/tmp/comptoir-runs.png', fullPage: true });
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.screenshot({ path: '/tmp/comptoir-runs-tablet.png', fullPage: true });
    await page.setViewportSize({ width: 1280, height: 860 });

    // htmx polls the partial; once the run ends the section goes away and polling stops.
    await page.waitForRequest((r) => r.url().endsWith('/runs') && r.headers()['hx-request'] === 'true');
    const { running } = fx.seeded;
    await fx.runs.finish({
      ...running,
      status: 'succeeded',
      endedAt: new Date().toISOString(),
      durationMs: 2000,
      done: 10,
      counts: { ...running.counts, booked: 10 },
    });
    await page.locator('.in-progress').waitFor({ state: 'detached', timeout: 10_000 });
    // Idle, the first page still checks now and then (a file dropped meanwhile appears).
    expect(await page.locator('#runs-list[hx-trigger="every 10s"]').count()).toBe(1);

    await Promise.all([
      page.waitForURL('**/runs?*status=failed*'),
      page.selectOption('select[name=status]', 'failed'),
    ]);
    await page.locator('.runs-table tbody tr').first().waitFor();
    await expect.poll(() => page.locator('.runs-table tbody tr').count()).toBe(1);
    await expect(page.locator('.runs-table tbody').textContent()).resolves.toContain('Atelier Nord');
  });

  it('opens a run and switches to English', async () => {
    await page.goto(`${fx.url}/runs`);
    const { succeeded } = fx.seeded;
    await Promise.all([
      page.waitForURL(`**/runs/${succeeded.id}`),
      page.click(`a[href="/runs/${succeeded.id}"]`),
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe(`Exécution n° ${succeeded.id}`);
    await expect(page.locator('.journal-table').textContent()).resolves.toContain('Taux de TVA arrondi');
    await expect(page.locator('.errors-table').textContent()).resolves.toContain('Ajoutez ce taux');
    await page.screenshot({ path: '/tmp/comptoir-run.png', fullPage: true });

    await Promise.all([page.waitForURL(`**/runs/${succeeded.id}`), page.click('button[value=en]')]);
    await expect(page.locator('h1').textContent()).resolves.toBe(`Run no. ${succeeded.id}`);
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    await expect(page.locator('.summary .badge').textContent()).resolves.toBe('succeeded');
    await page.screenshot({ path: '/tmp/comptoir-run-en.png', fullPage: true });
  });

  it('logged no script error or CSP violation', () => {
    expect(problems).toEqual([]);
  });
});
