import { describe, expect, it } from 'vitest';
import type { SalesDocument } from '../document.js';
import { formatFranceAccounting } from '../presets/format-france.js';
import { bookDocument } from './book.js';
import { createReconciliation } from './reconciliation.js';
import { a, buildDocument } from './testing.js';

const ctx = { today: '2024-05-01' };
const settings = formatFranceAccounting();

function feed(docs: SalesDocument[]) {
  const rec = createReconciliation('EUR');
  for (const doc of docs) {
    rec.addBooked(bookDocument(doc, settings, ctx), {
      type: doc.type,
      totalPaidTaxIncl: doc.totals.paidTaxIncl,
      currencyRate: doc.currencyRate,
    });
  }
  return rec;
}

describe('reconciliation', () => {
  const sale = buildDocument({
    lines: [{ excl: '100.00', incl: '120.00' }],
    payments: [{ name: 'Carte', amount: '120.00', fee: '1.20', date: '2024-03-16' }],
  });
  const refund = buildDocument({
    type: 'CREDITNOTE',
    creditNoteKey: '3',
    creditNoteDate: '2024-04-02',
    lines: [{ excl: '10.00', incl: '12.00' }],
  });

  it('counts, totals per journal and account, and checks customer debits against the documents', () => {
    const rec = feed([sale, refund]);
    rec.addFailed('order 9', 'total paid 50.00 but lines add up to 40.00');
    rec.addIgnored('order 5', 'already transferred for this profile; ignored');
    rec.addIgnored('order 8', 'orders are not imported by this profile');
    const report = rec.report();
    expect(report.counts).toEqual({ read: 5, booked: 2, failed: 1, ignored: 2 });
    expect(report.failed).toEqual([
      { document: 'order 9', reason: 'total paid 50.00 but lines add up to 40.00' },
    ]);
    expect(report.ignored.map((i) => i.document)).toEqual(['order 5', 'order 8']);
    // Hand-computed: VTE 120 / 120; BQ1 118.80 + 1.20 / 120; AVO 12 / 12.
    expect(report.journals).toEqual([
      { journal: 'AVO', entries: 1, debit: '12.00', credit: '12.00' },
      { journal: 'BQ1', entries: 1, debit: '120.00', credit: '120.00' },
      { journal: 'VTE', entries: 1, debit: '120.00', credit: '120.00' },
    ]);
    expect(report.accounts).toEqual([
      { account: '411000', debit: '120.00', credit: '132.00' },
      { account: '445720', debit: '2.00', credit: '20.00' },
      { account: '512000', debit: '118.80', credit: '0.00' },
      { account: '627000', debit: '1.20', credit: '0.00' },
      { account: '707200', debit: '10.00', credit: '100.00' },
    ]);
    expect(report.total).toEqual({ debit: '252.00', credit: '252.00' });
    expect(report.sales).toEqual({ customer: '120.00', documents: '120.00', ok: true });
    expect(report.creditNotes).toEqual({ customer: '12.00', documents: '12.00', ok: true });
    expect(report.ok).toBe(true);
  });

  it('converts document totals to the book currency like the engine does', () => {
    const usd = buildDocument({ lines: [{ excl: '100.00', incl: '120.00' }], currencyCode: 'USD' });
    usd.currencyRate = a('1.3');
    const report = feed([usd]).report();
    expect(report.sales).toEqual({ customer: '92.31', documents: '92.31', ok: true });
  });

  it('flags a customer total that disagrees with the documents', () => {
    const rec = createReconciliation('EUR');
    const booked = bookDocument(sale, settings, ctx);
    rec.addBooked(booked, { type: 'ORDER', totalPaidTaxIncl: a('121.00') });
    const report = rec.report();
    expect(report.sales).toEqual({ customer: '120.00', documents: '121.00', ok: false });
    expect(report.ok).toBe(false);
  });

  it('reports an empty run as reconciled', () => {
    expect(createReconciliation('EUR').report()).toMatchObject({
      counts: { read: 0, booked: 0, failed: 0, ignored: 0 },
      total: { debit: '0.00', credit: '0.00' },
      ok: true,
    });
  });
});
