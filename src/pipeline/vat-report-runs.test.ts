// The VAT summary of a period reads only the kept files of the runs that can hold it: with
// 10,000 runs in the history, a month's summary opens the files of the runs started since
// that month, not the others (theirs are missing here: reading one would be a problem).
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDropFolderProfile } from '../domain/presets/format-france.js';
import { emptyCounts, type RunRecord } from '../domain/run.js';
import { dataLayout } from '../store/data-layout.js';
import { appendLines } from '../store/jsonl.js';
import { RunStore } from '../store/runs.js';
import { buildVatReportOfRuns } from './vat-report-runs.js';

const ORDERS = path.resolve(import.meta.dirname, '../../test/fixtures/orders/2024-03-boutique-cdata.xml');

let root: string;
let runs: RunStore;
const profile = defaultDropFolderProfile('p', '/nowhere', '/nowhere');

function run(id: number, startedAt: string, source: string, extra: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    profileId: 'p',
    profileName: 'p',
    task: 'drop-folder',
    status: 'succeeded',
    startedAt,
    endedAt: startedAt,
    counts: { ...emptyCounts(), read: 1, booked: 1 },
    debit: '0.00',
    credit: '0.00',
    done: 1,
    files: [{ kind: 'source', name: path.basename(source), path: source }],
    ...extra,
  };
}

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-vat-runs-'));
  const old: RunRecord[] = [];
  // 10,000 runs from 2019 to early 2024, each with a kept file that no longer exists.
  for (let id = 1; id <= 10_000; id++) {
    const day = new Date(Date.UTC(2019, 0, 1) + id * 4 * 3_600_000).toISOString();
    old.push(run(id, day, path.join(root, 'gone', `${id}.xml`)));
  }
  await appendLines(dataLayout(root).runsIndex, old);
  await appendLines(dataLayout(root).runsIndex, [
    run(10_001, '2024-04-02T08:00:00.000Z', ORDERS),
    // Another profile's run, and a failed one: never read.
    run(10_002, '2024-04-03T08:00:00.000Z', path.join(root, 'gone', 'other.xml'), { profileId: 'q' }),
    run(10_003, '2024-04-04T08:00:00.000Z', path.join(root, 'gone', 'failed.xml'), {
      status: 'failed',
      counts: emptyCounts(),
    }),
  ]);
  runs = await RunStore.open(root);
});

afterAll(async () => {
  await runs.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe('VAT report of a profile’s runs', () => {
  it('reads only the runs started since the period, quickly, whatever the history', async () => {
    const started = performance.now();
    const report = await buildVatReportOfRuns(runs, {
      profile,
      from: '2024-03-01',
      to: '2024-03-31',
      timeZone: 'Europe/Paris',
    });
    const elapsed = performance.now() - started;
    expect(report.problems).toEqual([]);
    expect(report.summary.documents).toBeGreaterThan(0);
    expect(elapsed).toBeLessThan(2000);
  });

  it('counts only what the ledger says is booked', async () => {
    const all = await buildVatReportOfRuns(runs, {
      profile,
      from: '2024-03-01',
      to: '2024-03-31',
      timeZone: 'UTC',
    });
    const none = await buildVatReportOfRuns(runs, {
      profile,
      from: '2024-03-01',
      to: '2024-03-31',
      timeZone: 'UTC',
      isBooked: () => false,
    });
    expect(all.summary.documents).toBeGreaterThan(0);
    expect(none.summary.documents).toBe(0);
  });

  it('reuses a report while nothing it depends on changed: runs, ledger count, settings, period', async () => {
    const base = { profile, from: '2024-03-01', to: '2024-03-31', timeZone: 'UTC', bookedCount: 8 };
    const first = await buildVatReportOfRuns(runs, { ...base, isBooked: () => true });
    expect(first.summary.documents).toBeGreaterThan(0);
    // Same key: the report is not computed again (the ledger filter is not even asked).
    const again = await buildVatReportOfRuns(runs, { ...base, isBooked: () => false });
    expect(again).toBe(first);
    // A reset (fewer booked documents) or other settings: computed again.
    const afterReset = await buildVatReportOfRuns(runs, { ...base, bookedCount: 7, isBooked: () => false });
    expect(afterReset.summary.documents).toBe(0);
    const other = defaultDropFolderProfile('p', '/nowhere', '/nowhere');
    other.accounting.rounding.decimals = 3;
    const otherSettings = await buildVatReportOfRuns(runs, {
      ...base,
      profile: other,
      isBooked: () => false,
    });
    expect(otherSettings.summary.documents).toBe(0);
  });
});
