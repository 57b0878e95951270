import { describe, expect, it } from 'vitest';
import type { BookedDocument } from '../entry.js';
import { sum } from '../money.js';
import { formatFranceAccounting } from '../presets/format-france.js';
import { bookDocument } from './book.js';
import { a, buildDocument, type DocumentSpec } from './testing.js';
import { renderVatSummaryCsv, vatSummaryCsvBytes } from './vat-summary-csv.js';
import { createVatAccumulator, summarizeVat, type VatSummary } from './vat-summary.js';

const address = (countryIso: string) => ({ ...buildDocument().invoiceAddress!, countryIso });

/** Hand-computed below each document: (country, rate) → base, VAT in EUR. */
const DOCUMENTS: DocumentSpec[] = [
  // FR, three rates and shipping at 20 %: FR 20 base 100 + 10 = 110, VAT 20 + 2 = 22;
  // FR 5.5 base 50, VAT 2.75; FR 0 base 30, VAT 0.
  {
    orderKey: 'A',
    lines: [
      { excl: '100.00', incl: '120.00', rate: '20.000' },
      { excl: '50.00', incl: '52.75', rate: '5.500' },
      { excl: '30.00', incl: '30.00', rate: '0.000' },
    ],
    totals: { shippingTaxExcl: '10.00', shippingTaxIncl: '12.00' },
    shippingTaxRate: a('20.000'),
  },
  // FR 20 with a discount: base 200 − 20 = 180, VAT 40 − 4 = 36.
  {
    orderKey: 'B',
    lines: [{ excl: '200.00', incl: '240.00' }],
    totals: { discountsTaxExcl: '20.00', discountsTaxIncl: '24.00' },
  },
  // DE 19: base 100, VAT 19.
  {
    orderKey: 'C',
    invoiceAddress: address('DE'),
    lines: [{ excl: '100.00', incl: '119.00', rate: '19.000', taxName: 'MwSt 19%' }],
  },
  // BE 21 in USD at 1.1: base 100 / 1.1 = 90.91, VAT 21 / 1.1 = 19.09 (customer 121 / 1.1 = 110.00).
  {
    orderKey: 'D',
    invoiceAddress: address('BE'),
    currencyCode: 'USD',
    currencyRate: a('1.100000'),
    lines: [{ excl: '100.00', incl: '121.00', rate: '21.000', taxName: 'TVA BE 21%' }],
  },
  // A FR credit note: base 50, VAT 10, on the credit-note side.
  {
    type: 'CREDITNOTE',
    orderKey: 'B',
    creditNoteKey: 'E',
    creditNoteDate: '2024-03-20',
    lines: [{ excl: '50.00', incl: '60.00' }],
  },
  // After the period: left out.
  { orderKey: 'G', orderDate: '2024-04-01', lines: [{ excl: '1000.00', incl: '1200.00' }] },
];

function bookAll(): BookedDocument[] {
  const settings = formatFranceAccounting();
  return DOCUMENTS.map((spec) => bookDocument(buildDocument(spec), settings, { today: '2024-05-01' }));
}

const MARCH = { from: '2024-03-01', to: '2024-03-31' };

/** "BE 21: 90.91 19.09 | 0.00 0.00 | 90.91 19.09" */
function rowsOf(summary: VatSummary): string[] {
  const f = (x: { base: { toFixed(d: number): string }; vat: { toFixed(d: number): string } }) =>
    `${x.base.toFixed(2)} ${x.vat.toFixed(2)}`;
  return summary.rows.map(
    (r) => `${r.country} ${r.rate.toString()}: ${f(r.sales)} | ${f(r.creditNotes)} | ${f(r.net)}`,
  );
}

