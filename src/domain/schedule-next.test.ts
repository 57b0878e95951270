import { describe, expect, it } from 'vitest';
import { dueRun, nextRun, previousRun } from './schedule-next.js';
import { iso, nextRuns, PARIS, schedule } from './schedule-testing.js';
import type { Month } from './schedule-types.js';

const ALL_MONTHS: Month[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

describe('nextRun: each trigger kind', () => {
  it('every day at 08:00, from the start date', () => {
    const s = schedule({ start: { date: '2026-01-10', time: '08:00' } });
    expect(nextRuns(s, '2026-01-01T00:00:00Z', 3)).toEqual([
      iso('2026-01-10T08:00+01:00'),
      iso('2026-01-11T08:00+01:00'),
      iso('2026-01-12T08:00+01:00'),
    ]);
  });

  it('every 3 days, counted from the start date', () => {
    const s = schedule({
      start: { date: '2026-01-10', time: '08:00' },
      trigger: { kind: 'daily', everyDays: 3 },
    });
    expect(nextRuns(s, '2026-01-10T12:00:00Z', 3)).toEqual([
      iso('2026-01-13T08:00+01:00'),
      iso('2026-01-16T08:00+01:00'),
      iso('2026-01-19T08:00+01:00'),
    ]);
  });

  it('is strictly after `after`: a run at exactly `after` is not the next one', () => {
    const s = schedule();
    expect(nextRun(s, new Date(iso('2026-02-01T08:00+01:00')), PARIS)?.toISOString()).toBe(
      iso('2026-02-02T08:00+01:00'),
    );
    expect(nextRun(s, new Date(iso('2026-02-01T07:59:59.999+01:00')), PARIS)?.toISOString()).toBe(
      iso('2026-02-01T08:00+01:00'),
    );
  });

  it('every 2 weeks on Monday and Thursday, anchored on the week of the start date', () => {
    // Start Wednesday 7 January 2026: its week (Mon 5 – Sun 11) is week 0, so Mon 5 is
    // before the start and Thu 8 is the first run; week 1 (12–18) is skipped.
    const s = schedule({
      start: { date: '2026-01-07', time: '09:00' },
      trigger: { kind: 'weekly', everyWeeks: 2, weekdays: ['thu', 'mon'] },
    });
    expect(nextRuns(s, '2026-01-01T00:00:00Z', 5)).toEqual([
      iso('2026-01-08T09:00+01:00'),
      iso('2026-01-19T09:00+01:00'),
      iso('2026-01-22T09:00+01:00'),
      iso('2026-02-02T09:00+01:00'),
      iso('2026-02-05T09:00+01:00'),
    ]);
  });

  it('every week on Sunday (the last day of the week)', () => {
    const s = schedule({
      start: { date: '2026-01-01', time: '20:00' },
      trigger: { kind: 'weekly', everyWeeks: 1, weekdays: ['sun'] },
    });
    expect(nextRuns(s, '2026-01-01T00:00:00Z', 2)).toEqual([
      iso('2026-01-04T20:00+01:00'),
      iso('2026-01-11T20:00+01:00'),
    ]);
  });

  it('chosen months on chosen days (months filter, summer time from April)', () => {
    const s = schedule({ trigger: { kind: 'monthly-days', months: [10, 1, 4, 7], days: [1, 15] } });
    expect(nextRuns(s, '2026-01-01T00:00:00Z', 6)).toEqual([
      iso('2026-01-01T08:00+01:00'),
      iso('2026-01-15T08:00+01:00'),
      iso('2026-04-01T08:00+02:00'),
      iso('2026-04-15T08:00+02:00'),
      iso('2026-07-01T08:00+02:00'),
      iso('2026-07-15T08:00+02:00'),
    ]);
  });

  it('the last day of each month: Jan 31, Feb 28 (2027) and 29 (2028), Apr 30', () => {
    const s = schedule({
      start: { date: '2027-01-01', time: '23:00' },
      trigger: { kind: 'monthly-days', months: ALL_MONTHS, days: ['last'] },
    });
    expect(nextRuns(s, '2027-01-01T00:00:00Z', 4)).toEqual([
      iso('2027-01-31T23:00+01:00'),
      iso('2027-02-28T23:00+01:00'),
      iso('2027-03-31T23:00+02:00'),
      iso('2027-04-30T23:00+02:00'),
    ]);
    expect(nextRun(s, new Date('2028-02-01T00:00:00Z'), PARIS)?.toISOString()).toBe(
      iso('2028-02-29T23:00+01:00'),
    );
  });

  it('days 29–31 are skipped in months without them, not moved to the last day', () => {
    const on = (day: number): string[] =>
      nextRuns(
        schedule({
          start: { date: '2027-01-01', time: '08:00' },
          trigger: { kind: 'monthly-days', months: ALL_MONTHS, days: [day] },
        }),
        '2027-01-01T00:00:00Z',
        3,
      );
    expect(on(29)).toEqual([
      iso('2027-01-29T08:00+01:00'),
      iso('2027-03-29T08:00+02:00'),
      iso('2027-04-29T08:00+02:00'),
    ]);
    expect(on(30)).toEqual([
      iso('2027-01-30T08:00+01:00'),
      iso('2027-03-30T08:00+02:00'),
      iso('2027-04-30T08:00+02:00'),
    ]);
    expect(on(31)).toEqual([
      iso('2027-01-31T08:00+01:00'),
      iso('2027-03-31T08:00+02:00'),
      iso('2027-05-31T08:00+02:00'),
    ]);
  });

  it('February 29 alone runs only in leap years', () => {
    const s = schedule({ trigger: { kind: 'monthly-days', months: [2], days: [29] } });
    expect(nextRuns(s, '2026-01-01T00:00:00Z', 2)).toEqual([
      iso('2028-02-29T08:00+01:00'),
      iso('2032-02-29T08:00+01:00'),
    ]);
  });

  it('the second Tuesday of each month', () => {
    const s = schedule({
      trigger: { kind: 'monthly-weekdays', months: ALL_MONTHS, weeks: ['second'], weekdays: ['tue'] },
    });
    expect(nextRuns(s, '2026-01-01T00:00:00Z', 4)).toEqual([
      iso('2026-01-13T08:00+01:00'),
      iso('2026-02-10T08:00+01:00'),
      iso('2026-03-10T08:00+01:00'),
      iso('2026-04-14T08:00+02:00'),
    ]);
  });

  it('the last Friday of each month, and the first Monday of March and June', () => {
    const lastFriday = schedule({
      trigger: { kind: 'monthly-weekdays', months: ALL_MONTHS, weeks: ['last'], weekdays: ['fri'] },
    });
    expect(nextRuns(lastFriday, '2026-01-01T00:00:00Z', 5)).toEqual([
      iso('2026-01-30T08:00+01:00'),
      iso('2026-02-27T08:00+01:00'),
      iso('2026-03-27T08:00+01:00'),
      iso('2026-04-24T08:00+02:00'),
      iso('2026-05-29T08:00+02:00'),
    ]);
    const firstMonday = schedule({
      trigger: { kind: 'monthly-weekdays', months: [3, 6], weeks: ['first'], weekdays: ['mon'] },
    });
    expect(nextRuns(firstMonday, '2026-01-01T00:00:00Z', 3)).toEqual([
      iso('2026-03-02T08:00+01:00'),
      iso('2026-06-01T08:00+02:00'),
      iso('2027-03-01T08:00+01:00'),
    ]);
  });
});

describe('nextRun: start, pause, validity', () => {
  it('waits for a start date in the future', () => {
    const s = schedule({ start: { date: '2030-06-15', time: '06:45' } });
    expect(nextRun(s, new Date('2026-01-01T00:00:00Z'), PARIS)?.toISOString()).toBe(
      iso('2030-06-15T06:45+02:00'),
    );
    expect(previousRun(s, new Date('2030-06-15T04:44:59Z'), PARIS)).toBeUndefined();
  });

  it('returns undefined when paused, invalid or never again', () => {
    const after = new Date('2026-01-01T00:00:00Z');
    expect(nextRun(schedule({ paused: true }), after, PARIS)).toBeUndefined();
    expect(nextRun(schedule({ trigger: { kind: 'daily', everyDays: 0 } }), after, PARIS)).toBeUndefined();
    expect(
      nextRun(schedule({ trigger: { kind: 'monthly-days', months: [2], days: [30] } }), after, PARIS),
    ).toBe(undefined);
  });

  it('refuses an invalid `after`', () => {
    expect(() => nextRun(schedule(), new Date('nope'), PARIS)).toThrow(RangeError);
  });
});

describe('nextRun: repeat windows', () => {
  it('every 5 min for 12 h from 08:00: 144 runs, 08:00 … 19:55, then the next day', () => {
    const s = schedule({ repeat: { everyMinutes: 5, forMinutes: 720 } });
    const runs = nextRuns(s, '2026-02-01T00:00:00Z', 145);
    expect(runs.slice(0, 3)).toEqual([
      iso('2026-02-01T08:00+01:00'),
      iso('2026-02-01T08:05+01:00'),
      iso('2026-02-01T08:10+01:00'),
    ]);
    expect(runs[143]).toBe(iso('2026-02-01T19:55+01:00'));
    expect(runs[144]).toBe(iso('2026-02-02T08:00+01:00'));
    expect(nextRun(s, new Date(iso('2026-02-01T12:01+01:00')), PARIS)?.toISOString()).toBe(
      iso('2026-02-01T12:05+01:00'),
    );
  });

  it('a window crossing midnight: from 22:00 every 2 h for 12 h', () => {
    const s = schedule({
      start: { date: '2026-02-01', time: '22:00' },
      repeat: { everyMinutes: 120, forMinutes: 720 },
    });
    expect(nextRuns(s, '2026-02-01T00:00:00Z', 7)).toEqual([
      iso('2026-02-01T22:00+01:00'),
      iso('2026-02-02T00:00+01:00'),
      iso('2026-02-02T02:00+01:00'),
      iso('2026-02-02T04:00+01:00'),
      iso('2026-02-02T06:00+01:00'),
      iso('2026-02-02T08:00+01:00'),
      iso('2026-02-02T22:00+01:00'),
    ]);
    // Runs on a day the trigger does not select still come from the previous day's window.
    const fridays = schedule({
      start: { date: '2026-02-01', time: '22:00' },
      trigger: { kind: 'weekly', everyWeeks: 1, weekdays: ['fri'] },
      repeat: { everyMinutes: 360, forMinutes: 720 },
    });
    expect(nextRuns(fridays, iso('2026-02-06T23:00+01:00'), 2)).toEqual([
      iso('2026-02-07T04:00+01:00'),
      iso('2026-02-13T22:00+01:00'),
    ]);
  });

  it('a window of one day every 6 h touches the next window without running twice', () => {
    const s = schedule({
      start: { date: '2026-02-01', time: '00:00' },
      repeat: { everyMinutes: 360, forMinutes: 1440 },
    });
    expect(nextRuns(s, '2026-01-31T12:00:00Z', 6)).toEqual([
      iso('2026-02-01T00:00+01:00'),
      iso('2026-02-01T06:00+01:00'),
      iso('2026-02-01T12:00+01:00'),
      iso('2026-02-01T18:00+01:00'),
      iso('2026-02-02T00:00+01:00'),
      iso('2026-02-02T06:00+01:00'),
    ]);
  });
});

describe('dueRun after downtime', () => {
  const s = schedule({ start: { date: '2026-01-01', time: '08:00' } });

  it('runs the latest missed slot once after a 3-day downtime', () => {
    const lastRun = new Date(iso('2026-02-01T08:00+01:00'));
    const now = new Date(iso('2026-02-04T09:30+01:00'));
    const due = dueRun(s, lastRun, now, PARIS);
    expect(due?.toISOString()).toBe(iso('2026-02-04T08:00+01:00'));
    // Once it has run (lastRunAt = that slot or later), nothing is due until the next slot.
    expect(dueRun(s, due, now, PARIS)).toBeUndefined();
    expect(dueRun(s, now, new Date(iso('2026-02-05T07:59+01:00')), PARIS)).toBeUndefined();
    expect(dueRun(s, now, new Date(iso('2026-02-05T08:00+01:00')), PARIS)?.toISOString()).toBe(
      iso('2026-02-05T08:00+01:00'),
    );
  });

  it('with a repeat, the latest missed slot of the window', () => {
    const every5 = schedule({ repeat: { everyMinutes: 5, forMinutes: 720 } });
    const lastRun = new Date(iso('2026-02-01T10:00+01:00'));
    expect(dueRun(every5, lastRun, new Date(iso('2026-02-04T13:07+01:00')), PARIS)?.toISOString()).toBe(
      iso('2026-02-04T13:05+01:00'),
    );
    // Evening downtime: the last slot was 19:55.
    expect(dueRun(every5, lastRun, new Date(iso('2026-02-04T23:00+01:00')), PARIS)?.toISOString()).toBe(
      iso('2026-02-04T19:55+01:00'),
    );
  });

  it('nothing is due before the first slot, or when paused', () => {
    expect(dueRun(s, undefined, new Date(iso('2026-01-01T07:59+01:00')), PARIS)).toBeUndefined();
    expect(dueRun(s, undefined, new Date(iso('2026-01-01T08:00+01:00')), PARIS)?.toISOString()).toBe(
      iso('2026-01-01T08:00+01:00'),
    );
    expect(
      dueRun(schedule({ paused: true }), undefined, new Date('2026-06-01T00:00:00Z'), PARIS),
    ).toBeUndefined();
  });
});
