// Analytic, VAT grid, due dates, currency, dates and templates: expected lines by hand.
import { describe, expect, it } from 'vitest';
import { formatFranceAccounting } from '../presets/format-france.js';
import type { AccountingSettings } from '../profile.js';
import { bookDocument } from './book.js';
import { createReconciliation } from './reconciliation.js';
import { a, buildDocument, lineSummary, type DocumentSpec } from './testing.js';

const ctx = { today: '2024-05-01' };
const book = (spec: DocumentSpec, settings: AccountingSettings = formatFranceAccounting()) =>
  bookDocument(buildDocument(spec), settings, ctx);

describe('analytic', () => {
  const spec: DocumentSpec = {
    lines: [
      { excl: '60.00', incl: '72.00', analytic: 'BOUTIQUE' },
      { excl: '40.00', incl: '48.00', analytic: 'WEB' },
    ],
    totals: { shippingTaxExcl: '5.00', shippingTaxIncl: '6.00' },
  };
  it('puts the product sections and the carrier section on their lines when asked', () => {
    const settings = formatFranceAccounting();
    settings.analytic = { products: true, carrierSection: 'TRANSPORT' };
    const entry = book(spec, settings).entries[0]!;
    expect(
      entry.lines.map((l) => `${lineSummary({ ...entry, lines: [l] })[0]} ${l.analyticSection ?? '-'}`),
    ).toEqual([
      '411000 D 126.00 WEB00039 -',
      '707200 C 60.00 BOUTIQUE',
      '707200 C 40.00 WEB',
      '708520 C 5.00 TRANSPORT',
      '445720 C 21.00 -',
    ]);
  });
  it('leaves sections out (and merges the products) when off', () => {
    const entry = book(spec).entries[0]!;
    expect(lineSummary(entry)).toEqual([
      '411000 D 126.00 WEB00039',
      '707200 C 100.00',
      '708520 C 5.00',
      '445720 C 21.00',
    ]);
    expect(entry.lines.every((l) => l.analyticSection === undefined)).toBe(true);
  });
});

describe('VAT grid', () => {
  it('carries the tax mapping grid on the VAT line and the product lines of that tax', () => {
    const settings = formatFranceAccounting();
    settings.taxes.default.grid = '08';
    // The preset's 5.5 % row (445755, C55) gets its own grid.
    settings.taxes.exceptions = settings.taxes.exceptions.map((row) =>
      row.key.tax === '5.5' ? { ...row, value: { ...row.value, grid: '09' } } : row,
    );
    const entry = book(
      {
        lines: [
          { excl: '100.00', incl: '120.00' },
          { excl: '10.00', incl: '10.55', rate: '5.500' },
        ],
      },
      settings,
    ).entries[0]!;
    expect(entry.lines.map((l) => `${l.account} ${l.vatGrid ?? '-'}`)).toEqual([
      '411000 -',
      '707200 08',
      '707200 09',
      '445720 08',
      '445755 09',
    ]);
  });
});

describe('due date', () => {
  const dueOf = (spec: DocumentSpec, patch: Partial<AccountingSettings['dueDate']> = {}) => {
    const settings = formatFranceAccounting();
    settings.dueDate = { ...settings.dueDate, ...patch };
    return book({ lines: [{ excl: '10.00', incl: '12.00' }], ...spec }, settings).entries.map(
      (e) => e.dueDate,
    );
  };
  it('is the order date with the preset', () => {
    expect(dueOf({})).toEqual(['2024-03-15']);
  });
  it('adds days, then goes to the end of the month when asked', () => {
    expect(dueOf({}, { days: 30 })).toEqual(['2024-04-14']);
    expect(dueOf({}, { days: 30, endOfMonth: true })).toEqual(['2024-04-30']);
    expect(dueOf({ orderDate: '2024-01-31' }, { days: 30, endOfMonth: true })).toEqual(['2024-03-31']);
  });
  it('starts from the invoice date or the first payment, falling back to the order date', () => {
    expect(dueOf({ invoiceDate: '2024-03-20' }, { from: 'invoice', days: 45 })).toEqual(['2024-05-04']);
    expect(dueOf({ invoiceDate: '0000-00-00' }, { from: 'invoice' })).toEqual(['2024-03-15']);
    const paid = { payments: [{ name: 'Carte', amount: '12.00', date: '2024-03-18' }] };
    // The bank entry has no due date: it settles the sale.
    expect(dueOf(paid, { from: 'first-payment', days: 10 })).toEqual(['2024-03-28', undefined]);
  });
  it("lets the document's own due date win", () => {
    expect(dueOf({ dueDate: '2024-06-01' }, { days: 30 })).toEqual(['2024-06-01']);
  });
});

