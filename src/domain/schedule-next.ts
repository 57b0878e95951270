// When a schedule runs. Its occurrences are the union of one window per selected day:
// the window starts at the start time on that day (an instant, by the DST rules of
// zoned-time.ts) and, with a repeat, holds runs every `everyMinutes` of elapsed real time
// for `forMinutes`, end excluded.
//
// Why real time for repeats: the interval between two runs is then always the one chosen
// (no two runs a minute apart, no two-hour hole when clocks change) and "for 12 h" lasts
// 12 real hours. The cost, on the two DST days: a window measured in real time ends one
// wall-clock hour earlier (fall back) or later (spring forward) than its wall-clock
// reading; where two windows overlap, their runs merge (an instant runs once).
import {
  civilDate,
  dayNumber,
  daysInMonth,
  inWeekOfMonth,
  parseDate,
  parseTime,
  weekdayIndex,
  weekdayOf,
} from './schedule-calendar.js';
import { scheduleProblems } from './schedule-problems.js';
import type { Schedule } from './schedule-types.js';
import { instantAt, wallTimeAt } from './zoned-time.js';

const MINUTE_MS = 60_000;
// How far to look for the next selected day: Feb 29 alone can be 8 years away (2096 → 2104).
const HORIZON_DAYS = 3_000;
// A window that started up to two days before `after`'s day (1 day long, plus a DST hour)
// may still hold runs after it.
const LOOK_BACK_DAYS = 2;

/** Whether the trigger selects this day; `startDay` anchors "every N days / weeks". */
function selects(s: Schedule, dayNo: number, startDay: number): boolean {
  const t = s.trigger;
  switch (t.kind) {
    case 'daily':
      return (dayNo - startDay) % t.everyDays === 0;
    case 'weekly': {
      // Weeks run Monday to Sunday; week 0 is the one holding the start date.
      const monday = (d: number): number => d - weekdayIndex(d);
      const week = (monday(dayNo) - monday(startDay)) / 7;
      return week % t.everyWeeks === 0 && t.weekdays.includes(weekdayOf(dayNo));
    }
    case 'monthly-days': {
      const c = civilDate(dayNo);
      if (!(t.months as number[]).includes(c.month)) return false;
      // Day 29–31 in a shorter month is skipped, not moved to the month's last day: who wants
      // the last day chooses "last".
      return t.days.includes(c.day) || (t.days.includes('last') && c.day === daysInMonth(c.year, c.month));
    }
    case 'monthly-weekdays': {
      const c = civilDate(dayNo);
      if (!(t.months as number[]).includes(c.month) || !t.weekdays.includes(weekdayOf(dayNo))) return false;
      const length = daysInMonth(c.year, c.month);
      return t.weeks.some((w) => inWeekOfMonth(c.day, length, w));
    }
  }
}

interface Plan {
  startDay: number;
  windowStart: (dayNo: number) => number;
  everyMs: number;
  /** Runs per window. */
  count: number;
}

/** Undefined when the schedule cannot run: paused or invalid (the store refuses those anyway). */
function planOf(s: Schedule, timeZone: string): Plan | undefined {
  if (s.paused || scheduleProblems(s).length > 0) return undefined;
  const start = parseDate(s.start.date);
  const time = parseTime(s.start.time);
  if (!start || !time) return undefined;
  const everyMs = (s.repeat?.everyMinutes ?? 0) * MINUTE_MS;
  return {
    startDay: dayNumber(start),
    windowStart: (dayNo) => instantAt({ ...civilDate(dayNo), ...time }, timeZone).getTime(),
    everyMs,
    count: s.repeat ? Math.ceil(s.repeat.forMinutes / s.repeat.everyMinutes) : 1,
  };
}

function checkDate(d: Date, name: string): number {
  const ms = d.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${name}: not a valid date`);
  return ms;
}

const dayOf = (ms: number, timeZone: string): number => dayNumber(wallTimeAt(new Date(ms), timeZone));

/** The first occurrence strictly after `after`; undefined when paused, invalid or never again. */
export function nextRun(s: Schedule, after: Date, timeZone: string): Date | undefined {
  const afterMs = checkDate(after, 'after');
  const plan = planOf(s, timeZone);
  if (!plan) return undefined;
  const from = Math.max(plan.startDay, dayOf(afterMs, timeZone) - LOOK_BACK_DAYS);
  let best: number | undefined;
  for (let dayNo = from; dayNo <= from + HORIZON_DAYS; dayNo++) {
    if (!selects(s, dayNo, plan.startDay)) continue;
    const start = plan.windowStart(dayNo);
    // Window starts only grow with the day, so no later window can beat `best`.
    if (best !== undefined && start >= best) break;
    const k = start > afterMs ? 0 : plan.count > 1 ? Math.floor((afterMs - start) / plan.everyMs) + 1 : 1;
    if (k < plan.count) best = Math.min(best ?? Infinity, start + k * plan.everyMs);
  }
  return best === undefined ? undefined : new Date(best);
}

/** The latest occurrence at or before `atOrBefore`; undefined when paused, invalid or none yet. */
export function previousRun(s: Schedule, atOrBefore: Date, timeZone: string): Date | undefined {
  const limitMs = checkDate(atOrBefore, 'atOrBefore');
  const plan = planOf(s, timeZone);
  if (!plan) return undefined;
  const from = dayOf(limitMs, timeZone);
  let best: number | undefined;
  for (let dayNo = from; dayNo >= Math.max(plan.startDay, from - HORIZON_DAYS); dayNo--) {
    if (!selects(s, dayNo, plan.startDay)) continue;
    const start = plan.windowStart(dayNo);
    // This window's last run, and every earlier window's, comes before `best`.
    if (best !== undefined && start + (plan.count - 1) * plan.everyMs <= best) break;
    if (start > limitMs) continue;
    const k = plan.count > 1 ? Math.min(plan.count - 1, Math.floor((limitMs - start) / plan.everyMs)) : 0;
    best = Math.max(best ?? -Infinity, start + k * plan.everyMs);
  }
  return best === undefined ? undefined : new Date(best);
}

/**
 * The occurrence to run now: the latest one at or before `now` and after `lastRunAt`.
 * After downtime that is the last missed slot, run once, never once per missed slot.
 * `lastRunAt` undefined means "never ran": any occurrence since the start counts, so a
 * caller that creates a schedule with a past start date should pass the creation time.
 */
export function dueRun(
  s: Schedule,
  lastRunAt: Date | undefined,
  now: Date,
  timeZone: string,
): Date | undefined {
  const due = previousRun(s, now, timeZone);
  if (!due) return undefined;
  if (lastRunAt !== undefined && due.getTime() <= checkDate(lastRunAt, 'lastRunAt')) return undefined;
  return due;
}
