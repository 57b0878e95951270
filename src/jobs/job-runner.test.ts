// The worker pool: runs reuse a worker instead of starting one (and loading the reader,
// the engine and the formats) per dropped file; a job that will not stop is terminated and
// the next run gets a fresh worker; stop() ends them all.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { getFormat } from '../domain/format/predefined/index.js';
import { defaultDropFolderProfile } from '../domain/presets/format-france.js';
import type { ConvertJobData, ConvertJobMessage } from './convert-file.js';
import { JobRunner } from './job-runner.js';
import { writeOrderFile } from '../../bench/corpus.js';

const ORDERS = path.resolve(import.meta.dirname, '../../test/fixtures/orders/2024-03-boutique-cdata.xml');
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-jobs-'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

function job(n: number): ConvertJobData {
  return {
    source: { kind: 'file', file: ORDERS, fileName: `orders-${n}.xml` },
    profile: defaultDropFolderProfile('p', dir, dir),
    format: getFormat('fec')!,
    outDir: path.join(dir, `out-${n}`),
    today: '2024-04-01',
    ledgerFile: path.join(dir, 'ledger.jsonl'),
    includeTransferred: false,
  };
}

async function convert(jobs: JobRunner, n: number, key?: string): Promise<ConvertJobMessage[]> {
  await fs.mkdir(path.join(dir, `out-${n}`), { recursive: true });
  const messages: ConvertJobMessage[] = [];
  await jobs.run('convert-file', { ...job(n) }, (m) => messages.push(m as ConvertJobMessage), { key });
  return messages;
}

it('runs one job after another in the same worker, each with its own result', async () => {
  const jobs = new JobRunner();
  try {
    for (let n = 1; n <= 4; n++) {
      const messages = await convert(jobs, n);
      const result = messages.find((m) => m.type === 'result');
      expect(result?.type === 'result' && result.result.counts.booked).toBeGreaterThan(0);
    }
    expect(jobs.workersStarted).toBe(1);
  } finally {
    await jobs.stop(1000);
  }
});

it('cancels a job between documents, and the worker takes the next job afresh', async () => {
  const jobs = new JobRunner();
  try {
    await fs.mkdir(path.join(dir, 'out-5'), { recursive: true });
    // Large enough to be read in many chunks: the worker sees 'cancel' between two of them.
    const big = path.join(dir, 'big.xml');
    writeOrderFile(big, 3000);
    const data = { ...job(5), source: { kind: 'file', file: big, fileName: 'big.xml' } };
    const messages: ConvertJobMessage[] = [];
    let cancelled: boolean | undefined;
    await jobs.run(
      'convert-file',
      data,
      (m) => {
        messages.push(m as ConvertJobMessage);
        // At its first message the job is under way: it stops before the next document.
        cancelled ??= jobs.cancel('run-5', 2000);
      },
      { key: 'run-5' },
    );
    expect(cancelled).toBe(true);
    expect(messages.some((m) => m.type === 'cancelled')).toBe(true);
    expect(messages.some((m) => m.type === 'result')).toBe(false);
    const next = await convert(jobs, 6);
    expect(next.some((m) => m.type === 'result' && m.result.counts.booked > 0)).toBe(true);
    expect(jobs.workersStarted).toBe(1);
  } finally {
    await jobs.stop(1000);
  }
});
