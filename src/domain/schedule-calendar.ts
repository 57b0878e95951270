// Civil-date arithmetic on day numbers (days since 1970-01-01), zone-free: which days a
// trigger selects does not depend on the time zone, only the instants of those days do.
import type { WeekOrdinal, Weekday } from './schedule-types.js';
import { WEEK_ORDINALS, WEEKDAYS } from './schedule-types.js';

const DAY_MS = 86_400_000;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

export function dayNumber(d: CivilDate): number {
  return Date.UTC(d.year, d.month - 1, d.day) / DAY_MS;
}

export function civilDate(dayNo: number): CivilDate {
  const d = new Date(dayNo * DAY_MS);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayIndex(dayNo: number): number {
  return (((dayNo + 3) % 7) + 7) % 7;
}

export function weekdayOf(dayNo: number): Weekday {
  return WEEKDAYS[weekdayIndex(dayNo)] as Weekday;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether a day of `day` in a month of `monthLength` days is in the given week of the month. */
export function inWeekOfMonth(day: number, monthLength: number, week: WeekOrdinal): boolean {
  if (week === 'last') return day > monthLength - 7;
  return Math.ceil(day / 7) === WEEK_ORDINALS.indexOf(week) + 1;
}

/** `YYYY-MM-DD` that names a real calendar day, else undefined. */
export function parseDate(text: string): CivilDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > daysInMonth(d.year, d.month)) return undefined;
  return d;
}

/** `HH:MM` from 00:00 to 23:59, else undefined. */
export function parseTime(text: string): { hour: number; minute: number } | undefined {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return undefined;
  const t = { hour: Number(m[1]), minute: Number(m[2]) };
  return t.hour <= 23 && t.minute <= 59 ? t : undefined;
}
