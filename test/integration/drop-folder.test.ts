// The appliance end to end: files dropped in the inbox become FEC files in the outbox,
// each exactly once, across restarts and crashes.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { setQuiet } from '../../src/log.js';
import { startAppliance, type Appliance } from '../../src/serve.js';
import { appendLines } from '../../src/store/jsonl.js';
import { ledgerFile, loadBookedKeys } from '../../src/store/ledger.js';
import { ordersFile } from '../helpers/orders.js';
import { WebClient } from '../helpers/web-client.js';
import { sleep, waitFor } from '../helpers/wait.js';

setQuiet(true);

let root: string;
let config: Config;
let appliance: Appliance;

const inbox = (): string => path.join(root, 'inbox');
const outbox = (): string => path.join(root, 'outbox');
const outboxFiles = async (): Promise<string[]> =>
  (await fs.readdir(outbox())).filter((n) => !n.startsWith('.')).sort();
const finishedRuns = async () =>
  (await appliance.runs.list({ pageSize: 200 })).runs.filter((r) => r.status !== 'running');

/** FEC lines (header excluded) of every file in the outbox. */
async function fecLines(): Promise<string[][]> {
  const lines: string[][] = [];
  for (const name of await outboxFiles()) {
    const text = await fs.readFile(path.join(outbox(), name), 'utf8');
    lines.push(
      ...text
        .split('\r\n')
        .slice(1)
        .map((l) => l.split('\t')),
    );
  }
  return lines;
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-drop-'));
  config = {
    dataDir: root,
    port: 0,
    host: '127.0.0.1',
    stabilityMs: 400,
    polling: false,
    rescanMs: 1000,
    timeZone: 'Europe/Paris',
  };
  await fs.mkdir(inbox(), { recursive: true });
  await fs.writeFile(path.join(inbox(), 'before-start.xml'), ordersFile([{ key: '101' }, { key: '102' }]));
  appliance = await startAppliance(config);
});

