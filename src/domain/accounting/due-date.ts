// Due date of a sale or credit note (Entry.dueDate): the document's own due date wins;
// else the profile's base date + days, moved to the month's last day when "end of month".
import type { IsoDate } from '../document.js';
import type { DueDateSettings } from '../profile.js';
import type { BookingScope } from './scope.js';

const DAY_MS = 86_400_000;

/** A usable date: `0000-00-00` and empty mean none (order-xml.md). */
function given(date: IsoDate | undefined): IsoDate | undefined {
  const day = date?.slice(0, 10);
  return day && /^\d{4}-\d{2}-\d{2}$/.test(day) && !day.startsWith('0000') ? day : undefined;
}

function baseDate(scope: BookingScope, from: DueDateSettings['from']): IsoDate {
  const { doc } = scope;
  if (from === 'invoice') return given(doc.invoiceDate) ?? doc.orderDate.slice(0, 10);
  if (from === 'first-payment') return given(doc.payments?.[0]?.date) ?? doc.orderDate.slice(0, 10);
  return doc.orderDate.slice(0, 10);
}

/** Calendar arithmetic on UTC dates: no time zone, no clock, so it stays pure and exact. */
export function addDays(date: IsoDate, days: number, endOfMonth: boolean): IsoDate {
  // A run's documents share a few hundred dates at most: each is computed once (pure, bounded).
  const key = `${date}|${days}|${endOfMonth ? 1 : 0}`;
  let result = DUE_DATES.get(key);
  if (result === undefined) {
    result = computeAddDays(date, days, endOfMonth);
    if (DUE_DATES.size >= 10_000) DUE_DATES.clear();
    DUE_DATES.set(key, result);
  }
  return result;
}

const DUE_DATES = new Map<string, IsoDate>();

function computeAddDays(date: IsoDate, days: number, endOfMonth: boolean): IsoDate {
  const [y = 0, m = 1, d = 1] = date.split('-').map((part) => Number.parseInt(part, 10));
  const shifted = new Date(Date.UTC(y, m - 1, d) + days * DAY_MS);
  const result = endOfMonth
    ? new Date(Date.UTC(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, 0))
    : shifted;
  return result.toISOString().slice(0, 10);
}

export function dueDate(scope: BookingScope): IsoDate {
  const own = given(scope.doc.dueDate);
  if (own) return own;
  const settings = scope.settings.dueDate;
  return addDays(baseDate(scope, settings.from), settings.days, settings.endOfMonth);
}
