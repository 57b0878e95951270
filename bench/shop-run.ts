// `npm run bench`, shop part (issue 5, Performance): N generated orders (BENCH_SHOP_ORDERS,
// default 10,000) read from a local shop simulator over real HTTP, booked and written to a
// temporary FEC file — target under 10 s — next to the time of listing and normalising
// alone, and of booking and writing documents already in memory. BENCH_SHOP picks the
// simulator: woocommerce (default: one request per 100 orders), prestashop or shopify —
// their simulators filter every table on each request, or answer one request per order, so
// at 10,000 orders they mostly time themselves. The simulator runs in this process: its
// serving time is in the listing figures. Not a test: nothing here asserts a duration.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createConnector, type DocumentQuery, type ShopSource } from '../src/adapters/shops/connector.js';
import { getFormat } from '../src/domain/format/predefined/index.js';
import { defaultDropFolderProfile } from '../src/domain/presets/format-france.js';
import { convertDocuments, type DocumentItem } from '../src/pipeline/convert.js';
import { shopDocuments } from '../src/pipeline/shop-documents.js';
import { startPrestashopSimulator } from '../test/simulators/prestashop.js';
import type { Simulator } from '../test/simulators/server.js';
import { startShopifySimulator } from '../test/simulators/shopify.js';
import { startWoocommerceSimulator } from '../test/simulators/woocommerce.js';

const TARGET_S = 10;

interface Shop {
  sim: Simulator;
  source: ShopSource;
  /** Every generated order, whatever its state (PrestaShop's copies await a bank wire). */
  query: DocumentQuery;
}

async function startShop(platform: string, orders: number): Promise<Shop> {
  switch (platform) {
    case 'prestashop': {
      const sim = await startPrestashopSimulator();
      sim.generate(orders);
      return {
        sim,
        source: { type: 'prestashop', url: sim.url, key: sim.key },
        query: { kind: 'orders', states: ['10'] },
      };
    }
    case 'woocommerce': {
      const sim = await startWoocommerceSimulator();
      sim.generate(orders);
      const source = {
        type: 'woocommerce' as const,
        url: sim.url,
        consumerKey: sim.consumerKey,
        consumerSecret: sim.consumerSecret,
      };
      // The fixtures' own orders are left out: only the generated copies of 727 (processing).
      return {
        sim,
        source,
        query: { kind: 'orders', states: ['processing'], from: '2017-04-01', to: '2018-03-31' },
      };
    }
    case 'shopify': {
      const sim = await startShopifySimulator();
      sim.generate(orders);
      const source = { type: 'shopify' as const, url: sim.url, accessToken: sim.accessToken };
      return { sim, source, query: { kind: 'orders', states: ['paid'], from: '2024-01-01' } };
    }
    default:
      throw new Error(`BENCH_SHOP=${platform}: prestashop, woocommerce or shopify`);
  }
}

/** The connector alone: every order listed and normalised, kept for the in-memory stage. */
async function listOnly(shop: Shop): Promise<DocumentItem[]> {
  const documents: DocumentItem[] = [];
  for await (const listed of createConnector(shop.source).listDocuments(shop.query)) {
    if (!listed.ok) throw new Error(`${listed.id}: ${listed.error.message}`);
    documents.push({ ok: true, index: documents.length + 1, document: listed.document });
  }
  return documents;
}

async function* replay(documents: DocumentItem[]): AsyncGenerator<DocumentItem> {
  yield* documents;
}

/** Books and writes the FEC; `documents` as the run's worker reads them, or from memory. */
async function convert(
  documents: AsyncIterable<DocumentItem>,
  dir: string,
): Promise<{ booked: number; lines: number }> {
  const format = getFormat('fec');
  if (!format) throw new Error('no fec format');
  const profile = defaultDropFolderProfile('bench', dir, dir);
  // Shop customer ids are longer than Format France's WEB + 5 digits.
  profile.accounting.customers.customerAccount = { mode: 'per-customer', prefix: 'WEB', length: 16 };
  const result = await convertDocuments(documents, { profile, format, outDir: dir, today: '2024-12-31' });
  const { read, booked, failed, ignored, lines } = result.counts;
  if (failed + ignored > 0) throw new Error(`${read} read, ${failed} failed, ${ignored} ignored`);
  for (const output of result.outputs) await fs.rm(output.tmpPath);
  return { booked, lines };
}

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; s: number }> {
  const t0 = performance.now();
  const value = await run();
  return { value, s: (performance.now() - t0) / 1000 };
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export async function benchShopRun(): Promise<void> {
  const orders = Number(process.env.BENCH_SHOP_ORDERS ?? 10_000);
  if (!Number.isInteger(orders) || orders < 1)
    throw new Error(`BENCH_SHOP_ORDERS=${process.env.BENCH_SHOP_ORDERS}`);
  const platform = process.env.BENCH_SHOP ?? 'woocommerce';
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-bench-shop-'));
  // Warm-up on a small shop, so that the JIT has compiled the hot paths of both stages.
  const warm = await startShop(platform, 200);
  const shop = await startShop(platform, orders);
  try {
    // What the run's worker does: list, keep the source as order XML, book, write the FEC.
    const run = (s: Shop): AsyncIterable<DocumentItem> =>
      shopDocuments(createConnector(s.source), s.query, path.join(dir, 'source.xml'));
    await convert(replay(await listOnly(warm)), dir);
    await convert(run(warm), dir);
    const listed = await timed(() => listOnly(shop));
    const booking = await timed(() => convert(replay(listed.value), dir));
    const count = listed.value.length;
    listed.value.length = 0; // 10,000 documents kept alive would slow the last stage's GC
    const full = await timed(() => convert(run(shop), dir));
    const rate = (n: number, s: number): string => `${fmt(n / s)} documents/s`;
    console.log(
      `\nShop run: ${fmt(orders)} generated orders, ${platform} simulator over HTTP (same process)`,
    );
    console.log(`- listed + normalised only:         ${fmt(listed.s, 2)} s, ${rate(count, listed.s)}`);
    console.log(
      `- booked + written, from memory:    ${fmt(booking.s, 2)} s, ${rate(booking.value.booked, booking.s)}`,
    );
    console.log(
      `- whole run (list, keep, book, FEC): ${fmt(full.s, 2)} s, ${rate(full.value.booked, full.s)}, ` +
        `${fmt(full.value.lines)} lines (target < ${TARGET_S} s: ${full.s < TARGET_S ? 'met' : 'MISSED'})`,
    );
    console.log(
      `- the whole run takes ${fmt(full.s / listed.s, 2)}× the listing time: booking and writing ` +
        `add ${fmt(((full.s - listed.s) / full.s) * 100)} % of it`,
    );
  } finally {
    await Promise.all([warm.sim.close(), shop.sim.close()]);
    await fs.rm(dir, { recursive: true, force: true });
  }
}
