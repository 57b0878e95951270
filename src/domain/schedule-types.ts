// Scheduled tasks (FEATURES.md §8). Times are wall-clock times in the appliance's time
// zone (COMPTOIR_TZ); the zone is passed to every computation, never stored here, so that
// changing it moves the schedules with the appliance's clock.

export const TASKS = ['orders', 'creditnotes'] as const;
export type Task = (typeof TASKS)[number];

/** Monday first: weeks are counted from Monday (every N weeks, ISO 8601 and French use). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** 1 = January … 12 = December. */
export type Month = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12;
export const MONTHS: readonly Month[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];

/** "first" is days 1–7 of the month, "second" 8–14 …; "last" is the last 7 days. */
export const WEEK_ORDINALS = ['first', 'second', 'third', 'fourth', 'last'] as const;
export type WeekOrdinal = (typeof WEEK_ORDINALS)[number];

export type DayOfMonth = number | 'last';

export const REPEAT_EVERY_MINUTES = [5, 10, 15, 30, 60, 120, 180, 360, 720] as const;
export const REPEAT_FOR_MINUTES = [15, 30, 60, 720, 1440] as const;
export type RepeatEvery = (typeof REPEAT_EVERY_MINUTES)[number];
export type RepeatFor = (typeof REPEAT_FOR_MINUTES)[number];

export const MAX_EVERY_DAYS = 365;
export const MAX_EVERY_WEEKS = 52;

export type Trigger =
  | { kind: 'daily'; everyDays: number }
  | { kind: 'weekly'; everyWeeks: number; weekdays: Weekday[] }
  | { kind: 'monthly-days'; months: Month[]; days: DayOfMonth[] }
  | { kind: 'monthly-weekdays'; months: Month[]; weeks: WeekOrdinal[]; weekdays: Weekday[] };

/**
 * Runs every `everyMinutes` from the day's start for `forMinutes` of elapsed real time,
 * the end excluded: every 30 min for 12 h from 08:00 is 24 runs, 08:00 … 19:30.
 */
export interface Repeat {
  everyMinutes: RepeatEvery;
  forMinutes: RepeatFor;
}

export interface Schedule {
  id: string;
  profileId: string;
  task: Task;
  /** Wall-clock date and time in the appliance's zone: the first day counted and the daily time. */
  start: { date: string; time: string };
  trigger: Trigger;
  repeat?: Repeat;
  paused: boolean;
  /** ISO 8601 instant of the last run started (scheduled or manual). */
  lastRunAt?: string;
}
