// Rounding settings and the classic traps, each expected line computed by hand.
import { describe, expect, it } from 'vitest';
import type { SalesDocument } from '../document.js';
import { DocumentError } from '../errors.js';
import { formatFranceAccounting } from '../presets/format-france.js';
import type { AccountingSettings, Decimals, RoundingLevel } from '../profile.js';
import { bookDocument } from './book.js';
import { a, buildDocument, type DocumentSpec } from './testing.js';

const ctx = { today: '2024-05-01' };

const isDocument = (x: DocumentSpec | SalesDocument): x is SalesDocument => 'refs' in x && 'totals' in x;

function settingsWith(patch: Partial<AccountingSettings['rounding']> = {}): AccountingSettings {
  const settings = formatFranceAccounting();
  settings.rounding = { ...settings.rounding, ...patch };
  return settings;
}

/** "707200 C 10.124": amounts with the profile's decimals. */
function lines(spec: DocumentSpec | SalesDocument, settings = settingsWith()): string[] {
  const doc = isDocument(spec) ? spec : buildDocument(spec);
  const entry = bookDocument(doc, settings, ctx).entries[0]!;
  const d = settings.rounding.decimals;
  return entry.lines.map((l) =>
    l.debit.gt(0) ? `${l.account} D ${l.debit.toFixed(d)}` : `${l.account} C ${l.credit.toFixed(d)}`,
  );
}

describe('decimals 2 / 3 / 4', () => {
  // excl 10.1235, incl 12.1482 (VAT 2.0247), paid 12.1482.
  const doc = { lines: [{ excl: '10.1235', incl: '12.1482' }] };
  it('rounds every line half-up to the precision and books what is left on the deviation', () => {
    // 12.15 − (10.12 + 2.02) = 0.01 → product deviation
    expect(lines(doc, settingsWith({ decimals: 2 }))).toEqual([
      '411000 D 12.15',
      '707200 C 10.12',
      '445720 C 2.02',
      '758000 C 0.01',
    ]);
    // 12.148 − (10.124 + 2.025) = −0.001 → charge deviation
    expect(lines(doc, settingsWith({ decimals: 3 }))).toEqual([
      '411000 D 12.148',
      '707200 C 10.124',
      '445720 C 2.025',
      '658000 D 0.001',
    ]);
    expect(lines(doc, settingsWith({ decimals: 4 as Decimals }))).toEqual([
      '411000 D 12.1482',
      '707200 C 10.1235',
      '445720 C 2.0247',
    ]);
  });
});

/** 19.99 × 3 at 20 %: unit incl 23.99; line totals 59.97 / 71.96; the shop charged 23.99 × 3 = 71.97. */
function nineteenNinetyNine() {
  const doc = buildDocument({ lines: [{ excl: '59.97', incl: '71.96' }], totals: { paidTaxIncl: '71.97' } });
  Object.assign(doc.lines[0]!, {
    quantity: a('3'),
    unitPriceTaxExcl: a('19.99'),
    unitPriceTaxIncl: a('23.99'),
  });
  return doc;
}

describe('rounding level', () => {
  const level = (l: RoundingLevel, more: Partial<AccountingSettings['rounding']> = {}) =>
    settingsWith({ level: l, ...more });

  it('19.99 × 3 at 20 %: per unit 12.00 of VAT, per line and on the total 11.99', () => {
    expect(lines(nineteenNinetyNine(), level('unit'))).toEqual([
      '411000 D 71.97',
      '707200 C 59.97',
      '445720 C 12.00',
    ]);
    expect(lines(nineteenNinetyNine(), level('line'))).toEqual([
      '411000 D 71.97',
      '707200 C 59.97',
      '445720 C 11.99',
      '758000 C 0.01',
    ]);
    expect(lines(nineteenNinetyNine(), level('total', { difference: 'first-tax' }))).toEqual([
      '411000 D 71.97',
      '707200 C 59.97',
      '445720 C 12.00',
    ]);
    expect(lines(nineteenNinetyNine(), level('total', { difference: 'first-product' }))).toEqual([
      '411000 D 71.97',
      '707200 C 59.98',
      '445720 C 11.99',
    ]);
  });

  it('a 5.5 % VAT that rounds differently per line (0.10 + 0.10) and on the total (0.21)', () => {
    // Two lines of 1.90: VAT 0.1045 each → 0.10 per line; 3.80 × 5.5 % = 0.209 → 0.21 on the total.
    const perLine = { lines: [1, 2].map(() => ({ excl: '1.90', incl: '2.00', rate: '5.500' })) };
    expect(lines(perLine, level('line'))).toEqual(['411000 D 4.00', '707200 C 3.80', '445755 C 0.20']);
    expect(lines(perLine, level('total'))).toEqual([
      '411000 D 4.00',
      '707200 C 3.80',
      '445755 C 0.21',
      '658000 D 0.01',
    ]);
    // A shop that rounds on the total charged 4.01: now the total level balances.
    const onTotal = { ...perLine, totals: { paidTaxIncl: '4.01' } };
    expect(lines(onTotal, level('total'))).toEqual(['411000 D 4.01', '707200 C 3.80', '445755 C 0.21']);
    expect(lines(onTotal, level('line'))).toEqual([
      '411000 D 4.01',
      '707200 C 3.80',
      '445755 C 0.20',
      '758000 C 0.01',
    ]);
  });

  it('keeps the line totals at the unit level when the line has its own discount', () => {
    const doc = nineteenNinetyNine();
    doc.lines[0]!.discountTaxExcl = a('1.00');
    doc.totals.paidTaxIncl = a('71.96');
    expect(lines(doc, level('unit'))).toEqual(['411000 D 71.96', '707200 C 59.97', '445720 C 11.99']);
  });
});

