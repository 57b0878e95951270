// Properties of nextRun over random valid schedules, instants and zones (DST, half-hour
// offsets), checked against previousRun, which scans the other way.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nextRun, previousRun } from './schedule-next.js';
import { scheduleProblems } from './schedule-problems.js';
import { schedule } from './schedule-testing.js';
import {
  MONTHS,
  REPEAT_EVERY_MINUTES,
  REPEAT_FOR_MINUTES,
  type Schedule,
  type Trigger,
  WEEK_ORDINALS,
  WEEKDAYS,
} from './schedule-types.js';

const ZONES = ['Europe/Paris', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'UTC'];
const FROM = Date.parse('2025-01-01T00:00:00Z');
const TO = Date.parse('2029-12-31T00:00:00Z');

const set = <T>(values: readonly T[]) =>
  fc.uniqueArray(fc.constantFrom(...values), { minLength: 1, maxLength: 4 });
const pad = (n: number): string => String(n).padStart(2, '0');

const trigger: fc.Arbitrary<Trigger> = fc.oneof(
  fc.record({ kind: fc.constant('daily' as const), everyDays: fc.integer({ min: 1, max: 10 }) }),
  fc.record({
    kind: fc.constant('weekly' as const),
    everyWeeks: fc.integer({ min: 1, max: 4 }),
    weekdays: set(WEEKDAYS),
  }),
  fc.record({
    kind: fc.constant('monthly-days' as const),
    months: set(MONTHS),
    days: set([1, 2, 15, 28, 29, 30, 31, 'last'] as const),
  }),
  fc.record({
    kind: fc.constant('monthly-weekdays' as const),
    months: set(MONTHS),
    weeks: set(WEEK_ORDINALS),
    weekdays: set(WEEKDAYS),
  }),
);

const repeat = fc.option(
  fc
    .record({
      everyMinutes: fc.constantFrom(...REPEAT_EVERY_MINUTES),
      forMinutes: fc.constantFrom(...REPEAT_FOR_MINUTES),
    })
    .filter((r) => r.everyMinutes < r.forMinutes),
  { nil: undefined },
);

const validSchedule: fc.Arbitrary<Schedule> = fc
  .record({
    day: fc.integer({
      min: Date.parse('2025-01-01T00:00:00Z') / 86_400_000,
      max: Date.parse('2027-12-31T00:00:00Z') / 86_400_000,
    }),
    // Times around 02:00–03:00 are over-represented: that is where DST bites.
    hour: fc.oneof(fc.integer({ min: 0, max: 23 }), fc.constantFrom(1, 2, 3)),
    minute: fc.constantFrom(0, 15, 30, 45, 59),
    trigger,
    repeat,
  })
  .map(({ day, hour, minute, trigger: t, repeat: r }) =>
    schedule({
      start: {
        date: new Date(day * 86_400_000).toISOString().slice(0, 10),
        time: `${pad(hour)}:${pad(minute)}`,
      },
      trigger: t,
      ...(r ? { repeat: r } : {}),
    }),
  )
  .filter((s) => scheduleProblems(s).length === 0);

const instant = fc.integer({ min: FROM, max: TO });
const zone = fc.constantFrom(...ZONES);

describe('nextRun properties', () => {
  it('is strictly after, idempotent, and nothing runs in between', () => {
    fc.assert(
      fc.property(validSchedule, instant, zone, (s, t, tz) => {
        const next = nextRun(s, new Date(t), tz);
        if (!next) return;
        expect(next.getTime()).toBeGreaterThan(t);
        // Idempotent: asking again just before the run finds the same run.
        expect(nextRun(s, new Date(next.getTime() - 1), tz)?.getTime()).toBe(next.getTime());
        // The backward scan agrees: the run is an occurrence, and none lies in (t, next).
        expect(previousRun(s, next, tz)?.getTime()).toBe(next.getTime());
        const before = previousRun(s, new Date(next.getTime() - 1), tz);
        if (before) expect(before.getTime()).toBeLessThanOrEqual(t);
      }),
      { numRuns: 300 },
    );
  });

  it('is monotone in `after`', () => {
    fc.assert(
      fc.property(
        validSchedule,
        instant,
        fc.integer({ min: 0, max: 40 * 86_400_000 }),
        zone,
        (s, t, gap, tz) => {
          const a = nextRun(s, new Date(t), tz);
          const b = nextRun(s, new Date(t + gap), tz);
          if (a && b) expect(a.getTime()).toBeLessThanOrEqual(b.getTime());
          // A schedule that runs after t + gap also runs after t.
          if (b) expect(a).toBeDefined();
        },
      ),
      { numRuns: 300 },
    );
  });
});
