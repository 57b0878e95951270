import { describe, expect, it } from 'vitest';
import { formatFranceAccounting } from '../presets/format-france.js';
import { bookDocument } from './book.js';
import { buildDocument, lineSummary, type DocumentSpec } from './testing.js';

const ctx = { today: '2024-05-01' };

function book(spec: DocumentSpec) {
  const doc = buildDocument({
    type: 'CREDITNOTE',
    creditNoteKey: '12',
    creditNoteNumber: 'AV000012',
    creditNoteDate: '2024-04-02',
    ...spec,
  });
  return bookDocument(doc, formatFranceAccounting(), ctx);
}

describe('credit note', () => {
  it('mirrors a sale: customer credit, products and VAT debit', () => {
    const booked = book({ lines: [{ excl: '50.00', incl: '60.00' }] });
    const [entry] = booked.entries;
    expect(lineSummary(entry!)).toEqual(['411000 C 60.00 WEB00039', '707200 D 50.00', '445720 D 10.00']);
    expect(entry).toMatchObject({
      kind: 'creditnote',
      journal: 'AVO',
      journalLabel: 'Avoirs',
      date: '2024-04-02',
      pieceNumber: '6',
      reference: 'Web 6 - Dupont',
      label: 'Credit 6 of 15/03/2024',
      documentKey: '1/creditnote/12',
    });
    expect(booked.document).toBe('credit note 12 of order 6');
  });

  it('books refunded shipping alone', () => {
    const [entry] = book({ totals: { shippingTaxExcl: '10.00', shippingTaxIncl: '12.00' } }).entries;
    expect(lineSummary(entry!)).toEqual(['411000 C 12.00 WEB00039', '708520 D 10.00', '445720 D 2.00']);
  });

  it('books a credit note without lines on the charge adjustment account', () => {
    const booked = book({ totals: { paidTaxIncl: '30.00' } });
    expect(lineSummary(booked.entries[0]!)).toEqual(['411000 C 30.00 WEB00039', '658000 D 30.00']);
    expect(booked.entries[0]!.lines[1]!.role).toBe('adjustment');
    expect(booked.notes.some((n) => n.includes('adjustment'))).toBe(true);
  });

  it('mirrors the deviation', () => {
    const [entry] = book({
      lines: [{ excl: '50.00', incl: '60.00' }],
      totals: { paidTaxIncl: '60.02' },
    }).entries;
    expect(lineSummary(entry!)).toEqual([
      '411000 C 60.02 WEB00039',
      '707200 D 50.00',
      '445720 D 10.00',
      '658000 D 0.02',
    ]);
  });

  it('gives a refund entry with the sides swapped', () => {
    const booked = book({
      lines: [{ excl: '50.00', incl: '60.00' }],
      payments: [{ name: 'Carte bancaire', amount: '60.00', date: '2024-04-03' }],
    });
    const refund = booked.entries[1]!;
    expect(lineSummary(refund)).toEqual(['512000 C 60.00', '411000 D 60.00 WEB00039']);
    expect(refund).toMatchObject({ kind: 'refund', journal: 'BQ1', date: '2024-04-03' });
  });

  it('never assumes a refund from payment_name', () => {
    expect(book({ lines: [{ excl: '50.00', incl: '60.00' }], paymentName: 'CB' }).entries).toHaveLength(1);
  });

  it('uses the credit-note number as piece when asked', () => {
    const settings = formatFranceAccounting();
    settings.creditNotes.pieceNumber = 'creditnote-number';
    settings.creditNotes.entryDate = 'order';
    const doc = buildDocument({
      type: 'CREDITNOTE',
      creditNoteKey: '12',
      creditNoteNumber: 'AV000012',
      lines: [{ excl: '50.00', incl: '60.00' }],
    });
    expect(bookDocument(doc, settings, ctx).entries[0]).toMatchObject({
      pieceNumber: 'AV000012',
      date: '2024-03-15',
    });
  });
});
