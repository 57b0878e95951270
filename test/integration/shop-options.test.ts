// The profile's import settings (FEATURES.md §2, "Order selection") have their effect on
// `comptoir run` against the shop simulators over real HTTP: order states, shops of a
// multistore, the default period on the appliance's today, the date searched (order or
// invoice), and credit notes of transferred orders only.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConnector, type ShopSource } from '../../src/adapters/shops/connector.js';
import { localDate } from '../../src/clock.js';
import { addDays } from '../../src/domain/period.js';
import type { ImportSettings } from '../../src/domain/profile.js';
import { startPrestashopSimulator, type PrestashopSimulator } from '../simulators/prestashop.js';
import { startShopifySimulator, type ShopifySimulator } from '../simulators/shopify.js';
import { startWoocommerceSimulator, type WoocommerceSimulator } from '../simulators/woocommerce.js';
import { drain, FAST, okDocuments } from './shops-helpers.js';

const TZ = 'Europe/Paris';
let work: string;
let woo: WoocommerceSimulator;
let presta: PrestashopSimulator;
let shopify: ShopifySimulator;
let sequence = 0;

interface Summary {
  read: number;
  booked: number;
  failed: number;
  ignored: number;
}

function comptoir(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/cli.ts'), ...args], {
      env: { ...process.env, COMPTOIR_TZ: TZ },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const wooSource = (): Record<string, string> => ({
  type: 'woocommerce',
  url: woo.url,
  consumerKey: woo.consumerKey,
  consumerSecret: woo.consumerSecret,
});
const prestaSource = (): Record<string, string> => ({ type: 'prestashop', url: presta.url, key: presta.key });
const wooConnection = (): ShopSource => ({
  type: 'woocommerce',
  url: woo.url,
  consumerKey: woo.consumerKey,
  consumerSecret: woo.consumerSecret,
});
const prestaConnection = (): ShopSource => ({ type: 'prestashop', url: presta.url, key: presta.key });
const shopifyConnection = (): ShopSource => ({
  type: 'shopify',
  url: shopify.url,
  accessToken: shopify.accessToken,
});

/** Writes a profile (its own ledger under `data`) and returns a function running it. */
async function profile(source: Record<string, string>, settings: Partial<ImportSettings>, data?: string) {
  const id = `p${++sequence}`;
  const file = path.join(work, `${id}.json`);
  await fs.writeFile(
    file,
    JSON.stringify({
      id,
      name: id,
      source,
      import: settings,
      // Shop customer ids are longer than Format France's WEB + 5 digits.
      accounting: { customers: { customerAccount: { mode: 'per-customer', prefix: 'WEB', length: 16 } } },
    }),
  );
  const dataDir = data ?? path.join(work, `data-${id}`);
  return async (...extra: string[]): Promise<Summary & { journal: string }> => {
    const out = path.join(work, `out-${id}-${++sequence}`);
    const result = await comptoir(['run', file, '--data', dataDir, '--out', out, '--json', ...extra]);
    expect(result.code, result.stderr).not.toBe(2);
    return { ...(JSON.parse(result.stdout) as Summary), journal: await journals(dataDir) };
  };
}

async function journals(dataDir: string): Promise<string> {
  const runs = path.join(dataDir, 'runs');
  const ids = (await fs.readdir(runs, { withFileTypes: true })).filter((e) => e.isDirectory());
  const texts = await Promise.all(
    ids.map((e) => fs.readFile(path.join(runs, e.name, 'journal.jsonl'), 'utf8')),
  );
  return texts.join('');
}

// Each `comptoir run` starts Node, tsx and a worker: seconds each on a loaded machine.
const SPAWNS = 120_000;
const YEAR_2017 = ['--from', '2017-01-01', '--to', '2017-12-31'];
const YEAR_2019 = ['--from', '2019-01-01', '--to', '2019-12-31'];

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-shop-options-'));
  [woo, presta, shopify] = await Promise.all([
    startWoocommerceSimulator(),
    startPrestashopSimulator(),
    startShopifySimulator(),
  ]);
  // Today's date where the appliance is, as the run computes it.
  const today = localDate(new Date(), TZ);
  woo.generate(3, addDays(today, -1)); // yesterday, today, tomorrow
  presta.generate(5, { invoiceAfterDays: 30 }); // ordered 2019-02-01…05, invoiced 2019-03-03…07
  shopify.generate(3); // consistent orders of 2024-01-01…03 (the fixture's own does not add up)
});

afterAll(async () => {
  await Promise.all([woo?.close(), presta?.close(), shopify?.close()]);
  await fs.rm(work, { recursive: true, force: true });
});

describe('order states', { timeout: SPAWNS }, () => {
  it("reads the shop's paid states when the profile lists none, only the listed ones otherwise", async () => {
    // 2017 on the simulator: 723 completed, 727 processing, 609 refunded.
    const paid = await (await profile(wooSource(), {}))(...YEAR_2017);
    expect(paid.read, paid.journal).toBe(2);
    const completed = await (await profile(wooSource(), { states: ['completed'] }))(...YEAR_2017);
    expect(completed.read, completed.journal).toBe(1);
    const refunded = await (await profile(wooSource(), { states: ['refunded', 'completed'] }))(...YEAR_2017);
    expect(refunded.read, refunded.journal).toBe(2);
  });
});

