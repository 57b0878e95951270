import { describe, expect, it } from 'vitest';
import { scheduleProblems } from './schedule-problems.js';
import { schedule } from './schedule-testing.js';
import type { Schedule } from './schedule-types.js';

// Values a form or an old store could hold, which the types rule out.
const bad = <T = Schedule>(value: unknown): T => value as T;

describe('scheduleProblems', () => {
  it('accepts a valid schedule of each kind', () => {
    expect(scheduleProblems(schedule())).toEqual([]);
    expect(
      scheduleProblems(
        schedule({
          trigger: { kind: 'weekly', everyWeeks: 2, weekdays: ['mon', 'thu'] },
          repeat: { everyMinutes: 5, forMinutes: 720 },
          lastRunAt: '2026-01-01T07:00:00.000Z',
        }),
      ),
    ).toEqual([]);
    expect(
      scheduleProblems(schedule({ trigger: { kind: 'monthly-days', months: [2], days: [29, 'last'] } })),
    ).toEqual([]);
    expect(
      scheduleProblems(
        schedule({
          trigger: { kind: 'monthly-weekdays', months: [1], weeks: ['second', 'last'], weekdays: ['tue'] },
        }),
      ),
    ).toEqual([]);
  });

  it('names each field at fault', () => {
    const problems = scheduleProblems(
      bad({
        id: '',
        profileId: '',
        task: 'invoices',
        start: { date: '2026-02-30', time: '24:00' },
        trigger: { kind: 'daily', everyDays: 1.5 },
        repeat: { everyMinutes: 7, forMinutes: 45 },
        paused: 'no',
        lastRunAt: 'yesterday',
      }),
    );
    expect(problems.map((p) => p.split(':')[0])).toEqual([
      'id',
      'profileId',
      'task',
      'start.date',
      'start.time',
      'trigger.everyDays',
      'repeat.everyMinutes',
      'repeat.forMinutes',
      'paused',
      'lastRunAt',
    ]);
  });

  it('checks the lists of each trigger', () => {
    expect(scheduleProblems(schedule({ trigger: { kind: 'weekly', everyWeeks: 0, weekdays: [] } }))).toEqual([
      'trigger.everyWeeks: must be a whole number from 1 to 52',
      'trigger.weekdays: choose at least one (mon, tue, wed, thu, fri, sat, sun)',
    ]);
    expect(
      scheduleProblems(
        bad(schedule({ trigger: bad({ kind: 'monthly-days', months: [13], days: [0, 'first'] }) })),
      ),
    ).toEqual([
      'trigger.months: 13 not allowed (1 to 12)',
      'trigger.days: 0, "first" not allowed (1 to 31 or "last")',
    ]);
    expect(
      scheduleProblems(
        bad(
          schedule({
            trigger: bad({ kind: 'monthly-weekdays', months: [1, 1], weeks: ['fifth'], weekdays: ['lun'] }),
          }),
        ),
      ),
    ).toEqual([
      'trigger.months: a value is chosen twice',
      'trigger.weeks: "fifth" not allowed (first, second, third, fourth, last)',
      'trigger.weekdays: "lun" not allowed (mon, tue, wed, thu, fri, sat, sun)',
    ]);
    expect(scheduleProblems(bad(schedule({ trigger: bad({ kind: 'hourly' }) })))).toEqual([
      'trigger.kind: must be daily, weekly, monthly-days or monthly-weekdays',
    ]);
  });

  it('refuses days that never occur in the chosen months', () => {
    expect(
      scheduleProblems(schedule({ trigger: { kind: 'monthly-days', months: [2], days: [30, 31] } })),
    ).toEqual([
      'trigger.days: none of the chosen days exists in the chosen months, the task would never run',
    ]);
    expect(
      scheduleProblems(schedule({ trigger: { kind: 'monthly-days', months: [4, 6, 9, 11], days: [31] } })),
    ).toHaveLength(1);
  });

  it('refuses a repeat whose interval is not shorter than its duration', () => {
    expect(scheduleProblems(schedule({ repeat: { everyMinutes: 60, forMinutes: 60 } }))).toEqual([
      'repeat.everyMinutes: must be shorter than repeat.forMinutes (the duration)',
    ]);
  });
});
