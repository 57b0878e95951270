// Property tests (fast-check) over thousands of random but consistent documents and random
// rounding / currency settings. Amounts are built from integer cents through strings, never floats.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SalesDocument } from '../document.js';
import { amountFromInteger, round, sum, type Amount } from '../money.js';
import { formatFranceAccounting } from '../presets/format-france.js';
import type { AccountingSettings, Decimals } from '../profile.js';
import { bookDocument } from './book.js';
import { createReconciliation } from './reconciliation.js';
import { a, buildDocument } from './testing.js';

type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

const RATES = ['20.000', '10.000', '5.500', '2.100', '0.000'];
const cents = (n: number): Amount => amountFromInteger(n).div(100);
const vat = (excl: Amount, rate: string): Amount => round(excl.times(rate).div(100), 2);

const lineArb = fc.record({
  unitCents: fc.integer({ min: 1, max: 50_000 }),
  quantity: fc.integer({ min: 1, max: 4 }),
  rate: fc.constantFrom(...RATES),
});

const documentArb = fc.record({
  creditNote: fc.boolean(),
  guest: fc.boolean(),
  customerKey: fc.integer({ min: 1, max: 99_999 }),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 4 }),
  discountPercent: fc.integer({ min: 0, max: 50 }),
  shippingCents: fc.integer({ min: 0, max: 2_000 }),
  rate: fc.constantFrom('1', '1', '1', '1.1', '0.85', '1.046200', '7.45'),
  paidShiftCents: fc.integer({ min: -3, max: 3 }),
  paymentPercent: fc.integer({ min: 0, max: 100 }),
  feeCents: fc.integer({ min: 0, max: 300 }),
});

const settingsArb = fc.record({
  decimals: fc.constantFrom<Decimals>(2, 3, 4),
  level: fc.constantFrom('unit' as const, 'line' as const, 'total' as const),
  difference: fc.constantFrom('deviation' as const, 'first-product' as const, 'first-tax' as const),
  inCurrency: fc.boolean(),
});

function makeDocument(g: Generated<typeof documentArb>): SalesDocument {
  const lines = g.lines.map((l) => {
    const unit = cents(l.unitCents);
    const excl = unit.times(l.quantity);
    return {
      excl: excl.toFixed(2),
      incl: excl.plus(vat(excl, l.rate)).toFixed(2),
      rate: l.rate,
      unit,
      q: l.quantity,
    };
  });
  const productsExcl = sum(lines.map((l) => a(l.excl)));
  const rate = lines[0]!.rate;
  const discount = round(productsExcl.times(g.discountPercent).div(100), 2);
  const shipping = cents(g.shippingCents);
  const doc = buildDocument({
    type: g.creditNote ? 'CREDITNOTE' : 'ORDER',
    creditNoteKey: '7',
    creditNoteDate: '2024-04-01',
    customer: { ...buildDocument().customer, key: g.guest ? '' : String(g.customerKey) },
    lines,
    totals: {
      discountsTaxExcl: discount.toFixed(2),
      discountsTaxIncl: discount.plus(vat(discount, rate)).toFixed(2),
      shippingTaxExcl: shipping.toFixed(2),
      shippingTaxIncl: shipping.plus(vat(shipping, '20.000')).toFixed(2),
    },
    shippingTaxRate: a('20.000'),
  });
  // Unit prices, so that the unit rounding level has something to round.
  doc.lines.forEach((line, i) => {
    const spec = lines[i]!;
    line.quantity = amountFromInteger(spec.q);
    line.unitPriceTaxExcl = spec.unit;
    line.unitPriceTaxIncl = spec.unit.plus(vat(spec.unit, spec.rate));
  });
  doc.currencyRate = a(g.rate);
  doc.totals.paidTaxIncl = doc.totals.paidTaxIncl.plus(cents(g.paidShiftCents));
  const paid = doc.totals.paidTaxIncl;
  const first = round(paid.times(g.paymentPercent).div(100), 2);
  doc.payments = [
    {
      name: 'Carte',
      amount: first,
      fee: first.lt(cents(g.feeCents)) ? first : cents(g.feeCents),
      date: '2024-03-16',
    },
    { name: 'Chèque', amount: paid.minus(first) },
  ];
  return doc;
}

function makeSettings(g: Generated<typeof settingsArb>): AccountingSettings {
  const settings = formatFranceAccounting();
  // Rounding per unit or on the total moves VAT by up to half a cent per line and unit.
  settings.rounding = { decimals: g.decimals, level: g.level, difference: g.difference, tolerance: '0.10' };
  settings.currency.createEntriesInCurrency = g.inCurrency;
  return settings;
}

describe('properties of booking', () => {
  it('every entry balanced, no negative amount, no more decimals than the precision, customers = totals', () => {
    fc.assert(
      fc.property(fc.array(documentArb, { minLength: 1, maxLength: 5 }), settingsArb, (generated, s) => {
        const settings = makeSettings(s);
        const rec = createReconciliation('EUR', s.decimals);
        for (const g of generated) {
          const doc = makeDocument(g);
          const booked = bookDocument(doc, settings, { today: '2024-05-01' });
          for (const entry of booked.entries) {
            let debit = amountFromInteger(0);
            let credit = amountFromInteger(0);
            for (const line of entry.lines) {
              const amount = line.debit.plus(line.credit);
              // Plain checks in the loop (expect() per line would dominate the run time).
              const ok =
                line.debit.gte(0) &&
                line.credit.gte(0) &&
                line.debit.eq(0) !== line.credit.eq(0) &&
                amount.eq(round(amount, s.decimals)) &&
                (line.currencyAmount !== undefined) === s.inCurrency;
              if (!ok) expect.fail(`bad line ${JSON.stringify(line)} in ${entry.kind} ${entry.pieceNumber}`);
              debit = debit.plus(line.debit);
              credit = credit.plus(line.credit);
            }
            if (!debit.eq(credit)) expect.fail(`unbalanced ${JSON.stringify(entry)}`);
          }
          rec.addBooked(booked, {
            type: doc.type,
            totalPaidTaxIncl: doc.totals.paidTaxIncl,
            currencyRate: doc.currencyRate,
          });
        }
        const report = rec.report();
        expect(
          report.sales.ok && report.creditNotes.ok,
          JSON.stringify([report.sales, report.creditNotes]),
        ).toBe(true);
        expect(report.total.debit).toBe(report.total.credit);
      }),
      { numRuns: 700, seed: 20240315 },
    );
  });

  it('same input → same output', () => {
    fc.assert(
      fc.property(documentArb, settingsArb, (g, s) => {
        const settings = makeSettings(s);
        const first = JSON.stringify(bookDocument(makeDocument(g), settings, { today: '2024-05-01' }));
        const again = JSON.stringify(bookDocument(makeDocument(g), settings, { today: '2024-05-01' }));
        expect(again).toBe(first);
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});
