// Dates are written from the ISO calendar date as text: no Date object, so no time zone
// can move an entry to the previous day.
import type { IsoDate } from '../document.js';
import { FormatError } from './errors.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const TOKENS = /yyyy|yy|MM|dd/g;

type DatePart = string | { from: number; to: number };

/** Where each token's digits sit in "YYYY-MM-DD". */
const SLICES: Record<string, { from: number; to: number }> = {
  yyyy: { from: 0, to: 4 },
  yy: { from: 2, to: 4 },
  MM: { from: 5, to: 7 },
  dd: { from: 8, to: 10 },
};

// Patterns are few and dates many (one per field per line): parse each pattern once.
const COMPILED = new Map<string, DatePart[]>();

function compile(pattern: string): DatePart[] {
  let parts = COMPILED.get(pattern);
  if (parts) return parts;
  parts = [];
  let last = 0;
  for (const match of pattern.matchAll(TOKENS)) {
    if (match.index > last) parts.push(pattern.slice(last, match.index));
    parts.push(SLICES[match[0]] ?? match[0]);
    last = match.index + match[0].length;
  }
  if (last < pattern.length) parts.push(pattern.slice(last));
  COMPILED.set(pattern, parts);
  return parts;
}

/** Writes `YYYY-MM-DD` with the tokens yyyy, yy, MM, dd; any other character is copied. */
export function formatDate(date: IsoDate, pattern: string): string {
  if (!ISO_DATE.test(date)) throw new FormatError('format-date', `"${date}" is not a YYYY-MM-DD date`);
  let out = '';
  for (const part of compile(pattern))
    out += typeof part === 'string' ? part : date.slice(part.from, part.to);
  return out;
}