describe('shops of a multistore', { timeout: SPAWNS }, () => {
  it('reads only the orders of the shops the profile lists', async () => {
    // PrestaShop's orders are all in shop 1; state 10 is "awaiting bank wire" (not paid).
    const shop1 = await (await profile(prestaSource(), { states: ['10'], shops: ['1'] }))(...YEAR_2019);
    expect(shop1.read, shop1.journal).toBe(6);
    expect(shop1.booked, shop1.journal).toBe(6);
    const shop2 = await (await profile(prestaSource(), { states: ['10'], shops: ['2'] }))(...YEAR_2019);
    expect(shop2.read, shop2.journal).toBe(0);
    expect(presta.requests.some((r) => decodeURIComponent(r).includes('filter[id_shop]=[2]'))).toBe(true);
  });
});

describe('default period', { timeout: SPAWNS }, () => {
  it("takes the profile's period on today when the run gives no dates; --from/--to override it", async () => {
    const today = await (await profile(wooSource(), { period: 'today' }))();
    expect(today.read, today.journal).toBe(1);
    expect(today.journal).toContain(`from ${localDate(new Date(), TZ)} to ${localDate(new Date(), TZ)}`);
    const week = await (await profile(wooSource(), { period: 'last-7-days' }))();
    expect(week.read, week.journal).toBe(2); // yesterday's and today's, not tomorrow's
    const overridden = await (await profile(wooSource(), { period: 'today' }))(...YEAR_2017);
    expect(overridden.read, overridden.journal).toBe(2);
  });
});

describe('date searched', { timeout: SPAWNS }, () => {
  it('selects orders on their invoice date when the profile says so (PrestaShop filters it)', async () => {
    const march = ['--from', '2019-03-01', '--to', '2019-03-31'];
    const byOrder = await (await profile(prestaSource(), { states: ['10'], dateField: 'order' }))(...march);
    expect(byOrder.read, byOrder.journal).toBe(0);
    const byInvoice = await (
      await profile(prestaSource(), { states: ['10'], dateField: 'invoice' })
    )(...march);
    expect(byInvoice.read, byInvoice.journal).toBe(5); // order 5 itself has no invoice
    expect(
      presta.requests.some((r) => decodeURIComponent(r).includes('filter[invoice_date]=[2019-03-01')),
    ).toBe(true);
  });

  it('filters on the normalised invoice date where the API cannot (WooCommerce, Shopify)', async () => {
    for (const [connector, day] of [
      [createConnector(wooConnection(), FAST), '2017-03-22'],
      [createConnector(shopifyConnection(), FAST), '2024-01-02'],
    ] as const) {
      const query = { kind: 'orders' as const, from: day, to: day };
      const byOrder = okDocuments(await drain(connector, { ...query, dateField: 'order' }));
      const byInvoice = okDocuments(await drain(connector, { ...query, dateField: 'invoice' }));
      // Neither API gives an invoice date: booking dates those orders by the order date.
      expect(byOrder).toHaveLength(1);
      expect(byInvoice.map((d) => d.orderKey)).toEqual(byOrder.map((d) => d.orderKey));
      for (const doc of byInvoice) expect(doc.invoiceDate ?? doc.orderDate).toBe(day);
    }
    // The APIs were asked on the modification date, which an invoice moves.
    expect(woo.requests.some((r) => r.includes('modified_after=2017-03-22'))).toBe(true);
    expect(shopify.requests.some((r) => r.includes('updated_at_min=2024-01-02'))).toBe(true);
  });
});

describe('credit notes of transferred orders only', { timeout: SPAWNS }, () => {
  it('ignores a credit note until its order is transferred, then books it', async () => {
    const run = await profile(wooSource(), { creditNotes: 'transferred-orders' });
    const before = await run('--task', 'creditnotes', ...YEAR_2017);
    expect(before.booked, before.journal).toBe(0);
    expect(before.ignored, before.journal).toBe(2); // order 723's two refunds
    expect(before.journal).toContain('order 723 not transferred yet');
    const orders = await run(...YEAR_2017);
    expect(orders.booked, orders.journal).toBe(2);
    const after = await run('--task', 'creditnotes', ...YEAR_2017);
    expect(after.booked, after.journal).toBe(2);
  });

  it('books every credit note with the setting "all"', async () => {
    const all = await (
      await profile(wooSource(), { creditNotes: 'all' })
    )('--task', 'creditnotes', ...YEAR_2017);
    expect(all.booked, all.journal).toBe(2);
  });
});

describe('addresses', { timeout: SPAWNS }, () => {
  it('fills both the billing and the delivery address on every connector', async () => {
    const listings = await Promise.all([
      drain(createConnector(prestaConnection(), FAST), { kind: 'orders' }),
      drain(createConnector(wooConnection(), FAST), { kind: 'orders', from: '2017-03-21', to: '2017-03-22' }),
      drain(createConnector(shopifyConnection(), FAST), { kind: 'orders', from: '2024-01-01' }),
    ]);
    for (const docs of listings.map(okDocuments)) {
      expect(docs.length).toBeGreaterThan(0);
      for (const doc of docs) {
        expect(doc.invoiceAddress?.countryIso).toMatch(/^[A-Z]{2}$/);
        expect(doc.deliveryAddress?.countryIso).toMatch(/^[A-Z]{2}$/);
      }
    }
  });
});
