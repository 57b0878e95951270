// A payment method's own sales accounts (FEATURES.md §4 "Payments: … sales accounts"):
// orders paid through a marketplace go to its 7xx accounts; discounts, other methods and
// a line's own account are untouched.
import { expect, it } from 'vitest';
import { formatFranceAccounting } from '../presets/format-france.js';
import type { AccountingSettings } from '../profile.js';
import { bookDocument } from './book.js';
import { buildDocument, lineSummary, type DocumentSpec } from './testing.js';

const ctx = { today: '2024-05-01' };

function withMarketplace(): AccountingSettings {
  const settings = formatFranceAccounting();
  settings.payments.exceptions.push({
    key: { payment: 'Amazon' },
    value: { salesWithVat: '707300', salesWithoutVat: '707310' },
  });
  return settings;
}

function saleLines(spec: DocumentSpec): string[] {
  return lineSummary(bookDocument(buildDocument(spec), withMarketplace(), ctx).entries[0]!);
}

it('books the sales of an order paid through the marketplace on its accounts', () => {
  const lines = [
    { excl: '100.00', incl: '120.00' },
    { excl: '10.00', incl: '10.00', rate: '0.000' },
    { excl: '-5.00', incl: '-6.00' },
  ];
  expect(saleLines({ lines, paymentName: 'amazon' })).toEqual([
    '411000 D 124.00 WEB00039',
    '707300 C 100.00',
    '707310 C 10.00',
    '709000 D 5.00',
    '445720 C 19.00',
  ]);
  // Another method keeps the country and tax accounts.
  expect(saleLines({ lines, paymentName: 'Carte bancaire' })).toEqual([
    '411000 D 124.00 WEB00039',
    '707200 C 100.00',
    '707100 C 10.00',
    '709000 D 5.00',
    '445720 C 19.00',
  ]);
});

it('takes the first payment when the document names no method, and a line account still wins', () => {
  expect(
    saleLines({
      lines: [
        { excl: '50.00', incl: '60.00', account: '706500' },
        { excl: '50.00', incl: '60.00' },
      ],
      payments: [{ name: 'Amazon', amount: '120.00', date: '2024-03-16' }],
    }),
  ).toEqual(['411000 D 120.00 WEB00039', '706500 C 50.00', '707300 C 50.00', '445720 C 20.00']);
});
