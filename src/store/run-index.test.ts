import { describe, expect, it } from 'vitest';
import { emptyCounts, type RunRecord, type RunStatus } from '../domain/run.js';
import { RunIndex } from './run-index.js';

function run(id: number, status: RunStatus, profileId = 'p1', day = id): RunRecord {
  return {
    id,
    profileId,
    profileName: profileId,
    task: id % 2 ? 'orders' : 'creditnotes',
    status,
    startedAt: `2025-03-${String(day).padStart(2, '0')}T08:00:00.000Z`,
    counts: emptyCounts(),
    debit: '0.00',
    credit: '0.00',
    done: 0,
    files: [],
  };
}

describe('run index', () => {
  it('pages the matching runs newest first and counts them all', () => {
    const index = new RunIndex();
    for (let id = 1; id <= 20; id++)
      index.set(run(id, id % 4 === 0 ? 'failed' : 'succeeded', id > 10 ? 'p2' : 'p1'));
    expect(index.page({}, 0, 3)).toEqual({ ids: [20, 19, 18], total: 20 });
    expect(index.page({}, 18, 5)).toEqual({ ids: [2, 1], total: 20 });
    expect(index.page({ status: 'failed' }, 1, 2)).toEqual({ ids: [16, 12], total: 5 });
    expect(index.page({ profileId: 'p2', task: 'orders' }, 0, 10)).toEqual({
      ids: [19, 17, 15, 13, 11],
      total: 5,
    });
    expect(index.page({ profileId: 'unknown' }, 0, 10)).toEqual({ ids: [], total: 0 });
    const from = Date.parse('2025-03-05T00:00:00.000Z');
    const to = Date.parse('2025-03-08T00:00:00.000Z');
    expect(index.page({ from, to }, 0, 10)).toEqual({ ids: [7, 6, 5], total: 3 });
    expect(index.since(Date.parse('2025-03-18T08:00:00.000Z'))).toEqual([18, 19, 20]);
  });

  it('follows a run’s later snapshots, and keeps id order when an older id comes late', () => {
    const index = new RunIndex();
    index.set(run(2, 'running'));
    index.set(run(5, 'running'));
    index.set(run(3, 'failed'));
    index.set(run(5, 'succeeded'));
    expect(index.all()).toEqual([2, 3, 5]);
    expect(index.page({ status: 'running' }, 0, 10)).toEqual({ ids: [2], total: 1 });
    expect(index.page({ status: 'succeeded' }, 0, 10)).toEqual({ ids: [5], total: 1 });
    expect(index.page({ status: 'failed' }, 0, 10)).toEqual({ ids: [3], total: 1 });
  });
});