describe('VAT summary', () => {
  it('gives bases and VAT per country and rate, sales and credit notes apart, then net', () => {
    const summary = summarizeVat(bookAll(), MARCH);
    expect(rowsOf(summary)).toEqual([
      'BE 21: 90.91 19.09 | 0.00 0.00 | 90.91 19.09',
      'DE 19: 100.00 19.00 | 0.00 0.00 | 100.00 19.00',
      'FR 0: 30.00 0.00 | 0.00 0.00 | 30.00 0.00',
      'FR 5.5: 50.00 2.75 | 0.00 0.00 | 50.00 2.75',
      'FR 20: 290.00 58.00 | 50.00 10.00 | 240.00 48.00',
    ]);
    expect(summary.documents).toBe(5);
    expect(summary.total.sales.base.toFixed(2)).toBe('560.91');
    expect(summary.total.sales.vat.toFixed(2)).toBe('98.84');
    expect(summary.total.net.base.toFixed(2)).toBe('510.91');
    expect(summary.total.net.vat.toFixed(2)).toBe('88.84');
  });

  it('agrees to the cent with the VAT lines of the entries of the period', () => {
    const booked = bookAll().filter((b) => b.entries[0]!.date <= MARCH.to);
    const vatLines = booked.flatMap((b) =>
      b.entries.flatMap((e) =>
        e.lines
          .filter((l) => l.role === 'tax')
          .map((l) => ({ rate: l.taxRate!.toString(), net: l.credit.minus(l.debit) })),
      ),
    );
    const summary = summarizeVat(booked, MARCH);
    for (const rate of new Set(vatLines.map((l) => l.rate))) {
      const fromLines = sum(vatLines.filter((l) => l.rate === rate).map((l) => l.net));
      const fromSummary = sum(summary.rows.filter((r) => r.rate.toString() === rate).map((r) => r.net.vat));
      expect(fromSummary.toFixed(2), `rate ${rate}`).toBe(fromLines.toFixed(2));
    }
  });

  it('adds documents one at a time, open-ended without a period', () => {
    const accumulator = createVatAccumulator();
    for (const doc of bookAll()) accumulator.add(doc);
    const summary = accumulator.summary();
    expect(summary.documents).toBe(6);
    expect(rowsOf(summary).at(-1)).toBe('FR 20: 1290.00 258.00 | 50.00 10.00 | 1240.00 248.00');
    expect(summarizeVat([]).rows).toEqual([]);
  });

  it('writes a CSV that Excel in French opens: BOM, ";" and comma decimals, CRLF', () => {
    const summary = summarizeVat(bookAll(), MARCH);
    const csv = renderVatSummaryCsv(summary, { currency: 'EUR', decimals: 2 });
    expect(csv.split('\r\n')).toEqual([
      '\ufeffCountry;Rate %;Sales base (EUR);Sales VAT (EUR);Credit notes base (EUR);Credit notes VAT (EUR);Net base (EUR);Net VAT (EUR)',
      'BE;21;90,91;19,09;0,00;0,00;90,91;19,09',
      'DE;19;100,00;19,00;0,00;0,00;100,00;19,00',
      'FR;0;30,00;0,00;0,00;0,00;30,00;0,00',
      'FR;5,5;50,00;2,75;0,00;0,00;50,00;2,75',
      'FR;20;290,00;58,00;50,00;10,00;240,00;48,00',
      'Total;;560,91;98,84;50,00;10,00;510,91;88,84',
      '',
    ]);
    const bytes = vatSummaryCsvBytes(summary, {
      currency: 'EUR',
      decimals: 2,
      labels: {
        country: 'Pays',
        rate: 'Taux %',
        salesBase: 'Base ventes',
        salesVat: 'TVA ventes',
        creditNotesBase: 'Base avoirs',
        creditNotesVat: 'TVA avoirs',
        netBase: 'Base nette',
        netVat: 'TVA nette',
        total: 'Total; général',
      },
    });
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('Pays;Taux %;Base ventes (EUR)');
    expect(text).toContain('\r\n"Total; général";;560,91');
  });

  it('writes a negative net with its sign', () => {
    const settings = formatFranceAccounting();
    const note = buildDocument({
      type: 'CREDITNOTE',
      creditNoteKey: '1',
      creditNoteDate: '2024-03-20',
      lines: [{ excl: '10.00', incl: '12.00' }],
    });
    const summary = summarizeVat([bookDocument(note, settings, { today: '2024-05-01' })]);
    const csv = renderVatSummaryCsv(summary, { currency: 'EUR', decimals: 2 });
    expect(csv.split('\r\n')[1]).toBe('FR;20;0,00;0,00;10,00;2,00;-10,00;-2,00');
  });
});
