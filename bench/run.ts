// `npm run bench`: throughput and memory of the order XML path, all measured in one run so
// that the ratios between stages hold on any machine. BENCH_ORDERS sets the number of
// documents (default 20000, about 100 MB). Not a test: nothing here asserts a duration.
import { createReadStream, promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { XMLParser } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { readOrderXml } from '../src/adapters/drop-folder/order-xml.js';
import { getFormat } from '../src/domain/format/predefined/index.js';
import { defaultDropFolderProfile } from '../src/domain/presets/format-france.js';
import { convertOrderStream } from '../src/pipeline/convert.js';
import { writeOrderFile } from './corpus.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void; // a clean heap before each stage

const ORDERS = Number(process.env.BENCH_ORDERS ?? 20_000);
if (!Number.isInteger(ORDERS) || ORDERS < 1) throw new Error(`BENCH_ORDERS=${process.env.BENCH_ORDERS}`);
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

async function main(): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-bench-'));
  try {
    // Warm-up on a small slice: every stage once, so the JIT has compiled the hot paths.
    const slice = path.join(dir, 'warmup.xml');
    writeOrderFile(slice, 400);
    await tokenize(slice);
    await readOnly(slice);
    await convert(slice, dir);
    await fs.rm(slice);

    const file = path.join(dir, 'orders.xml');
    const size = writeOrderFile(file, ORDERS);
    console.log(
      `${fmt(ORDERS)} documents, ${mb(size)}, Node ${process.version}, ${os.cpus()[0]?.model ?? ''}\n`,
    );

    const raw = await measure(() => tokenize(file));
    let documents = 0;
    const read = await measure(async () => {
      documents = await readOnly(file);
    });
    let booked = { booked: 0, lines: 0 };
    const full = await measure(async () => {
      booked = await convert(file, dir);
    });
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
      row('(4) fast-xml-parser, in memory', fxp, fxp.documents),
    ];
    const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0))) ?? [];
    const pad = (cell: string, i: number): string =>
      i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0);
    for (const r of rows) console.log(r.map(pad).join('  '));
    console.log('peak RSS/heap: whole process, sampled every 10 ms; (4): maxRSS, heap with the tree alive\n');

    const streaming = Math.max(read.rss, full.rss);
    console.log(`${fmt(booked.lines)} FEC lines for ${fmt(booked.booked)} documents. Ratios, same run:`);
    console.log(`- readOrderXml runs at ${ratio(raw.ms, read.ms)} the raw tokenizer (bytes/s)`);
    console.log(
      `- full conversion runs at ${ratio(read.ms, full.ms)} reader-only, ${ratio(raw.ms, full.ms)} the tokenizer`,
    );
    console.log(
      `- fast-xml-parser takes ${ratio(fxp.ms, read.ms)} readOrderXml's time; its peak RSS is ` +
        `${ratio(fxp.rss, streaming)} the streaming path's (+${mb(fxp.rss - fxp.before)} while parsing, ` +
        `${ratio(fxp.rss - fxp.before, size)} the file size): that is what streaming avoids`,
    );
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

await main();
