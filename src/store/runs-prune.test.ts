import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { emptyCounts } from '../domain/run.js';
import { RunStore } from './runs.js';

it('prunes old journals and error logs, keeps the summaries, and filters by period', async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-prune-'));
  const runs = await RunStore.open(root);
  const make = async (day: string) => {
    const run = await runs.create({
      profileId: 'p',
      profileName: 'P',
      task: 'orders',
      status: 'running',
      startedAt: `${day}T10:00:00.000Z`,
      counts: emptyCounts(),
      debit: '0.00',
      credit: '0.00',
      done: 0,
      files: [],
    });
    runs.journalLine(run.id, { at: run.startedAt, level: 'info', message: 'hello' });
    runs.errorLine(run.id, { at: run.startedAt, message: 'bad', fix: 'fix it' });
    await runs.finish({ ...run, status: 'succeeded', endedAt: `${day}T10:01:00.000Z` });
    return run.id;
  };
  const old = await make('2026-01-01');
  const recent = await make('2026-03-01');
  expect(await runs.prune(30, new Date('2026-03-10T00:00:00Z'))).toBe(1);
  expect(await runs.journal(old)).toEqual([]);
  expect(await runs.errors(old)).toEqual([]);
  expect(await runs.journal(recent)).toHaveLength(1);
  expect(await runs.prune(30, new Date('2026-03-10T00:00:00Z'))).toBe(0);
  await runs.close();

  const reopened = await RunStore.open(root);
  expect((await reopened.get(old))?.journalPrunedAt).toBe('2026-03-10T00:00:00.000Z');
  expect((await reopened.get(old))?.status).toBe('succeeded');
  const march = await reopened.list({ from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' });
  expect(march.runs.map((r) => r.id)).toEqual([recent]);
  await fs.rm(root, { recursive: true, force: true });
});
