// Dates are written from the ISO calendar date as text: no Date object, so no time zone
// can move an entry to the previous day.
import type { IsoDate } from '../document.js';
import { FormatError } from './errors.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TOKENS = /yyyy|yy|MM|dd/g;

/** Writes `YYYY-MM-DD` with the tokens yyyy, yy, MM, dd; any other character is copied. */
export function formatDate(date: IsoDate, pattern: string): string {
  const match = ISO_DATE.exec(date);
  if (!match) throw new FormatError('format-date', `"${date}" is not a YYYY-MM-DD date`);
  const [, year = '', month = '', day = ''] = match;
  return pattern.replace(TOKENS, (token) => {
    switch (token) {
      case 'yyyy':
        return year;
      case 'yy':
        return year.slice(2);
      case 'MM':
        return month;
      default:
        return day;
    }
  });
}
