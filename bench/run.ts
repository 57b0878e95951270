// `npm run bench`: throughput and memory of the order XML path, all measured in one run so
// that the ratios between stages hold on any machine. BENCH_ORDERS sets the number of
// documents (default 20000, about 100 MB). BENCH_SIZES=10000,100000,1000000 runs the
// streaming stages at each size, each size in a fresh child process so that its peak RSS
// is its own, and prints one line per size. BENCH_CLI=1 also times the real command
// (`comptoir convert`, its own process) on each size's file. The last line is a JSON summary:
// the slowest size's documents/s and ratio, the highest peak RSS, and the web p95 when
// bench/web.ts exists. Not a test: nothing here asserts a duration.
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { fileURLToPath } from 'node:url';
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
/** Set by the parent in a child process: the size that child measures. */
const CHILD_SIZE = process.env.BENCH_CHILD_SIZE ? Number(process.env.BENCH_CHILD_SIZE) : undefined;
const WITH_CLI = process.env.BENCH_CLI === '1';
/** The child's result line starts with this, so that the parent finds it among other output. */
const RESULT_MARK = 'BENCH-RESULT ';
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
  /** Stage (1) in this process, after the warm-up. */
  raw: Measure;
  /** Stage (1) again in a fresh process, where saxes is at its fastest: the ratios' baseline. */
  freshMs: number;
  read: Measure;
  full: Measure;
  booking: Measure;
  documents: number;
  booked: { booked: number; lines: number };
  /** `comptoir convert` as its own process (BENCH_CLI=1): wall time and its maxRSS. */
  cli?: { ms: number; rss: number };
}

/** The streaming stages (1)–(3b) on a file of `orders` documents. */
async function runSize(orders: number, dir: string): Promise<SizeResult> {
  const file = path.join(dir, 'orders.xml');
  const size = writeOrderFile(file, orders);
  const raw = await measure(() => tokenize(file));
  const freshMs = await tokenizeInFreshProcess(file);
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
  const cli = WITH_CLI ? await runCli(file, dir, orders) : undefined;
  await fs.rm(file);
  return { orders, size, raw, freshMs, read, full, booking, documents, booked, ...(cli ? { cli } : {}) };
}

/** The tokenizer's time at its best, what every ratio is measured against. */
const baseMs = (r: Pick<SizeResult, 'raw' | 'freshMs'>): number => Math.min(r.raw.ms, r.freshMs);

// saxes walking the file in a new Node process, same options and decoding as stage (1). In
// the bench process, after the warm-up has run the reader, the same walk measured up to
// three times slower (JIT state shared with the reader), which would flatter every ratio.
const FRESH_TOKENIZER = `
import { createReadStream } from 'node:fs';
import { SaxesParser } from 'saxes';
const parser = new SaxesParser({ position: true });
const decoder = new TextDecoder('utf-8', { fatal: true });
const t0 = performance.now();
for await (const chunk of createReadStream(process.argv[1])) parser.write(decoder.decode(chunk, { stream: true }));
parser.write(decoder.decode()).close();
console.log(performance.now() - t0);`;

async function tokenizeInFreshProcess(file: string): Promise<number> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const { code, stdout, stderr } = await run(
    process.execPath,
    ['--input-type=module', '-e', FRESH_TOKENIZER, file],
    process.env,
    root,
  );
  if (code !== 0) throw new Error(`the fresh tokenizer exited with ${code}: ${stderr.slice(-500)}`);
  return Number(stdout.trim());
}

/**
 * The real command in its own process, as a user runs it: `comptoir convert file --out dir`
 * (the sources through tsx, as `npm run bench` runs; dist/cli.js is the same code compiled).
 * GNU time gives the process's maxRSS.
 */
