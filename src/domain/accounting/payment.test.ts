import { describe, expect, it } from 'vitest';
import { formatFranceAccounting } from '../presets/format-france.js';
import type { AccountingSettings } from '../profile.js';
import { bookDocument } from './book.js';
import { a, buildDocument, lineSummary, type DocumentSpec } from './testing.js';

const ctx = { today: '2024-05-01' };
const standard = { excl: '100.00', incl: '120.00' };

function book(spec: DocumentSpec, settings: AccountingSettings = formatFranceAccounting()) {
  return bookDocument(buildDocument({ lines: [standard], ...spec }), settings, ctx);
}

describe('bank entries', () => {
  it('debits the bank with the amount less the fee and the fee account with the fee', () => {
    const [, bank] = book({ payments: [{ name: 'Stripe', amount: '120.00', fee: '2.50' }] }).entries;
    expect(lineSummary(bank!)).toEqual(['512000 D 117.50', '627000 D 2.50', '411000 C 120.00 WEB00039']);
    // No payment date: the sale's entry date.
    expect(bank!.date).toBe('2024-03-15');
  });

  it('writes one bank entry per payment, after the sale, with each method mapping', () => {
    const settings = formatFranceAccounting();
    settings.payments.exceptions.push({
      key: { payment: 'Chèque' },
      value: { mode: 'CHQ', journal: 'BQ2', bankAccount: '5112' },
    });
    const booked = book(
      {
        payments: [
          { name: 'Carte bancaire', amount: '70.00', date: '2024-03-15' },
          { name: 'Chèque', amount: '50.00', date: '2024-03-20' },
        ],
      },
      settings,
    );
    expect(booked.entries.map((e) => `${e.kind} ${e.journal} ${e.date}`)).toEqual([
      'sale VTE 2024-03-15',
      'payment BQ1 2024-03-15',
      'payment BQ2 2024-03-20',
    ]);
    expect(lineSummary(booked.entries[2]!)).toEqual(['511200 D 50.00', '411000 C 50.00 WEB00039']);
    expect(booked.entries[2]!.lines.map((l) => l.paymentMode)).toEqual(['CHQ', 'CHQ']);
    expect(booked.entries[2]!.journalLabel).toBe('BQ2');
  });

  it('assumes one payment of the total on the order date from payment_name', () => {
    const booked = book({ paymentName: 'Carte bancaire' });
    expect(booked.entries).toHaveLength(2);
    expect(lineSummary(booked.entries[1]!)).toEqual(['512000 D 120.00', '411000 C 120.00 WEB00039']);
    expect(booked.entries[1]).toMatchObject({ date: '2024-03-15', journalLabel: 'Banque' });
    expect(booked.notes.some((n) => n.includes('assumed'))).toBe(true);
  });

  it('writes no bank entry without payments, or with an empty <payments>', () => {
    expect(book({}).entries).toHaveLength(1);
    expect(book({ paymentName: 'Carte bancaire', payments: [] }).entries).toHaveLength(1);
  });

  it('skips the bank entry when an exception row turns it off', () => {
    const settings = formatFranceAccounting();
    settings.payments.exceptions.push({ key: { payment: 'PayPal' }, value: { createBankEntry: false } });
    const booked = book(
      {
        payments: [
          { name: 'PayPal', amount: '100.00' },
          { name: 'Carte bancaire', amount: '20.00' },
        ],
      },
      settings,
    );
    expect(booked.entries.map((e) => e.kind)).toEqual(['sale', 'payment']);
    expect(lineSummary(booked.entries[1]!)).toEqual(['512000 D 20.00', '411000 C 20.00 WEB00039']);
    expect(booked.notes.some((n) => n.includes('PayPal'))).toBe(true);
  });

  it('converts payments in another currency without unbalancing them', () => {
    const doc = buildDocument({
      lines: [standard],
      payments: [{ name: 'CB', amount: '120.00', fee: '3.33' }],
    });
    doc.currencyRate = a('1.3');
    const bank = bookDocument(doc, formatFranceAccounting(), ctx).entries[1]!;
    // 120 / 1.3 = 92.31, 3.33 / 1.3 = 2.56; the bank takes the difference.
    expect(lineSummary(bank)).toEqual(['512000 D 89.75', '627000 D 2.56', '411000 C 92.31 WEB00039']);
  });
});