describe('tolerance', () => {
  const doc = { lines: [{ excl: '100.00', incl: '120.00' }], totals: { paidTaxIncl: '120.10' } };
  it('refuses a difference above the tolerance, naming the figures that disagree', () => {
    const attempt = () => lines(doc);
    expect(attempt).toThrow(DocumentError);
    expect(attempt).toThrow(
      'total paid 120.10 but lines add up to 120.00 (products 100.00, VAT 20.00): difference 0.10 exceeds the rounding tolerance 0.05',
    );
  });
  it('books it on the deviation account once the tolerance allows it', () => {
    expect(lines(doc, settingsWith({ tolerance: '0.10' }))).toEqual([
      '411000 D 120.10',
      '707200 C 100.00',
      '445720 C 20.00',
      '758000 C 0.10',
    ]);
  });
  it('with a zero tolerance refuses even one cent', () => {
    expect(() =>
      lines({ ...doc, totals: { paidTaxIncl: '120.01' } }, settingsWith({ tolerance: '0' })),
    ).toThrow(/difference 0.01 exceeds the rounding tolerance 0/);
  });
});

describe('classic traps', () => {
  it('1.005 rounds half-up to 1.01 (binary floating point gives 1.00)', () => {
    expect(lines({ lines: [{ excl: '1.005', incl: '1.206' }] })).toEqual([
      '411000 D 1.21',
      '707200 C 1.01',
      '445720 C 0.20',
    ]);
  });

  it('0.1 + 0.2 is exactly 0.3', () => {
    const entry = bookDocument(
      buildDocument({
        lines: [
          { excl: '0.10', incl: '0.12' },
          { excl: '0.20', incl: '0.24' },
        ],
      }),
      settingsWith(),
      ctx,
    ).entries[0]!;
    expect(entry.lines[1]!.credit.eq(a('0.3'))).toBe(true);
    expect(entry.lines.map((l) => l.debit.plus(l.credit).toFixed(2))).toEqual(['0.36', '0.30', '0.06']);
  });

  it('3 × 33.33 is 99.99, not the 100.00 the shop announces', () => {
    const doc = {
      lines: [1, 2, 3].map(() => ({ excl: '33.33', incl: '40.00' })),
      totals: { productsTaxExcl: '100.00', paidTaxIncl: '120.00' },
    };
    // Per line: 99.99 + 3 × 6.67 = 120.00, balanced.
    expect(lines(doc)).toEqual(['411000 D 120.00', '707200 C 99.99', '445720 C 20.01']);
    // On the total: 99.99 × 20 % = 20.00 (19.998), one cent short.
    expect(lines(doc, settingsWith({ level: 'total' }))).toEqual([
      '411000 D 120.00',
      '707200 C 99.99',
      '445720 C 20.00',
      '758000 C 0.01',
    ]);
  });

  it('an id too long for the customer account length fails the document, never truncated', () => {
    const attempt = () =>
      lines({
        lines: [{ excl: '10.00', incl: '12.00' }],
        customer: { ...buildDocument().customer, key: '1234567' },
      });
    expect(attempt).toThrow(
      'customer id 1234567 does not fit in a 8-character customer account with prefix "WEB"',
    );
  });
});
