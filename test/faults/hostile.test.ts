// Hostile inputs dropped into a running appliance (the built CLI): the corpus of
// test/fixtures/hostile/ and big files generated here (a million entity references, a
// million character references, 10,000 lines in one order, deep nesting, a 10 MB attribute
// and text, a 1 GB file). Each is refused with a clear error in its run's error log and set
// aside in failed/ with a .error.txt; the process's peak memory stays bounded; /healthz
// answers throughout; and a good file dropped after them is booked.
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorLine, RunRecord } from '../../src/domain/run.js';
import { orderXml, ordersFile } from '../helpers/orders.js';
import { sleep, waitFor } from '../helpers/wait.js';
import {
  listFiles,
  outboxBookings,
  peakRssMb,
  spawnAppliance,
  stop,
  type ApplianceProcess,
} from './harness.js';

const CORPUS = path.resolve('test/fixtures/hostile');
/** Peak resident memory of the appliance (main thread and its workers) over the whole campaign. */
const MAX_RSS_MB = 300;
const GIGABYTE = 1024 ** 3;
/** Booked on purpose (see the corpus's README). */
const ACCEPTED = new Set(['bom-utf8-twice.xml', 'ten-thousand-lines.xml']);
/** Refused document by document: the error log also names the document and the field. */
const DOCUMENT_ERRORS = new Set([
  'amount-with-spaces-and-comma.xml',
  'exponent-amount.xml',
  'huge-amount.xml',
  'impossible-date.xml',
  'missing-date.xml',
  'missing-lines.xml',
  'missing-order-key.xml',
  'missing-totals.xml',
  'negative-amount.xml',
  'non-numeric-amount.xml',
  'unknown-elements-instead-of-known.xml',
  'unknown-order-type.xml',
]);

let root = '';
let generated = '';
let app: ApplianceProcess | undefined;
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-hostile-'));
  generated = path.join(root, 'generated');
  await fs.mkdir(generated);
});
afterAll(async () => {
  if (app?.child.exitCode === null) app.child.kill('SIGKILL');
  if (root) await fs.rm(root, { recursive: true, force: true });
});

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<orders>\n';

