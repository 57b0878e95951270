// Europe/Paris 2026: clocks go forward on 29 March (02:00 CET → 03:00 CEST, at 01:00Z) and
// back on 25 October (03:00 CEST → 02:00 CET, at 01:00Z). Expectations are written by hand
// in wall time with the offset in force.
import { describe, expect, it } from 'vitest';
import { dueRun, nextRun } from './schedule-next.js';
import { iso, nextRuns, PARIS, schedule } from './schedule-testing.js';

const daily0230 = schedule({ start: { date: '2026-01-01', time: '02:30' } });

/** Runs whose wall-clock date in Paris is `day`. */
function runsOnDay(runs: string[], day: string): string[] {
  const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: PARIS, dateStyle: 'short' });
  return runs.filter((r) => fmt.format(new Date(r)) === day);
}

describe('spring forward, 29 March 2026', () => {
  it('daily 02:30 runs at 03:00 CEST, the first instant after the gap', () => {
    expect(nextRuns(daily0230, '2026-03-27T12:00:00Z', 3)).toEqual([
      iso('2026-03-28T02:30+01:00'),
      iso('2026-03-29T03:00+02:00'),
      iso('2026-03-30T02:30+02:00'),
    ]);
  });

  it('daily 02:30 with hourly repeats for 12 h starts at 03:00 CEST and lasts 12 real hours', () => {
    const s = schedule({
      start: { date: '2026-01-01', time: '02:30' },
      repeat: { everyMinutes: 60, forMinutes: 720 },
    });
    const runs = runsOnDay(nextRuns(s, '2026-03-28T12:00:00Z', 30), '2026-03-29');
    expect(runs).toHaveLength(12);
    expect(runs[0]).toBe(iso('2026-03-29T03:00+02:00'));
    expect(runs[11]).toBe(iso('2026-03-29T14:00+02:00'));
  });

  it('every 30 min for 12 h from 00:00: 24 runs over 12 real hours, ending 12:30 CEST', () => {
    const s = schedule({
      start: { date: '2026-01-01', time: '00:00' },
      repeat: { everyMinutes: 30, forMinutes: 720 },
    });
    const runs = runsOnDay(nextRuns(s, '2026-03-28T12:00:00Z', 40), '2026-03-29');
    expect(runs).toHaveLength(24);
    expect(runs.slice(0, 5)).toEqual([
      iso('2026-03-29T00:00+01:00'),
      iso('2026-03-29T00:30+01:00'),
      iso('2026-03-29T01:00+01:00'),
      iso('2026-03-29T01:30+01:00'),
      iso('2026-03-29T03:00+02:00'),
    ]);
    expect(runs[23]).toBe(iso('2026-03-29T12:30+02:00'));
  });

  it('hourly for a day from 00:00: the 23-hour day gets 23 runs; the overlap with the next window runs once', () => {
    const s = schedule({
      start: { date: '2026-01-01', time: '00:00' },
      repeat: { everyMinutes: 60, forMinutes: 1440 },
    });
    const runs = nextRuns(s, '2026-03-28T22:30:00Z', 26);
    expect(runs.slice(0, 4)).toEqual([
      iso('2026-03-29T00:00+01:00'),
      iso('2026-03-29T01:00+01:00'),
      iso('2026-03-29T03:00+02:00'),
      iso('2026-03-29T04:00+02:00'),
    ]);
    expect(runsOnDay(runs, '2026-03-29')).toHaveLength(23);
    expect(runs.slice(22)).toEqual([
      iso('2026-03-29T23:00+02:00'),
      iso('2026-03-30T00:00+02:00'),
      iso('2026-03-30T01:00+02:00'),
      iso('2026-03-30T02:00+02:00'),
    ]);
  });

  it('after a night of downtime the missed 02:30 runs once, as 03:00 CEST', () => {
    const due = dueRun(
      daily0230,
      new Date(iso('2026-03-28T02:30+01:00')),
      new Date(iso('2026-03-29T09:00+02:00')),
      PARIS,
    );
    expect(due?.toISOString()).toBe(iso('2026-03-29T03:00+02:00'));
  });

  it('other zones too: New York, 8 March 2026', () => {
    expect(nextRun(daily0230, new Date('2026-03-08T00:00:00Z'), 'America/New_York')?.toISOString()).toBe(
      iso('2026-03-08T03:00-04:00'),
    );
  });
});

describe('fall back, 25 October 2026', () => {
  it('daily 02:30 runs once, at the first 02:30 (CEST)', () => {
    expect(nextRuns(daily0230, '2026-10-23T12:00:00Z', 3)).toEqual([
      iso('2026-10-24T02:30+02:00'),
      iso('2026-10-25T02:30+02:00'),
      iso('2026-10-26T02:30+01:00'),
    ]);
    // Just after the first 02:30, the second 02:30 (CET) is not a run.
    expect(nextRun(daily0230, new Date(iso('2026-10-25T02:31+02:00')), PARIS)?.toISOString()).toBe(
      iso('2026-10-26T02:30+01:00'),
    );
  });

  it('daily 02:30 with hourly repeats: 12 runs an hour apart, through the repeated hour', () => {
    const s = schedule({
      start: { date: '2026-01-01', time: '02:30' },
      repeat: { everyMinutes: 60, forMinutes: 720 },
    });
    const runs = runsOnDay(nextRuns(s, '2026-10-24T12:00:00Z', 30), '2026-10-25');
    expect(runs).toEqual([
      iso('2026-10-25T02:30+02:00'),
      iso('2026-10-25T02:30+01:00'),
      iso('2026-10-25T03:30+01:00'),
      iso('2026-10-25T04:30+01:00'),
      iso('2026-10-25T05:30+01:00'),
      iso('2026-10-25T06:30+01:00'),
      iso('2026-10-25T07:30+01:00'),
      iso('2026-10-25T08:30+01:00'),
      iso('2026-10-25T09:30+01:00'),
      iso('2026-10-25T10:30+01:00'),
      iso('2026-10-25T11:30+01:00'),
      iso('2026-10-25T12:30+01:00'),
    ]);
  });

  it('every 30 min for 12 h from 00:00: 24 runs over 12 real hours, ending 10:30 CET', () => {
    const s = schedule({
      start: { date: '2026-01-01', time: '00:00' },
      repeat: { everyMinutes: 30, forMinutes: 720 },
    });
    const runs = runsOnDay(nextRuns(s, '2026-10-24T12:00:00Z', 40), '2026-10-25');
    expect(runs).toHaveLength(24);
    expect(runs.slice(4, 8)).toEqual([
      iso('2026-10-25T02:00+02:00'),
      iso('2026-10-25T02:30+02:00'),
      iso('2026-10-25T02:00+01:00'),
      iso('2026-10-25T02:30+01:00'),
    ]);
    expect(runs[23]).toBe(iso('2026-10-25T10:30+01:00'));
  });

  it('hourly for a day from 00:00: 24 real hours end at 22:00 CET, so 23:00 of the 25-hour day does not run', () => {
    const s = schedule({
      start: { date: '2026-01-01', time: '00:00' },
      repeat: { everyMinutes: 60, forMinutes: 1440 },
    });
    const runs = runsOnDay(nextRuns(s, '2026-10-24T21:30:00Z', 30), '2026-10-25');
    expect(runs).toHaveLength(24);
    expect(runs.at(-1)).toBe(iso('2026-10-25T22:00+01:00'));
    expect(nextRun(s, new Date(iso('2026-10-25T22:00+01:00')), PARIS)?.toISOString()).toBe(
      iso('2026-10-26T00:00+01:00'),
    );
  });
});
