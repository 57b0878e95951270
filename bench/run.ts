// `npm run bench`: throughput and memory of the order XML path, all measured in one run so
// that the ratios between stages hold on any machine. BENCH_ORDERS sets the number of
// documents (default 20000, about 100 MB). BENCH_SIZES=10000,100000 runs the streaming
// stages at each size (ascending, in this process: a size's peak RSS includes what the
// smaller ones left) and prints one line per size. The last line is a JSON summary of the
// largest size. Not a test: nothing here asserts a duration.
import { createReadStream, promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { readOrderXml } from '../src/adapters/drop-folder/order-xml.js';
import { bookDocument } from '../src/domain/accounting/book.js';
import { createLetteringAllocator } from '../src/domain/accounting/lettering.js';
import type { SalesDocument } from '../src/domain/document.js';
import { getFormat } from '../src/domain/format/predefined/index.js';
import { defaultDropFolderProfile } from '../src/domain/presets/format-france.js';
import { convertOrderStream } from '../src/pipeline/convert.js';
import { writeOrderFile } from './corpus.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void; // a clean heap before each stage

const ORDERS = Number(process.env.BENCH_ORDERS ?? 20_000);
if (!Number.isInteger(ORDERS) || ORDERS < 1) throw new Error(`BENCH_ORDERS=${process.env.BENCH_ORDERS}`);
const SIZES = process.env.BENCH_SIZES?.split(',').map(Number);
if (SIZES?.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error(`BENCH_SIZES=${process.env.BENCH_SIZES}`);
/** Documents parsed once for the booking-alone stage: booking repeats them (issue 3). */
const BOOKING_SAMPLE = 500;
const MB = 1e6;

interface Measure {
  ms: number;
  /** Peak RSS and heap used during the stage (bytes, whole process). */
  rss: number;
  heap: number;
}

/** Times an async stage while sampling process.memoryUsage() every 10 ms. */
async function measure(run: () => Promise<void>): Promise<Measure> {
  gc();
  const start = process.memoryUsage();
  let rss = start.rss;
  let heap = start.heapUsed;
  const sample = (): void => {
    const now = process.memoryUsage();
    rss = Math.max(rss, now.rss);
    heap = Math.max(heap, now.heapUsed);
  };
  const timer = setInterval(sample, 10);
  const t0 = performance.now();
  try {
    await run();
  } finally {
    clearInterval(timer);
  }
  const ms = performance.now() - t0;
  sample();
  return { ms, rss, heap };
}

// (1) The raw tokenizer: bytes decoded and fed to saxes, no handler; the reader's ceiling.
async function tokenize(file: string): Promise<void> {
  const parser = new SaxesParser({ position: true }); // same options as the reader
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for await (const chunk of createReadStream(file))
    parser.write(decoder.decode(chunk as Buffer, { stream: true }));
  parser.write(decoder.decode()).close();
}

// (2) readOrderXml alone: tokenizer + order trees + mapping to SalesDocument.
async function readOnly(file: string): Promise<number> {
  let documents = 0;
  for await (const item of readOrderXml(createReadStream(file))) {
    if (!item.ok) throw new Error(`document #${item.index}: ${item.error.message}`);
    documents++;
  }
  return documents;
}

// (3) The whole conversion to a FEC temporary file (booking, rendering, encoding, fsync).
async function convert(file: string, dir: string): Promise<{ booked: number; lines: number }> {
  const format = getFormat('fec');
  if (!format) throw new Error('no fec format');
  const result = await convertOrderStream(createReadStream(file), {
    profile: defaultDropFolderProfile('bench', dir, dir),
    format,
    outDir: dir,
    today: '2024-12-31',
    fileName: path.basename(file),
  });
  const { read, booked, failed, ignored, lines } = result.counts;
  if (failed + ignored > 0) throw new Error(`${read} read, ${failed} failed, ${ignored} ignored`);
  for (const output of result.outputs) await fs.rm(output.tmpPath);
  return { booked, lines };
}

// (3b) bookDocument alone on documents parsed beforehand (issue 3: booking must cost less
// than tokenizing). The sample is booked over and over until `count` documents are done,
// so memory stays that of the sample whatever the size.
async function sampleDocuments(file: string): Promise<SalesDocument[]> {
  const documents: SalesDocument[] = [];
  for await (const item of readOrderXml(createReadStream(file))) {
    if (item.ok) documents.push(item.document);
    if (documents.length >= BOOKING_SAMPLE) break;
  }
  return documents;
}

function bookAll(documents: readonly SalesDocument[], count: number, dir: string): number {
  const settings = defaultDropFolderProfile('bench', dir, dir).accounting;
  const letteringCode = createLetteringAllocator();
  let entries = 0;
  for (let i = 0; i < count; i++) {
    const doc = documents[i % documents.length] as SalesDocument;
    entries += bookDocument(doc, settings, { today: '2024-12-31', letteringCode }).entries.length;
  }
  return entries;
}

// (4) fast-xml-parser on the whole file in memory: what the streaming reader avoids. The
// parse is synchronous, so no timer can sample it: its peak is the process's maxRSS.
function parseInMemory(file: string): Measure & { before: number; documents: number } {
  gc();
  const before = process.memoryUsage.rss();
  const t0 = performance.now();
  const tree = new XMLParser().parse(readFileSync(file, 'utf8')) as { orders: { order: unknown } };
  const ms = performance.now() - t0;
  const heap = process.memoryUsage().heapUsed; // the tree is still alive: a lower bound
  const rss = process.resourceUsage().maxRSS * 1024;
  return { ms, rss, heap, before, documents: [tree.orders.order].flat().length };
}

const fmt = (n: number, digits = 0): string =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number): string => `${fmt(bytes / MB)} MB`;
const ratio = (a: number, b: number): string => `${fmt(a / b, 2)}×`;

interface SizeResult {
  orders: number;
  size: number;
  raw: Measure;
  read: Measure;
  full: Measure;
  booking: Measure;
  documents: number;
  booked: { booked: number; lines: number };
}

/** The streaming stages (1)–(3b) on a file of `orders` documents. */
async function runSize(orders: number, dir: string): Promise<SizeResult> {
  const file = path.join(dir, 'orders.xml');
  const size = writeOrderFile(file, orders);
  const raw = await measure(() => tokenize(file));
  let documents = 0;
  const read = await measure(async () => {
    documents = await readOnly(file);
  });
  let booked = { booked: 0, lines: 0 };
  const full = await measure(async () => {
    booked = await convert(file, dir);
  });
  const sample = await sampleDocuments(file);
  const booking = await measure(async () => {
    bookAll(sample, orders, dir);
    return Promise.resolve();
  });
  return { orders, size, raw, read, full, booking, documents, booked };
}

const peakOf = (r: SizeResult): number => Math.max(r.raw.rss, r.read.rss, r.full.rss, r.booking.rss);

/** One line per size (BENCH_SIZES). */
function sizeLine(r: SizeResult): string {
  const perS = (ms: number): string => fmt((r.orders * 1000) / ms);
  return (
    `${fmt(r.orders).padStart(9)} docs ${mb(r.size).padStart(8)}: tokenizer ${fmt(r.raw.ms / 1000, 2)} s, ` +
    `conversion ${fmt(r.full.ms / 1000, 2)} s = ${perS(r.full.ms)} docs/s (${ratio(r.full.ms, r.raw.ms)} the tokenizer), ` +
    `booking alone ${perS(r.booking.ms)} docs/s (${ratio(r.booking.ms, r.raw.ms)} the tokenizer), peak RSS ${mb(peakOf(r))}`
  );
}

/** The closing JSON line (conversion of the largest size). */
function summary(r: SizeResult, peak: number): string {
  return JSON.stringify({
    docs_per_s: Math.round((r.booked.booked * 1000) / r.full.ms),
    ratio_vs_tokenizer: Number((r.full.ms / r.raw.ms).toFixed(2)),
    peak_rss_mb: Math.round(peak / MB),
  });
}

async function warmUp(dir: string): Promise<void> {
  // Every stage once on a small slice, so the JIT has compiled the hot paths.
  const slice = path.join(dir, 'warmup.xml');
  writeOrderFile(slice, 400);
  await tokenize(slice);
  await readOnly(slice);
  await convert(slice, dir);
  // Not bookAll: booking the same few documents over and over first left the conversion
  // measured after it twice as slow (JIT feedback); the conversion warms booking up anyway.
  await fs.rm(slice);
}

async function main(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-bench-'));
  try {
    await warmUp(dir);
    if (SIZES) {
      console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? ''}`);
      const results: SizeResult[] = [];
      for (const orders of [...SIZES].sort((a, b) => a - b)) {
        const result = await runSize(orders, dir);
        results.push(result);
        console.log(sizeLine(result));
      }
      return summary(results.at(-1) as SizeResult, Math.max(...results.map(peakOf)));
    }

    const result = await runSize(ORDERS, dir);
    const { size, raw, read, full, booking, documents, booked } = result;
    const file = path.join(dir, 'orders.xml');
    console.log(
      `${fmt(ORDERS)} documents, ${mb(size)}, Node ${process.version}, ${os.cpus()[0]?.model ?? ''}\n`,
    );
    const fxp = parseInMemory(file); // last: its peak would hide the others' in maxRSS

    const rate = (n: number, ms: number): string => (n > 0 ? fmt((n * 1000) / ms) : '');
    const row = (stage: string, m: Measure, docs = 0, lines = 0): string[] => [
      stage,
      `${fmt(m.ms / 1000, 2)} s`,
      fmt(size / MB / (m.ms / 1000), 1),
      rate(docs, m.ms),
      rate(lines, m.ms),
      mb(m.rss),
      mb(m.heap),
    ];
    const rows = [
      ['stage', 'time', 'MB/s', 'docs/s', 'lines/s', 'peak RSS', 'peak heap'],
      row('(1) saxes tokenizer alone', raw),
      row('(2) readOrderXml', read, documents),
      row('(3) convertOrderStream → FEC', full, booked.booked, booked.lines),
      row('(3b) bookDocument alone, parsed', booking, ORDERS),
      row('(4) fast-xml-parser, in memory', fxp, fxp.documents),
    ];
    const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0))) ?? [];
    const pad = (cell: string, i: number): string =>
      i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0);
    for (const r of rows) console.log(r.map(pad).join('  '));
    console.log('peak RSS/heap: whole process, sampled every 10 ms; (4): maxRSS, heap with the tree alive');
    console.log(`(3b): ${fmt(BOOKING_SAMPLE)} documents parsed first, booked in turn ${fmt(ORDERS)} times\n`);

    const streaming = Math.max(read.rss, full.rss);
    console.log(`${fmt(booked.lines)} FEC lines for ${fmt(booked.booked)} documents. Ratios, same run:`);
    console.log(`- readOrderXml runs at ${ratio(raw.ms, read.ms)} the raw tokenizer (bytes/s)`);
    console.log(
      `- full conversion runs at ${ratio(read.ms, full.ms)} reader-only, ${ratio(raw.ms, full.ms)} the tokenizer; ` +
        `it takes ${ratio(full.ms, raw.ms)} the tokenizer's time`,
    );
    console.log(
      `- booking alone takes ${ratio(booking.ms, raw.ms)} the tokenizer's time (issue 3: below 1×)`,
    );
    console.log(
      `- fast-xml-parser takes ${ratio(fxp.ms, read.ms)} readOrderXml's time; its peak RSS is ` +
        `${ratio(fxp.rss, streaming)} the streaming path's (+${mb(fxp.rss - fxp.before)} while parsing, ` +
        `${ratio(fxp.rss - fxp.before, size)} the file size): that is what streaming avoids`,
    );
    return summary(result, peakOf(result));
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const summaryLine = await main();
// Issue 5: a shop run from the local simulator (bench/shop-run.ts prints its own lines).
await (await import('./shop-run.js')).benchShopRun();
console.log(summaryLine); // last, as one JSON line for scripts