describe('currency', () => {
  it('carries the document-currency amount on every line, bank entry included, when asked', () => {
    const settings = formatFranceAccounting();
    settings.currency.createEntriesInCurrency = true;
    const doc = buildDocument({
      lines: [{ excl: '100.00', incl: '120.00' }],
      currencyCode: 'CHF',
      payments: [{ name: 'Carte', amount: '120.00', fee: '2.00', date: '2024-03-16' }],
    });
    doc.currencyRate = a('1.2');
    const [sale, bank] = bookDocument(doc, settings, ctx).entries;
    // 120 / 1.2 = 100.00; 100 / 1.2 = 83.33; 20 / 1.2 = 16.67: balanced without deviation.
    expect(lineSummary(sale!)).toEqual(['411000 D 100.00 WEB00039', '707200 C 83.33', '445720 C 16.67']);
    expect(sale!.lines.map((l) => l.currencyAmount?.toFixed(2))).toEqual(['120.00', '100.00', '20.00']);
    // Fee 2 / 1.2 = 1.67; the bank takes 100.00 − 1.67.
    expect(lineSummary(bank!)).toEqual(['512000 D 98.33', '627000 D 1.67', '411000 C 100.00 WEB00039']);
    expect(bank!.lines.map((l) => l.currencyAmount?.toFixed(2))).toEqual(['118.00', '2.00', '120.00']);
    expect(sale!.currencyCode).toBe('CHF');
  });
});

describe('dates and templates', () => {
  const creditNote: DocumentSpec = {
    type: 'CREDITNOTE',
    creditNoteKey: '3',
    creditNoteNumber: 'AV3',
    creditNoteDate: '2024-04-02',
    lines: [{ excl: '10.00', incl: '12.00' }],
  };
  it('dates a credit note on the order, the credit note or today', () => {
    const settings = formatFranceAccounting();
    expect(book(creditNote, settings).entries[0]).toMatchObject({
      date: '2024-04-02',
      pieceDate: '2024-04-02',
    });
    settings.creditNotes.entryDate = 'order';
    expect(book(creditNote, settings).entries[0]).toMatchObject({
      date: '2024-03-15',
      pieceDate: '2024-03-15',
    });
    settings.creditNotes.entryDate = 'today';
    expect(book(creditNote, settings).entries[0]).toMatchObject({
      date: '2024-05-01',
      pieceDate: '2024-04-02',
    });
  });
  it('renders the reference and label templates on the entry, its lines and its bank entry', () => {
    const settings = formatFranceAccounting();
    settings.sales.reference = '%IN';
    settings.sales.label = '%ON %OR %CC %CF %CL %PM %OD %ID';
    const booked = book(
      {
        lines: [{ excl: '10.00', incl: '12.00' }],
        orderNumber: '1006',
        orderReference: 'XKBKNABJK',
        invoiceNumber: 'FA12',
        invoiceDate: '2024-03-16',
        customer: { ...buildDocument().customer, company: 'ACME' },
        paymentName: 'Chèque',
      },
      settings,
    );
    const label = '1006 XKBKNABJK ACME Jean Dupont Chèque 15/03/2024 16/03/2024';
    for (const entry of booked.entries) {
      expect(entry).toMatchObject({ reference: 'FA12', label });
      expect(entry.lines.every((l) => l.label === label)).toBe(true);
    }
  });
});

describe('a credit note larger than its order', () => {
  it('is booked as the shop gives it, and the reconciliation flags it', () => {
    const order = buildDocument({ lines: [{ excl: '100.00', incl: '120.00' }] });
    const note = buildDocument({
      type: 'CREDITNOTE',
      creditNoteKey: '3',
      creditNoteDate: '2024-04-02',
      lines: [{ excl: '125.00', incl: '150.00' }],
      payments: [{ name: 'Carte', amount: '150.00', date: '2024-04-03' }],
    });
    const settings = formatFranceAccounting();
    const booked = bookDocument(note, settings, ctx);
    expect(booked.entries.map(lineSummary)).toEqual([
      ['411000 C 150.00 WEB00039', '707200 D 125.00', '445720 D 25.00'],
      ['512000 C 150.00', '411000 D 150.00 WEB00039'],
    ]);
    const rec = createReconciliation('EUR');
    for (const doc of [order, note]) {
      rec.addBooked(bookDocument(doc, settings, ctx), {
        type: doc.type,
        totalPaidTaxIncl: doc.totals.paidTaxIncl,
        order: `1/${doc.orderKey}`,
      });
    }
    const report = rec.report();
    expect(report.ok).toBe(true);
    expect(report.warnings).toEqual(['credit note 3 of order 6: 150.00 refunded on an order of 120.00']);
  });
});
