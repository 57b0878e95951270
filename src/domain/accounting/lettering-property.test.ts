// Property (fast-check): over random files of sales and credit notes, paid in full, in part,
// too much or not at all, in the book currency or another, every lettered group balances to
// zero on its account, lies within one document, has one date no earlier than its lines, and
// a document paid exactly in the book currency is always lettered.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EntryLine } from '../entry.js';
import { amountFromInteger, round, sum, type Amount } from '../money.js';
import { formatFranceAccounting } from '../presets/format-france.js';
import { bookDocument } from './book.js';
import { createLetteringAllocator, letteringAccount } from './lettering.js';
import { a, buildDocument } from './testing.js';

const cents = (n: number): Amount => amountFromInteger(n).div(100);

const documentArb = fc.record({
  creditNote: fc.boolean(),
  customer: fc.constantFrom('', '39', '40', '41'),
  exclCents: fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 3 }),
  rate: fc.constantFrom('1', '1', '1', '1.1', '7.45'),
  // Shares of the total paid, in percent; the last payment takes the rest plus `shiftCents`.
  shares: fc.array(fc.integer({ min: 0, max: 100 }), { maxLength: 2 }),
  paid: fc.boolean(),
  shiftCents: fc.constantFrom(0, 0, 0, -1, 1, -500),
  days: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 3, maxLength: 3 }),
});

type Generated = typeof documentArb extends fc.Arbitrary<infer T> ? T : never;

const day = (offset: number): string => new Date(Date.UTC(2024, 2, 1 + offset)).toISOString().slice(0, 10);

function makeDocument(g: Generated, index: number) {
  const lines = g.exclCents.map((c) => {
    const excl = cents(c);
    return { excl: excl.toFixed(2), incl: excl.plus(round(excl.times('0.2'), 2)).toFixed(2) };
  });
  const doc = buildDocument({
    type: g.creditNote ? 'CREDITNOTE' : 'ORDER',
    orderKey: String(index),
    creditNoteKey: String(index),
    orderDate: day(g.days[0]!),
    creditNoteDate: day(g.days[0]!),
    customer: { ...buildDocument().customer, key: g.customer },
    lines,
    currencyRate: a(g.rate),
  });
  const total = doc.totals.paidTaxIncl;
  if (!g.paid) return { doc, exact: false };
  const amounts = g.shares.map((p) => round(total.times(p).div(100), 2));
  const rest = total.minus(sum(amounts)).plus(cents(g.shiftCents));
  doc.payments = [...amounts, rest]
    .filter((amount) => amount.gt(0))
    .map((amount, i) => ({ name: 'Carte', amount, date: day(g.days[i % 3]! + 2) }));
  const exact = g.rate === '1' && sum(doc.payments.map((p) => p.amount)).eq(total);
  return { doc, exact };
}

describe('lettering property', () => {
  it('lettered groups balance on their account, within one document, on one date', () => {
    fc.assert(
      fc.property(fc.array(documentArb, { minLength: 1, maxLength: 12 }), (generated) => {
        const settings = formatFranceAccounting();
        const letteringCode = createLetteringAllocator();
        const groups = new Map<string, { doc: string; lines: EntryLine[]; dates: string[] }>();
        generated.forEach((g, index) => {
          const { doc, exact } = makeDocument(g, index);
          const booked = bookDocument(doc, settings, { today: '2024-05-01', letteringCode });
          const customerLines = booked.entries.flatMap((e) => e.lines.filter((l) => l.role === 'customer'));
          if (exact && customerLines.length > 1 && customerLines.some((l) => !l.lettering)) {
            expect.fail(`${booked.document} is paid exactly but not lettered`);
          }
          for (const entry of booked.entries) {
            for (const line of entry.lines) {
              if (line.lettering === undefined) continue;
              const key = `${letteringAccount(line)} ${line.lettering}`;
              const group = groups.get(key) ?? { doc: booked.documentKey, lines: [], dates: [] };
              if (group.doc !== booked.documentKey) expect.fail(`code ${key} used by two documents`);
              group.lines.push(line);
              group.dates.push(entry.date);
              groups.set(key, group);
            }
          }
        });
        for (const [key, { lines, dates }] of groups) {
          const balance = sum(lines.map((l) => l.debit)).minus(sum(lines.map((l) => l.credit)));
          if (!balance.eq(0)) expect.fail(`group ${key} is off by ${balance.toString()}`);
          const date = lines[0]!.letteringDate!;
          if (lines.some((l) => l.letteringDate !== date) || dates.some((d) => d > date)) {
            expect.fail(`group ${key}: lettering dates ${lines.map((l) => l.letteringDate).join(',')}`);
          }
        }
      }),
      { numRuns: 400, seed: 20241010 },
    );
  });
});