afterAll(async () => {
  await appliance?.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe('drop folder', () => {
  it('converts a file present at start-up, one written slowly and one renamed into place, each once', async () => {
    const slow = await fs.open(path.join(inbox(), 'slow.xml'), 'w');
    const text = ordersFile([{ key: '201' }, { key: '202', customer: '' }]);
    for (let i = 0; i < text.length; i += 300) {
      await slow.write(text.slice(i, i + 300));
      await sleep(120); // pauses shorter than the stability delay, longer than inotify's latency
    }
    await slow.close();
    await fs.writeFile(path.join(inbox(), 'upload.xml.part'), ordersFile([{ key: '301', priceCents: 4999 }]));
    await fs.rename(path.join(inbox(), 'upload.xml.part'), path.join(inbox(), 'upload.xml'));

    await waitFor(async () => (await finishedRuns()).length >= 3, 20_000, 'three runs');
    await sleep(2500); // past a rescan and the stability delay: nothing runs again
    const runs = await finishedRuns();
    expect(runs).toHaveLength(3);
    expect(runs.every((r) => r.status === 'succeeded')).toBe(true);
    expect(runs.reduce((n, r) => n + r.counts.booked, 0)).toBe(5);
    expect((await fs.readdir(inbox())).filter((n) => n.endsWith('.xml'))).toEqual([]);
    expect(await outboxFiles()).toHaveLength(3);

    const lines = await fecLines();
    const pieces = new Set(lines.map((l) => l[8]));
    expect([...pieces].sort()).toEqual(['101', '102', '201', '202', '301']);
    // Each order once: one customer debit line per order in the sales journal.
    const customerDebits = lines.filter((l) => l[0] === 'VTE' && l[4] === '411000');
    expect(customerDebits).toHaveLength(5);
    expect(customerDebits.find((l) => l[8] === '202')?.[6]).toBe('WEB00000'); // guest
    const booked = await loadBookedKeys(ledgerFile(path.join(root, 'ledger'), 'default'));
    expect(booked.size).toBe(5);

    const month = (await fs.readdir(path.join(inbox(), 'archive')))[0] ?? '';
    expect((await fs.readdir(path.join(inbox(), 'archive', month))).sort()).toEqual([
      'before-start.xml',
      'slow.xml',
      'upload.xml',
    ]);
  });

  it('records the reconciliation of each run and shows it on the run page', async () => {
    const run = (await finishedRuns()).find((r) => r.counts.booked > 0);
    const rec = run?.reconciliation;
    expect(rec?.ok).toBe(true);
    expect(rec?.sales.customer).toBe(rec?.sales.documents);
    expect(rec?.total.debit).toBe(run?.debit);
    expect(rec?.journals.map((j) => j.journal).sort()).toEqual(['BQ1', 'VTE']);

    // Through the web UI: create the administrator, then open the run page.
    const client = new WebClient(appliance.url);
    await client.setup('comptable', 'correct horse battery');
    const page = await client.get(`/runs/${run?.id}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Rapprochement');
    expect(html).toContain('concordant');
    expect(html).toMatch(/<td>VTE<\/td>/);
  });

  it('moves a malformed file to failed/ with its reason, and keeps going', async () => {
    await fs.writeFile(
      path.join(inbox(), 'broken.xml'),
      '<?xml version="1.0"?>\n<orders>\n  <order>\n</orders>\n',
    );
    const reasonFile = path.join(inbox(), 'failed', 'broken.xml.error.txt');
    const reason = await waitFor(() => fs.readFile(reasonFile, 'utf8').catch(() => ''), 10_000, 'error file');
    expect(reason).toMatch(/line \d+, column \d+/);
    expect(await fs.readFile(path.join(inbox(), 'failed', 'broken.xml'), 'utf8')).toContain('<orders>');

    await fs.writeFile(path.join(inbox(), 'after.xml'), ordersFile([{ key: '401' }]));
    await waitFor(async () => (await finishedRuns()).length >= 5, 10_000, 'the next run');
    const [latest, failed] = (await appliance.runs.list()).runs;
    expect(latest?.status).toBe('succeeded');
    expect(failed?.status).toBe('failed');
    expect((await appliance.runs.errors(failed?.id ?? 0))[0]?.file).toBe('broken.xml');
    const health = await fetch(`${appliance.url}/healthz`);
    expect(health.status).toBe(200);
  });

  it('books nothing twice after a restart', async () => {
    await appliance.close();
    appliance = await startAppliance(config);
    const before = await outboxFiles();
    const month = (await fs.readdir(path.join(inbox(), 'archive')))[0] ?? '';
    await fs.copyFile(
      path.join(inbox(), 'archive', month, 'before-start.xml'),
      path.join(inbox(), 'again.xml'),
    );
    const run = await waitFor(
      async () => (await finishedRuns()).find((r) => r.files.some((f) => f.name === 'again.xml')),
      10_000,
      'the run of again.xml',
    );
    // The same bytes again: set aside unread as a duplicate (pipeline/dropped-duplicates.ts).
    expect(run.status).toBe('failed');
    expect(run.message).toMatch(/^same content as before-start\.xml imported in run \d+$/);
    expect(await fs.readFile(path.join(inbox(), 'failed', 'again.xml.error.txt'), 'utf8')).toContain(
      'imported before',
    );
    expect(await outboxFiles()).toEqual(before);
  });

  it('finishes a publish interrupted by a crash, and drops unrecorded temporaries', async () => {
    await appliance.close();
    const tmpPath = path.join(outbox(), '.comptoir-crash.tmp');
    const orphan = path.join(outbox(), '.comptoir-orphan.tmp');
    const finalPath = path.join(outbox(), 'Ventes-crash.txt');
    await fs.writeFile(tmpPath, 'JournalCode\tJournalLib\r\n');
    await fs.writeFile(orphan, 'half a file');
    await appendLines(ledgerFile(path.join(root, 'ledger'), 'default'), [
      {
        t: 'intent',
        run: 999,
        at: new Date().toISOString(),
        keys: ['1/order/999'],
        files: [{ tmpPath, finalPath }],
      },
    ]);
    appliance = await startAppliance(config);
    expect(await fs.readFile(finalPath, 'utf8')).toBe('JournalCode\tJournalLib\r\n');
    await expect(fs.access(tmpPath)).rejects.toThrow();
    await expect(fs.access(orphan)).rejects.toThrow();
    const booked = await loadBookedKeys(ledgerFile(path.join(root, 'ledger'), 'default'));
    expect(booked.has('1/order/999')).toBe(true);
  });
});
