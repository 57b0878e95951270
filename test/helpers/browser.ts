// Chromium through playwright-core for the browser tests: Debian's /usr/bin/chromium (no
// browser download), started as this machine allows (root: no sandbox; no background
// networking: the closed network refuses it), with every console error, page error and
// failed answer collected, so that each journey can end by asserting none happened.
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
/** In CI a missing browser is a failure (the launch throws); locally the tests are skipped. */
export const runBrowser = existsSync(CHROMIUM) || process.env.CI === 'true';
/** Screenshots of the journeys (git-ignored). */
export const SHOTS = path.resolve('test-results');

export interface BrowserOptions {
  /** Where console errors, page errors and answers ≥ 400 are pushed. */
  problems: string[];
  /** Answers ≥ 400 a test provokes on purpose (a refused form, a wrong password). */
  expectedStatus?: (status: number, url: string) => boolean;
  /** Console errors a test provokes on purpose (htmx reports the 422 of a refused form). */
  expectedConsole?: RegExp;
  timeoutMs?: number;
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  /** A full-page screenshot as test-results/<name>.png. */
  shot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openBrowser(options: BrowserOptions): Promise<BrowserSession> {
  const { problems } = options;
  await fs.mkdir(SHOTS, { recursive: true });
  const profileDir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-chromium-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    acceptDownloads: true,
    viewport: { width: 1280, height: 860 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  if (options.timeoutMs) page.setDefaultTimeout(options.timeoutMs);
  // Failed loads are collected by URL below; the console only repeats them without one.
  // CSP violations are console errors ("Refused to…", "Applying inline style…"): kept.
  const ignored = options.expectedConsole ?? /^Failed to load resource/;
  page.on('console', (message) => {
    if (
      message.type() === 'error' &&
      !/^Failed to load resource/.test(message.text()) &&
      !ignored.test(message.text())
    )
      problems.push(message.text());
  });
  page.on('response', (response) => {
    const status = response.status();
    if (status >= 400 && !options.expectedStatus?.(status, response.url()))
      problems.push(`${status} ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return {
    context,
    page,
    shot: async (name) => {
      await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
    },
    close: async () => {
      await context.close();
      await fs.rm(profileDir, { recursive: true, force: true });
    },
  };
}

/** First start in the setup page: creates the administrator "comptable", signed in on /runs. */
export async function createAdministrator(page: Page, password: string): Promise<void> {
  await page.fill('#username', 'comptable');
  await page.fill('#password', password);
  await page.fill('#passwordAgain', password);
  await Promise.all([page.waitForURL('**/runs'), page.click('button[type=submit]')]);
}
