import { describe, expect, it } from 'vitest';
import { dashboardFor, monthLowerBound } from './dashboard.js';
import { emptyCounts, type RunRecord } from './run.js';

let id = 0;
function run(fields: Partial<RunRecord> & { booked?: number; failed?: number; entries?: number }): RunRecord {
  const { booked = 0, failed = 0, entries = booked * 2, ...rest } = fields;
  return {
    id: ++id,
    profileId: 'shop',
    profileName: 'Boutique',
    task: 'orders',
    status: failed > 0 ? (booked > 0 ? 'partly' : 'failed') : 'succeeded',
    startedAt: '2026-03-10T10:00:00.000Z',
    endedAt: '2026-03-10T10:01:00.000Z',
    counts: { ...emptyCounts(), read: booked + failed, booked, failed, entries, lines: entries * 3 },
    debit: '0.00',
    credit: '0.00',
    done: 0,
    files: [],
    ...rest,
  };
}

describe('dashboardFor', () => {
  it('sums per profile and in total, with one point per day of the month in the zone', () => {
    const runs = [
      run({ booked: 3, debit: '120.10' }),
      run({ booked: 1, failed: 2, debit: '0.20', startedAt: '2026-03-31T22:30:00.000Z' }), // 1 April in Paris (summer time)
      run({ booked: 2, debit: '10.05', startedAt: '2026-02-28T23:30:00.000Z' }), // 1 March in Paris
      run({ profileId: 'drop', profileName: 'Dépôt', task: 'drop-folder', failed: 1 }),
      run({ booked: 9, status: 'running' }),
      run({ booked: 5, startedAt: '2026-04-02T08:00:00.000Z' }),
    ];
    const d = dashboardFor(runs, '2026-03', 'Europe/Paris');
    expect(d.total).toMatchObject({
      documents: 5,
      entries: 10,
      failures: 1,
      runs: 3,
      failedRuns: 1,
      debit: '130.15',
    });
    expect(d.total.days).toHaveLength(31);
    expect(d.total.days[0]).toEqual({ date: '2026-03-01', documents: 2, entries: 4, failures: 0 });
    expect(d.total.days[9]).toEqual({ date: '2026-03-10', documents: 3, entries: 6, failures: 1 });
    expect(d.total.days[30]?.documents).toBe(0);
    expect(d.profiles.map((p) => [p.profileName, p.documents, p.failures])).toEqual([
      ['Boutique', 5, 0],
      ['Dépôt', 0, 1],
    ]);
    expect(dashboardFor(runs, '2026-04', 'Europe/Paris').total).toMatchObject({ documents: 6, failures: 2 });
  });

  it('gives February its 28 days and a lower bound a day before the month', () => {
    expect(dashboardFor([], '2026-02', 'UTC').total.days).toHaveLength(28);
    expect(monthLowerBound('2026-03')).toBe('2026-02-28T00:00:00.000Z');
  });
});
