// Mapping resolution (accounting.md): the exception row matching both keys, else the row
// matching the country with ALLTAXES, else the row matching the tax with ALLCOUNTRIES,
// else the default. Exception values are partial: what a row leaves out comes from the default.
import { isAmountText, parseAmount, type Amount } from '../money.js';
import { ALL_COUNTRIES, ALL_TAXES, type ExceptionRow, type Mapping } from '../profile.js';

/** A tax as the document names it. */
export interface TaxRef {
  name: string;
  /** Percent. */
  rate: Amount;
}

/** 0: the row does not apply; 1: it applies through a wildcard; 2: it names the value. */
type Level = 0 | 1 | 2;

function normalize(text: string | undefined): string {
  return (text ?? '').trim().toLowerCase();
}

function keyLevel(key: string | undefined, value: string, wildcard?: string): Level {
  const k = normalize(key);
  if (k === '' || (wildcard !== undefined && k === wildcard.toLowerCase())) return 1;
  return k === normalize(value) ? 2 : 0;
}

/** A rate key such as "5.5", "5,5" or "20 %", compared as a decimal so that "5.5" matches 5.500. */
export function rateKeyMatches(key: string | undefined, rate: Amount): boolean {
  const parsed = rateKey(key ?? '');
  return parsed !== null && parsed.eq(rate);
}

// Every line of every document resolves its tax mapping against the same few keys: parsing
// them once (two regexes and a Big each) keeps that out of the per-line cost. Keys come
// from the profile, so the memo is bounded; past the limit keys are parsed each time.
const RATE_KEYS = new Map<string, Amount | null>();

function rateKey(key: string): Amount | null {
  let parsed = RATE_KEYS.get(key);
  if (parsed === undefined) {
    const text = key.trim().replace(/%$/, '').trim().replace(',', '.');
    parsed = text !== '' && isAmountText(text) ? parseAmount(text) : null;
    if (RATE_KEYS.size < 1000) RATE_KEYS.set(key, parsed);
  }
  return parsed;
}

/** Overlays a row's defined values on the default; empty strings count as "not set" (blank form cells). */
export function mergeValue<T>(base: T, partial: Partial<T>): T {
  const merged = { ...base };
  for (const [name, value] of Object.entries(partial) as [keyof T, T[keyof T] | undefined][]) {
    if (value !== undefined && value !== '') merged[name] = value;
  }
  return merged;
}

/** Picks the row with the best (first key, second key) levels, compared in that order; ties keep the first row. */
function pick<T>(mapping: Mapping<T>, levels: (row: ExceptionRow<T>) => [Level, Level]): T {
  let best: ExceptionRow<T> | undefined;
  let bestScore = 0;
  for (const row of mapping.exceptions) {
    const [a, b] = levels(row);
    if (a === 0 || b === 0) continue;
    const score = a * 3 + b;
    if (score > bestScore) {
      best = row;
      bestScore = score;
    }
  }
  return best ? mergeValue(mapping.default, best.value) : { ...mapping.default };
}

/**
 * Resolves by (country, tax). A tax matches by name when some row names it explicitly,
 * otherwise by rate (format-france.md: "exceptions match by rate when the tax's name is
 * not mapped explicitly"), so a named row is never shadowed by a rate row.
 */
export function resolveByCountryTax<T>(mapping: Mapping<T>, country: string, tax?: TaxRef): T {
  const byName =
    tax !== undefined &&
    normalize(tax.name) !== '' &&
    mapping.exceptions.some((row) => normalize(row.key.tax) === normalize(tax.name));
  return pick(mapping, (row) => [
    keyLevel(row.key.country, country, ALL_COUNTRIES),
    taxLevel(row.key.tax, tax, byName),
  ]);
}

function taxLevel(key: string | undefined, tax: TaxRef | undefined, byName: boolean): Level {
  const k = normalize(key);
  if (k === '' || k === ALL_TAXES.toLowerCase()) return 1;
  if (tax === undefined) return 0;
  if (byName) return k === normalize(tax.name) ? 2 : 0;
  return rateKeyMatches(key, tax.rate) ? 2 : 0;
}

/** Resolves by country alone (journals, deviation accounts). */
export function resolveByCountry<T>(mapping: Mapping<T>, country: string): T {
  return pick(mapping, (row) => [keyLevel(row.key.country, country, ALL_COUNTRIES), 1]);
}

/** Resolves by (country, carrier); a row without a carrier applies to every carrier. */
export function resolveByCountryCarrier<T>(mapping: Mapping<T>, country: string, carrier: string): T {
  return pick(mapping, (row) => [
    keyLevel(row.key.country, country, ALL_COUNTRIES),
    keyLevel(row.key.carrier, carrier),
  ]);
}

/** Resolves a payment method by its shop name; an unknown or empty name gives the default. */
export function resolveByPayment<T>(mapping: Mapping<T>, paymentName: string): T {
  const name = normalize(paymentName);
  const row = mapping.exceptions.find((r) => name !== '' && normalize(r.key.payment) === name);
  return row ? mergeValue(mapping.default, row.value) : { ...mapping.default };
}

/** Same tax: same name (when both have one) and same rate. */
export function sameTax(a: TaxRef, b: TaxRef): boolean {
  return normalize(a.name) === normalize(b.name) && a.rate.eq(b.rate);
}
