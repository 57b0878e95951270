// Exact decimal money. Amounts are Big from the text read to the text written:
// never Number, parseFloat or binary floating point (accounting.md).
import Big from 'big.js';

export type Amount = Big;

export type RoundingMode = 'half-up' | 'half-even' | 'down' | 'up';

const ROUNDING: Record<RoundingMode, Big.RoundingMode> = {
  down: Big.roundDown,
  'half-up': Big.roundHalfUp,
  'half-even': Big.roundHalfEven,
  up: Big.roundUp,
};

export const ZERO: Amount = new Big(0);

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** True when `text` is a plain decimal number (`.` separator, no exponent, no thousands separator). */
export function isAmountText(text: string): boolean {
  return DECIMAL.test(text.trim());
}

/** Parses a decimal string; throws RangeError on anything else (callers wrap it with the field name). */
export function parseAmount(text: string): Amount {
  const trimmed = text.trim();
  if (!DECIMAL.test(trimmed)) throw new RangeError(`"${text}" is not a decimal number`);
  return new Big(trimmed);
}

/** Parses a decimal string, or undefined when it is not one: one test instead of isAmountText + parseAmount. */
export function parseAmountOrUndefined(text: string): Amount | undefined {
  const trimmed = text.trim();
  return DECIMAL.test(trimmed) ? new Big(trimmed) : undefined;
}

/** Builds an amount from an integer count (e.g. a number of cents or an index); never from a fraction. */
export function amountFromInteger(value: number): Amount {
  if (!Number.isSafeInteger(value)) throw new RangeError(`${value} is not a safe integer`);
  return new Big(value);
}

/** Rounds in one place, with precision and mode passed on each call (never through the global Big.RM). */
export function round(value: Amount, decimals: number, mode: RoundingMode = 'half-up'): Amount {
  return value.round(decimals, ROUNDING[mode]);
}

export function sum(values: Iterable<Amount>): Amount {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

// Sign tests read big.js's normalized form (coefficient `c`, sign `s`; zero is c = [0]):
// `x.eq(0)` would parse the literal 0 into a new Big on every call, and booking and
// rendering make such tests on every line of every document.

export function isZero(value: Amount): boolean {
  return value.c[0] === 0;
}

/** Strictly below zero (-0 is zero). */
export function isNegative(value: Amount): boolean {
  return value.s < 0 && value.c[0] !== 0;
}

/** Strictly above zero. */
export function isPositive(value: Amount): boolean {
  return value.s > 0 && value.c[0] !== 0;
}

export const ONE: Amount = new Big(1);

export function max(a: Amount, b: Amount): Amount {
  return a.gte(b) ? a : b;
}

export interface NumberStyle {
  decimals: number;
  decimalSeparator: string;
  thousandsSeparator: string;
}

/** Writes an amount as text: fixed decimals (half-up), chosen separators. */
export function formatAmount(value: Amount, style: NumberStyle): string {
  const rounded = round(value, style.decimals);
  // Runs for every amount column of every line: the digits come from one toFixed, without
  // the copy abs() makes, the split into an array, or a regex when there is no grouping.
  const fixed = rounded.toFixed(style.decimals);
  const digits = fixed.charCodeAt(0) === 45 ? fixed.slice(1) : fixed; // 45: "-"
  const dot = digits.indexOf('.');
  const integer = dot === -1 ? digits : digits.slice(0, dot);
  const grouped = style.thousandsSeparator
    ? integer.replace(/\B(?=(\d{3})+(?!\d))/g, style.thousandsSeparator)
    : integer;
  const body = dot === -1 ? grouped : `${grouped}${style.decimalSeparator}${digits.slice(dot + 1)}`;
  // A value that rounds to zero is written without a sign ("-0,00" would confuse an import).
  return isNegative(rounded) ? `-${body}` : body;
}

/** Plain decimal string with exactly `decimals` places and a dot, for JSON summaries and logs. */
export function toDecimalString(value: Amount, decimals = 2): string {
  return round(value, decimals).toFixed(decimals);
}
