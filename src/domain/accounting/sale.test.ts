import { describe, expect, it } from 'vitest';
import { DocumentError } from '../errors.js';
import { formatFranceAccounting } from '../presets/format-france.js';
import type { AccountingSettings } from '../profile.js';
import { bookDocument } from './book.js';
import { a, buildDocument, lineSummary, type DocumentSpec } from './testing.js';

const ctx = { today: '2024-05-01' };

function book(spec: DocumentSpec, settings: AccountingSettings = formatFranceAccounting()) {
  return bookDocument(buildDocument(spec), settings, ctx);
}

function sale(spec: DocumentSpec, settings?: AccountingSettings) {
  const entry = book(spec, settings).entries[0];
  if (!entry) throw new Error('no entry');
  return entry;
}

const standard = { excl: '100.00', incl: '120.00', rate: '20.000', taxName: 'TVA FR 20%' };

describe('sale entry', () => {
  it('books a single-tax order with its payment', () => {
    const booked = book({
      lines: [standard],
      payments: [{ name: 'Carte bancaire', amount: '120.00', date: '2024-03-16' }],
    });
    const [entry, bank] = booked.entries;
    expect(lineSummary(entry!)).toEqual(['411000 D 120.00 WEB00039', '707200 C 100.00', '445720 C 20.00']);
    expect(entry).toMatchObject({
      kind: 'sale',
      journal: 'VTE',
      journalLabel: 'Ventes',
      date: '2024-03-15',
      pieceNumber: '6',
      pieceDate: '2024-03-15',
      reference: 'Cde 6',
      label: 'Cde 6 - Dupont',
      documentKey: '1/order/6',
    });
    expect(entry!.lines[0]).toMatchObject({
      accountLabel: 'Clients',
      auxiliaryLabel: 'Jean Dupont',
      label: 'Cde 6 - Dupont',
    });
    expect(entry!.lines[2]).toMatchObject({ taxCode: 'C20', accountLabel: 'TVA collectée 20 %' });
    expect(lineSummary(bank!)).toEqual(['512000 D 120.00', '411000 C 120.00 WEB00039']);
    expect(bank).toMatchObject({ kind: 'payment', journal: 'BQ1', date: '2024-03-16', pieceNumber: '6' });
    expect(bank!.lines.every((l) => l.paymentMode === 'CB')).toBe(true);
    expect(booked.customer).toMatchObject({
      customerAccount: 'WEB00039',
      accountingAccount: '411000',
      name: 'Jean Dupont',
      city: 'Paris',
    });
    expect(booked.document).toBe('order 6');
  });

  it('splits a discount across taxes in proportion, the last share taking the remainder', () => {
    const entry = sale({
      lines: [
        { excl: '30.00', incl: '36.00', rate: '20' },
        { excl: '30.00', incl: '33.00', rate: '10' },
        { excl: '30.00', incl: '31.65', rate: '5.5' },
      ],
      totals: { discountsTaxExcl: '10.00', discountsTaxIncl: '11.20' },
    });
    expect(lineSummary(entry)).toEqual([
      '411000 D 89.45 WEB00039',
      '707200 C 30.00',
      '707200 C 30.00',
      '707200 C 30.00',
      '709000 D 3.33',
      '709000 D 3.33',
      '709000 D 3.34',
      '445720 C 5.60',
      '445710 C 2.60',
      '445755 C 1.25',
    ]);
    expect(entry.lines.slice(4).map((l) => l.taxRate?.toString())).toEqual([
      '20',
      '10',
      '5.5',
      '20',
      '10',
      '5.5',
    ]);
  });

  it('puts the whole discount on the only tax', () => {
    const entry = sale({
      lines: [standard],
      totals: { discountsTaxExcl: '10.00', discountsTaxIncl: '12.00' },
    });
    expect(lineSummary(entry)).toEqual([
      '411000 D 108.00 WEB00039',
      '707200 C 100.00',
      '709000 D 10.00',
      '445720 C 18.00',
    ]);
  });

  it('books shipping with VAT on the product tax it matches by name', () => {
    const entry = sale({
      lines: [standard],
      totals: { shippingTaxExcl: '10.00', shippingTaxIncl: '12.00' },
      shippingTaxName: 'TVA FR 20%',
      carrierName: 'Colissimo',
    });
    expect(lineSummary(entry)).toEqual([
      '411000 D 132.00 WEB00039',
      '707200 C 100.00',
      '708520 C 10.00',
      '445720 C 22.00',
    ]);
  });

  it('books shipping without VAT on the carrier exception account', () => {
    const settings = formatFranceAccounting();
    settings.carriers.exceptions.push({
      key: { country: 'ALLCOUNTRIES', carrier: 'Colissimo' },
      value: { shippingWithoutVat: '7085' },
    });
    const entry = sale(
      {
        lines: [standard],
        totals: { shippingTaxExcl: '10.00', shippingTaxIncl: '10.00' },
        shippingTaxRate: a('0.000'),
        carrierName: 'Colissimo',
      },
      settings,
    );
    expect(lineSummary(entry)).toEqual([
      '411000 D 130.00 WEB00039',
      '707200 C 100.00',
      '708500 C 10.00',
      '445720 C 20.00',
    ]);
  });

  it('gives shipping VAT its own line when no product has its tax', () => {
    const entry = sale({
      lines: [{ excl: '100.00', incl: '105.50', rate: '5.5' }],
      totals: { shippingTaxExcl: '10.00', shippingTaxIncl: '12.00' },
    });
    expect(lineSummary(entry)).toEqual([
      '411000 D 117.50 WEB00039',
      '707200 C 100.00',
      '708520 C 10.00',
      '445755 C 5.50',
      '445720 C 2.00',
    ]);
  });

  it('books packaging and merges it with shipping on the same account and tax', () => {
    const entry = sale({
      lines: [standard],
      totals: {
        shippingTaxExcl: '10.00',
        shippingTaxIncl: '12.00',
        wrappingTaxExcl: '2.00',
        wrappingTaxIncl: '2.40',
      },
    });
    expect(lineSummary(entry)).toEqual([
      '411000 D 134.40 WEB00039',
      '707200 C 100.00',
      '708520 C 12.00',
      '445720 C 22.40',
    ]);
    const alone = sale({ lines: [standard], totals: { wrappingTaxExcl: '2.00', wrappingTaxIncl: '2.40' } });
    expect(lineSummary(alone)).toEqual([
      '411000 D 122.40 WEB00039',
      '707200 C 100.00',
      '708520 C 2.00',
      '445720 C 20.40',
    ]);
    expect(alone.lines[2]?.role).toBe('wrapping');
  });

  it('takes VAT from the <taxes> summary when present, else computes it', () => {
    const withSummary = sale({
      lines: [standard],
      totals: { paidTaxIncl: '119.99' },
      taxes: [{ name: 'TVA FR 20%', rate: a('20.000'), base: a('100.00'), amount: a('19.99') }],
    });
    expect(lineSummary(withSummary)).toEqual([
      '411000 D 119.99 WEB00039',
      '707200 C 100.00',
      '445720 C 19.99',
    ]);
    const computed = sale({ lines: [standard], totals: { paidTaxIncl: '119.99' } });
    expect(lineSummary(computed)).toEqual([
      '411000 D 119.99 WEB00039',
      '707200 C 100.00',
      '445720 C 20.00',
      '658000 D 0.01',
    ]);
  });

  it('merges lines on the same account and tax, and groups overridden lines by account and tax', () => {
    const entry = sale({
      lines: [
        { excl: '10.00', incl: '12.00' },
        { excl: '20.00', incl: '24.00' },
        { excl: '5.00', incl: '6.00', account: '706' },
        { excl: '7.00', incl: '8.40', account: '706' },
        { excl: '3.00', incl: '3.30', rate: '10', account: '706' },
      ],
    });
    expect(lineSummary(entry)).toEqual([
      '411000 D 53.70 WEB00039',
      '707200 C 30.00',
      '706000 C 12.00',
      '706000 C 3.00',
      '445720 C 8.40',
      '445710 C 0.30',
    ]);
  });

  it('omits zero-amount lines and books 0 % products without VAT', () => {
    const entry = sale({
      lines: [
        { excl: '0.00', incl: '0.00' },
        { excl: '40.00', incl: '40.00', rate: '0', taxName: 'Exonéré' },
      ],
    });
    expect(lineSummary(entry)).toEqual(['411000 D 40.00 WEB00039', '707100 C 40.00']);
    expect(entry.lines[1]?.taxCode).toBeUndefined();
  });

  it('books a negative fee line as a discount', () => {
    const entry = sale({ lines: [standard, { excl: '-5.00', incl: '-6.00' }] });
    expect(lineSummary(entry)).toEqual([
      '411000 D 114.00 WEB00039',
      '707200 C 100.00',
      '709000 D 5.00',
      '445720 C 19.00',
    ]);
  });

  it('refuses totals that contradict the lines', () => {
    const attempt = () => book({ lines: [standard], totals: { productsTaxExcl: '110.00' } });
    expect(attempt).toThrow(DocumentError);
    expect(attempt).toThrow(/total_products_tax_excl/);
  });
});

