// The default period of a shop run (FEATURES.md §2, "Order selection") as inclusive dates.
// Pure: the caller gives "today" already computed in the appliance's time zone
// (clock.ts localDate with COMPTOIR_TZ), so a run just after midnight in Paris reads the
// Paris day, not the UTC one.
import type { IsoDate } from './document.js';
import type { ImportSettings } from './profile.js';

export type DefaultPeriod = ImportSettings['period'];

export interface DateRange {
  from: IsoDate;
  to: IsoDate;
}

const pad = (n: number): string => String(n).padStart(2, '0');
const iso = (year: number, month: number, day: number): IsoDate => `${year}-${pad(month)}-${pad(day)}`;

function parts(today: IsoDate): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(today);
  if (!m) throw new Error(`"${today}" is not a date YYYY-MM-DD`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/** A calendar date moved by whole days (UTC arithmetic: calendar dates have no time zone). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parts(date);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return iso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Last day of a month (month 1–12): day 0 of the next one. */
function lastDay(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The inclusive dates a period names on the day `today`; "last 7 days" ends today. */
export function periodRange(period: DefaultPeriod, today: IsoDate): DateRange {
  const { year, month } = parts(today);
  switch (period) {
    case 'today':
      return { from: today, to: today };
    case 'yesterday': {
      const day = addDays(today, -1);
      return { from: day, to: day };
    }
    case 'last-7-days':
      return { from: addDays(today, -6), to: today };
    case 'this-month':
      return { from: iso(year, month, 1), to: today };
    case 'last-month': {
      const y = month === 1 ? year - 1 : year;
      const m = month === 1 ? 12 : month - 1;
      return { from: iso(y, m, 1), to: iso(y, m, lastDay(y, m)) };
    }
    case 'this-year':
      return { from: iso(year, 1, 1), to: today };
  }
}
