// Property-style test: random but consistent documents, built from integer cents through
// strings (never floats), must always give balanced entries of non-negative 2-decimal amounts.
import { describe, expect, it } from 'vitest';
import type { SalesDocument } from '../document.js';
import type { Entry } from '../entry.js';
import { amountFromInteger, round, sum, type Amount } from '../money.js';
import { formatFranceAccounting } from '../presets/format-france.js';
import { assertBalanced, bookDocument } from './book.js';
import { a, buildDocument, type LineSpec } from './testing.js';

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

const TAXES = [
  { taxName: 'TVA FR 20%', rate: '20.000' },
  { taxName: 'TVA FR 10%', rate: '10.000' },
  { taxName: 'TVA FR 5.5%', rate: '5.500' },
  { taxName: 'Exonéré', rate: '0.000' },
];

const cents = (n: number): Amount => amountFromInteger(n).div(100);
const text = (x: Amount): string => x.toFixed(2);
const vatOf = (excl: Amount, rate: string): Amount => round(excl.times(rate).div(100), 2);

function randomLines(next: (n: number) => number, count: number): LineSpec[] {
  return Array.from({ length: count }, () => {
    const tax = TAXES[next(TAXES.length)]!;
    const excl = cents(next(50_000));
    return { ...tax, excl: text(excl), incl: text(excl.plus(vatOf(excl, tax.rate))) };
  });
}

function randomDocument(next: (n: number) => number): SalesDocument {
  const foreign = next(10) === 0;
  const lines = randomLines(next, 1 + next(foreign ? 2 : 5));
  const productsExcl = sum(lines.map((l) => a(l.excl)));
  const totals: Record<string, string> = {};
  const charge = (key: 'discounts' | 'shipping' | 'wrapping', excl: Amount, rate: string) => {
    totals[`${key}TaxExcl`] = text(excl);
    totals[`${key}TaxIncl`] = text(excl.plus(vatOf(excl, rate)));
  };
  if (!foreign && next(3) === 0) {
    // At most half the products, so that what is paid stays positive.
    charge('discounts', round(productsExcl.times(next(50)).div(100), 2), lines[0]?.rate ?? '20.000');
  }
  const shippingRate = next(4) === 0 ? '0.000' : '20.000';
  if (next(2) === 0) charge('shipping', cents(next(2_000)), shippingRate);
  if (!foreign && next(5) === 0) charge('wrapping', cents(next(500)), '20.000');
  const doc = buildDocument({
    type: next(4) === 0 ? 'CREDITNOTE' : 'ORDER',
    creditNoteKey: '7',
    creditNoteDate: '2024-04-01',
    customer: { ...buildDocument().customer, key: next(5) === 0 ? '' : String(next(99_999)) },
    lines,
    totals,
    shippingTaxRate: a(shippingRate),
  });
  if (foreign) doc.currencyRate = a(['1.1', '0.85', '1.3', '7.45'][next(4)]!);
  // A few cents of disagreement, within the tolerance, must go to a deviation line.
  else if (next(5) === 0) doc.totals.paidTaxIncl = doc.totals.paidTaxIncl.plus(cents(next(11) - 5));
  addPayments(doc, next);
  return doc;
}

function addPayments(doc: SalesDocument, next: (n: number) => number): void {
  const paid = doc.totals.paidTaxIncl;
  if (next(2) === 0) {
    doc.paymentName = 'Carte bancaire';
    return;
  }
  const first = round(paid.times(next(101)).div(100), 2);
  doc.payments = [
    { name: 'Carte bancaire', amount: first, fee: cents(next(3) === 0 ? next(300) : 0), date: '2024-03-16' },
    { name: 'Chèque', amount: paid.minus(first) },
  ];
}

function customerTotal(entry: Entry): Amount {
  return sum(entry.lines.filter((l) => l.role === 'customer').map((l) => l.debit.plus(l.credit)));
}

function checkEntry(entry: Entry): void {
  assertBalanced(entry);
  expect(sum(entry.lines.map((l) => l.debit)).eq(sum(entry.lines.map((l) => l.credit)))).toBe(true);
  for (const line of entry.lines) {
    expect(line.debit.gte(0) && line.credit.gte(0)).toBe(true);
    expect(line.debit.eq(0) !== line.credit.eq(0)).toBe(true);
    expect(line.debit.eq(round(line.debit, 2)) && line.credit.eq(round(line.credit, 2))).toBe(true);
  }
}

describe('generated documents', () => {
  it('always give balanced entries, non-negative 2-decimal amounts, and the customer the total paid', () => {
    const next = prng(20240315);
    const settings = formatFranceAccounting();
    const seen = { creditnote: 0, foreign: 0, deviation: 0, discount: 0, fee: 0 };
    for (let i = 0; i < 400; i++) {
      const doc = randomDocument(next);
      const booked = bookDocument(doc, settings, { today: '2024-05-01' });
      booked.entries.forEach(checkEntry);
      const [main] = booked.entries;
      const expected = doc.currencyRate.eq(1)
        ? doc.totals.paidTaxIncl
        : round(doc.totals.paidTaxIncl.div(doc.currencyRate), 2);
      expect(customerTotal(main!).toFixed(2), `document ${i}`).toBe(expected.toFixed(2));
      const customerSide = doc.type === 'ORDER' ? 'debit' : 'credit';
      expect(main!.lines.filter((l) => l.role === 'customer').every((l) => l[customerSide].gt(0))).toBe(true);
      const roles = new Set(booked.entries.flatMap((e) => e.lines.map((l) => l.role)));
      if (doc.type === 'CREDITNOTE') seen.creditnote++;
      if (!doc.currencyRate.eq(1)) seen.foreign++;
      if (roles.has('deviation')) seen.deviation++;
      if (roles.has('discount')) seen.discount++;
      if (roles.has('fee')) seen.fee++;
    }
    // The generator must reach every branch it is meant to test.
    expect(
      Object.values(seen).every((count) => count >= 10),
      JSON.stringify(seen),
    ).toBe(true);
  });
});