/** Writes `parts()` to a file through a stream, waiting on back-pressure: never the whole in memory. */
async function writeStreaming(file: string, parts: Iterable<string | Buffer>): Promise<void> {
  const out = createWriteStream(file);
  for (const part of parts) if (!out.write(part)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

function* repeat(text: string, times: number): Generator<string> {
  // Batches of repeats: fewer, bigger writes.
  const batch = text.repeat(Math.max(1, Math.floor(65_536 / text.length)));
  const perBatch = batch.length / text.length;
  let left = times;
  for (; left >= perBatch; left -= perBatch) yield batch;
  if (left > 0) yield text.repeat(left);
}

async function generate(): Promise<string[]> {
  const files: [string, () => Iterable<string | Buffer>][] = [
    [
      'million-entity-references.xml',
      () => [
        '<?xml version="1.0"?>\n<!DOCTYPE orders [ <!ENTITY a "aaaaaaaaaa"> ]>\n<orders><order><order_key>',
        ...repeat('&a;', 1_000_000),
        '</order_key></order></orders>\n',
      ],
    ],
    [
      'million-character-references.xml',
      () => [
        HEAD,
        '<order><order_key>million-character-references</order_key><note>',
        ...repeat('&#65;', 1_000_000),
        '</note></order></orders>\n',
      ],
    ],
    [
      'deep-nesting.xml',
      () => [HEAD, '<order>', ...repeat('<x>', 100_000), ...repeat('</x>', 100_000), '</order></orders>\n'],
    ],
    [
      'long-attribute.xml',
      () => [HEAD, '<order note="', ...repeat('a', 10_000_000), '"></order></orders>\n'],
    ],
    [
      'long-text.xml',
      () => [
        HEAD,
        '<order><order_key>long-text</order_key><customer><lastname>',
        ...repeat('z', 10_000_000),
        '</lastname></customer></order></orders>\n',
      ],
    ],
    [
      'ten-thousand-lines.xml',
      () => {
        // 10,000 lines of 1.00 + 20 % VAT: totals 10,000.00 / 12,000.00.
        const line =
          '<order_line><product_key>7</product_key><product_name>Vis</product_name><quantity>1</quantity>' +
          '<total_price_tax_excl>1.00</total_price_tax_excl><total_price_tax_incl>1.20</total_price_tax_incl>' +
          '<tax_name>TVA FR 20%</tax_name><tax_rate>20.000</tax_rate></order_line>';
        const [start = '', end = ''] = orderXml({ key: 'ten-thousand-lines', priceCents: 1_000_000 }).split(
          /<order_lines>[\s\S]*<\/order_lines>/,
        );
        return [HEAD, start, '<order_lines>', ...repeat(line, 10_000), '</order_lines>', end, '</orders>\n'];
      },
    ],
    [
      'one-gigabyte.xml',
      () => {
        // Valid orders, then a gigabyte of comments, cut before </orders>: read to its end
        // as a stream, then refused; none of its orders is booked.
        const comment = `<!-- ${'padding '.repeat(126)} -->\n`;
        return [
          HEAD,
          orderXml({ key: 'gigabyte-1' }),
          orderXml({ key: 'gigabyte-2' }),
          ...repeat(comment, Math.ceil(GIGABYTE / comment.length)),
        ];
      },
    ],
  ];
  for (const [name, parts] of files) await writeStreaming(path.join(generated, name), parts());
  return files.map(([name]) => name);
}

async function runsByFile(dataDir: string): Promise<Map<string, RunRecord>> {
  const last = new Map<number, RunRecord>();
  const text = await fs.readFile(path.join(dataDir, 'runs', 'runs.jsonl'), 'utf8');
  for (const line of text.split('\n').filter(Boolean)) {
    const run = JSON.parse(line) as RunRecord;
    last.set(run.id, run);
  }
  const byFile = new Map<string, RunRecord>();
  for (const run of last.values()) {
    const source = run.files.find((f) => f.kind === 'source');
    if (source) byFile.set(source.name, run);
  }
  return byFile;
}

async function errorLines(dataDir: string, runId: number): Promise<ErrorLine[]> {
  const text = await fs
    .readFile(path.join(dataDir, 'runs', String(runId), 'errors.jsonl'), 'utf8')
    .catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as ErrorLine);
}

describe('hostile inputs', () => {
  it('refuses each with a clear error, sets it aside, stays up and in bounded memory, and loses nothing', async () => {
    const corpus = await listFiles(CORPUS, (n) => n.endsWith('.xml'));
    expect(corpus.length).toBeGreaterThanOrEqual(30);
    const big = await generate();

    app = spawnAppliance({
      COMPTOIR_DATA_DIR: root,
      COMPTOIR_STABILITY_MS: '300',
      COMPTOIR_RESCAN_MS: '5000',
    });
    const url = await app.url();
    const inbox = path.join(root, 'inbox');
    // /healthz polled all along: every answer must be 200.
    let polling = true;
    const health = { ok: 0, bad: [] as string[] };
    const poller = (async () => {
      while (polling) {
        const started = Date.now();
        try {
          const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(5000) });
          if (response.status === 200) health.ok++;
          else health.bad.push(`status ${response.status}`);
        } catch (error) {
          health.bad.push(`${(error as Error).message} after ${Date.now() - started} ms`);
        }
        await sleep(250);
      }
    })();

    // Dropped whole (renamed in from the side folder), all at once.
    for (const name of corpus) await fs.copyFile(path.join(CORPUS, name), path.join(generated, `.${name}`));
    for (const name of corpus) await fs.rename(path.join(generated, `.${name}`), path.join(inbox, name));
    for (const name of big) await fs.rename(path.join(generated, name), path.join(inbox, name));
    const names = [...corpus, ...big];
    await waitFor(
      async () => (await listFiles(inbox, (n) => n.endsWith('.xml'))).length === 0,
      400_000,
      'the hostile files to be handled',
    );

    // Nothing else lost: a good file afterwards is booked.
    await fs.writeFile(path.join(inbox, 'good-after.xml'), ordersFile([{ key: 'good-after' }]));
    await waitFor(
      async () => (await outboxBookings(path.join(root, 'outbox'))).get('good-after') === 1,
      60_000,
      'the good file',
    );
    const peak = peakRssMb(app.child.pid ?? 0) ?? Infinity;
    polling = false;
    await poller;
    expect(await stop(app)).toBe(0);
    process.stdout.write(
      `[hostile] ${names.length} files; peak RSS ${Math.round(peak)} MB; /healthz ${health.ok} answers\n`,
    );

    expect(health.bad).toEqual([]);
    expect(health.ok).toBeGreaterThan(0);
    expect(peak).toBeLessThan(MAX_RSS_MB);

    const runs = await runsByFile(root);
    const failedDir = path.join(inbox, 'failed');
    const failed = await listFiles(failedDir);
    const problems: string[] = [];
    for (const name of names) {
      const run = runs.get(name);
      if (!run) {
        problems.push(`${name}: no run`);
        continue;
      }
      if (ACCEPTED.has(name)) {
        if (run.status !== 'succeeded') problems.push(`${name}: ${run.status}, expected booked`);
        continue;
      }
      if (run.status !== 'failed') problems.push(`${name}: run ${run.id} ${run.status}, expected failed`);
      if (!failed.includes(name) || !failed.includes(`${name}.error.txt`))
        problems.push(`${name}: not set aside in failed/`);
      const errors = await errorLines(root, run.id);
      const clear = errors.filter((e) => e.file === name && e.message && e.fix);
      if (clear.length === 0) problems.push(`${name}: no error line naming the file with what to do`);
      if (DOCUMENT_ERRORS.has(name) && !errors.some((e) => e.document && e.field && e.file === name))
        problems.push(`${name}: no error line naming the document and the field`);
      const reason = await fs.readFile(path.join(failedDir, `${name}.error.txt`), 'utf8').catch(() => '');
      if (!/Reason: .+\nWhat to do: .+/.test(reason))
        problems.push(`${name}: .error.txt without reason and what to do`);
    }
    expect(problems).toEqual([]);
    // Of the hostile files only the accepted ones reached the outbox.
    const booked = [...(await outboxBookings(path.join(root, 'outbox'))).keys()].sort();
    expect(booked).toEqual(['bom-utf8-twice', 'good-after', 'ten-thousand-lines']);
  });
});