async function runCli(file: string, dir: string, orders: number): Promise<{ ms: number; rss: number }> {
  const out = path.join(dir, 'cli-out');
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const args = [
    '-f',
    '%M',
    process.execPath,
    ...process.execArgv,
    cli,
    'convert',
    file,
    '--out',
    out,
    '--json',
  ];
  const t0 = performance.now();
  const { code, stdout, stderr } = await run('/usr/bin/time', args);
  const ms = performance.now() - t0;
  if (code !== 0) throw new Error(`comptoir convert exited with ${code}: ${stderr.slice(-2000)}`);
  const summary = JSON.parse(stdout) as { booked: number };
  if (summary.booked !== orders) throw new Error(`comptoir convert booked ${summary.booked} of ${orders}`);
  await fs.rm(out, { recursive: true, force: true });
  const kb = Number(/(\d+)\s*$/.exec(stderr)?.[1]);
  return { ms, rss: kb * 1024 };
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** One size in a fresh process (this file with BENCH_CHILD_SIZE): its peak RSS is its own. */
async function runSizeInChild(orders: number): Promise<SizeResult> {
  const self = fileURLToPath(import.meta.url);
  // Without BENCH_SIZES: a child that saw it would spawn children of its own.
  const env: NodeJS.ProcessEnv = { ...process.env, BENCH_CHILD_SIZE: String(orders) };
  delete env.BENCH_SIZES;
  const { code, stdout, stderr } = await run(process.execPath, [...process.execArgv, self], env);
  const line = stdout.split('\n').find((l) => l.startsWith(RESULT_MARK));
  if (code !== 0 || !line)
    throw new Error(`bench child for ${orders} exited with ${code}: ${stderr.slice(-2000)}`);
  return JSON.parse(line.slice(RESULT_MARK.length)) as SizeResult;
}

const peakOf = (r: SizeResult): number => Math.max(r.raw.rss, r.read.rss, r.full.rss, r.booking.rss);

/** One line per size (BENCH_SIZES). */
function sizeLine(r: SizeResult): string {
  const perS = (ms: number): string => fmt((r.orders * 1000) / ms);
  return (
    `${fmt(r.orders).padStart(9)} docs ${mb(r.size).padStart(8)}: tokenizer ${fmt(baseMs(r) / 1000, 2)} s, ` +
    `conversion ${fmt(r.full.ms / 1000, 2)} s = ${perS(r.full.ms)} docs/s (${ratio(r.full.ms, baseMs(r))} the tokenizer), ` +
    `booking alone ${perS(r.booking.ms)} docs/s (${ratio(r.booking.ms, baseMs(r))} the tokenizer), ` +
    `peak RSS ${mb(peakOf(r))} (conversion ${mb(r.full.rss)})` +
    (r.cli
      ? `; comptoir convert process ${fmt(r.cli.ms / 1000, 2)} s = ${perS(r.cli.ms)} docs/s ` +
        `(${ratio(r.cli.ms, baseMs(r))} the tokenizer), maxRSS ${mb(r.cli.rss)}`
      : '')
  );
}

/**
 * The closing JSON line: the targets hold "at every size", so it gives the slowest size's
 * documents/s and ratio and the highest peak RSS, with each size's own figures beside them.
 */
function summary(results: SizeResult[], webP95: number | null): string {
  const perSize = results.map((r) => ({
    documents: r.orders,
    docs_per_s: Math.round((r.booked.booked * 1000) / r.full.ms),
    ratio_vs_tokenizer: Number((r.full.ms / baseMs(r)).toFixed(2)),
    booking_ratio_vs_tokenizer: Number((r.booking.ms / baseMs(r)).toFixed(2)),
    peak_rss_mb: Math.round(peakOf(r) / MB),
    ...(r.cli
      ? {
          cli_docs_per_s: Math.round((r.orders * 1000) / r.cli.ms),
          cli_ratio_vs_tokenizer: Number((r.cli.ms / baseMs(r)).toFixed(2)),
          cli_peak_rss_mb: Math.round(r.cli.rss / MB),
        }
      : {}),
  }));
  return JSON.stringify({
    docs_per_s: Math.min(...perSize.map((r) => r.docs_per_s)),
    ratio_vs_tokenizer: Math.max(...perSize.map((r) => r.ratio_vs_tokenizer)),
    peak_rss_mb: Math.max(...perSize.map((r) => r.peak_rss_mb)),
    web_p95_ms: webP95,
    ...(perSize.length > 1 ? { sizes: perSize } : {}),
  });
}

/** bench/web.ts's benchWeb() (written separately): the p95 of the web pages, or null without it. */
async function webP95(): Promise<number | null> {
  if (!existsSync(new URL('./web.ts', import.meta.url))) return null;
  const module = './web.js'; // a variable: the file may not exist when this one is type-checked
  const { benchWeb } = (await import(module)) as { benchWeb?: () => Promise<unknown> };
  if (typeof benchWeb !== 'function') return null;
  const result = await benchWeb();
  if (typeof result === 'number') return result;
  const fields = (result ?? {}) as Record<string, unknown>;
  const p95 = fields.web_p95_ms ?? fields.p95_ms ?? fields.p95Ms ?? fields.p95;
  return typeof p95 === 'number' ? p95 : null;
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

async function main(): Promise<SizeResult[]> {
  if (SIZES && CHILD_SIZE === undefined) {
    console.log(`Node ${process.version}, ${os.cpus()[0]?.model ?? ''}, one process per size`);
    const results: SizeResult[] = [];
    for (const orders of [...SIZES].sort((a, b) => a - b)) {
      const result = await runSizeInChild(orders);
      results.push(result);
      console.log(sizeLine(result));
    }
    return results;
  }
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-bench-'));
  try {
    await warmUp(dir);
    if (CHILD_SIZE !== undefined) {
      console.log(RESULT_MARK + JSON.stringify(await runSize(CHILD_SIZE, dir)));
      return [];
    }

    const file = path.join(dir, 'orders.xml');
    const result = await runSize(ORDERS, dir);
    writeOrderFile(file, ORDERS); // runSize removed it; (4) reads it whole
    const { size, raw, read, full, booking, documents, booked } = result;
    const base = baseMs(result);
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
      row('(1f) saxes alone, fresh process', { ms: result.freshMs, rss: 0, heap: 0 }),
      row('(2) readOrderXml', read, documents),
      row('(3) convertOrderStream → FEC', full, booked.booked, booked.lines),
      ...(result.cli ? [row('(3c) comptoir convert, process', { ...result.cli, heap: 0 }, ORDERS)] : []),
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
    console.log(
      `- the tokenizer's time: ${fmt(base / 1000, 2)} s, the faster of (1) and (1f); every ratio below is against it`,
    );
    console.log(`- readOrderXml runs at ${ratio(base, read.ms)} the raw tokenizer (bytes/s)`);
    console.log(
      `- full conversion runs at ${ratio(read.ms, full.ms)} reader-only, ${ratio(base, full.ms)} the tokenizer; ` +
        `it takes ${ratio(full.ms, base)} the tokenizer's time`,
    );
    console.log(`- booking alone takes ${ratio(booking.ms, base)} the tokenizer's time (issue 3: below 1×)`);
    console.log(
      `- fast-xml-parser takes ${ratio(fxp.ms, read.ms)} readOrderXml's time; its peak RSS is ` +
        `${ratio(fxp.rss, streaming)} the streaming path's (+${mb(fxp.rss - fxp.before)} while parsing, ` +
        `${ratio(fxp.rss - fxp.before, size)} the file size): that is what streaming avoids`,
    );
    return [result];
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const results = await main();
if (CHILD_SIZE === undefined) {
  // Issue 5: a shop run from the local simulator (bench/shop-run.ts prints its own lines).
  await (await import('./shop-run.js')).benchShopRun();
  console.log(summary(results, await webP95())); // last, as one JSON line for scripts
}