describe('balance', () => {
  it('books a residual within the tolerance as a product deviation (credit)', () => {
    const booked = book({ lines: [standard], totals: { paidTaxIncl: '120.03' } });
    expect(lineSummary(booked.entries[0]!)).toEqual([
      '411000 D 120.03 WEB00039',
      '707200 C 100.00',
      '445720 C 20.00',
      '758000 C 0.03',
    ]);
    expect(booked.notes.join('\n')).toMatch(/deviation 0.03/);
  });

  it('books a negative residual as a charge deviation (debit)', () => {
    const entry = sale({ lines: [standard], totals: { paidTaxIncl: '119.97' } });
    expect(lineSummary(entry)).toEqual([
      '411000 D 119.97 WEB00039',
      '707200 C 100.00',
      '445720 C 20.00',
      '658000 D 0.03',
    ]);
  });

  it('refuses a residual beyond the tolerance, naming the figures', () => {
    let error: unknown;
    try {
      book({ lines: [standard], totals: { paidTaxIncl: '120.20' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DocumentError);
    const problem = (error as DocumentError).problem;
    expect(problem).toContain('total paid 120.20 but lines add up to 120.00 (products 100.00, VAT 20.00)');
    expect(problem).toContain('difference 0.20');
    expect((error as DocumentError).document).toBe('order 6');
  });

  it('lets the first product line or the first VAT line absorb the difference', () => {
    const settings = formatFranceAccounting();
    settings.rounding.difference = 'first-product';
    expect(lineSummary(sale({ lines: [standard], totals: { paidTaxIncl: '120.03' } }, settings))).toEqual([
      '411000 D 120.03 WEB00039',
      '707200 C 100.03',
      '445720 C 20.00',
    ]);
    settings.rounding.difference = 'first-tax';
    expect(lineSummary(sale({ lines: [standard], totals: { paidTaxIncl: '119.97' } }, settings))).toEqual([
      '411000 D 119.97 WEB00039',
      '707200 C 100.00',
      '445720 C 19.97',
    ]);
  });
});

describe('currency', () => {
  it('converts every line by the rate and lets the deviation absorb the conversion rounding', () => {
    const doc = buildDocument({ lines: [standard], currencyCode: 'USD' });
    doc.currencyRate = a('1.3');
    const settings = formatFranceAccounting();
    settings.currency.createEntriesInCurrency = true;
    const entry = bookDocument(doc, settings, ctx).entries[0]!;
    expect(lineSummary(entry)).toEqual([
      '411000 D 92.31 WEB00039',
      '707200 C 76.92',
      '445720 C 15.38',
      '758000 C 0.01',
    ]);
    expect(entry.lines.map((l) => l.currencyAmount?.toFixed(2))).toEqual([
      '120.00',
      '100.00',
      '20.00',
      '0.01',
    ]);
    expect(entry).toMatchObject({ currencyCode: 'USD' });
    expect(entry.currencyRate.toString()).toBe('1.3');
  });

  it('leaves currencyAmount unset unless the profile creates entries in currency', () => {
    const doc = buildDocument({ lines: [standard], currencyCode: 'USD' });
    doc.currencyRate = a('1.3');
    const entry = bookDocument(doc, formatFranceAccounting(), ctx).entries[0]!;
    expect(entry.lines.every((l) => l.currencyAmount === undefined)).toBe(true);
    expect(entry.currencyCode).toBe('USD');
  });
});

describe('entry options', () => {
  it('uses the invoice date and number when asked, falling back to the order', () => {
    const settings = formatFranceAccounting();
    settings.sales.entryDate = 'invoice';
    settings.sales.pieceNumber = 'invoice-number';
    const invoiced = sale(
      { lines: [standard], invoiceDate: '2024-03-17', invoiceNumber: 'FA000123' },
      settings,
    );
    expect(invoiced).toMatchObject({ date: '2024-03-17', pieceDate: '2024-03-17', pieceNumber: 'FA000123' });
    const plain = sale({ lines: [standard] }, settings);
    expect(plain).toMatchObject({ date: '2024-03-15', pieceNumber: '6' });
    settings.sales.entryDate = 'today';
    expect(sale({ lines: [standard] }, settings)).toMatchObject({
      date: '2024-05-01',
      pieceDate: '2024-03-15',
    });
  });

  it('resolves the journal by country and uses the delivery country when asked', () => {
    const settings = formatFranceAccounting();
    settings.journals.exceptions.push({ key: { country: 'BE' }, value: { sales: 'VBE' } });
    settings.customers.countryFrom = 'delivery';
    const doc = buildDocument({ lines: [standard] });
    doc.deliveryAddress = { ...doc.invoiceAddress!, countryIso: 'BE' };
    expect(bookDocument(doc, settings, ctx).entries[0]).toMatchObject({
      journal: 'VBE',
      journalLabel: 'VBE',
    });
  });
});
