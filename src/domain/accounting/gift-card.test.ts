// Gift cards sold are a liability, not a sale (accounting.md): their line goes to the product
// adjustment account, outside the VAT bases, and the journal says so.
import { expect, it } from 'vitest';
import { formatFranceAccounting } from '../presets/format-france.js';
import { bookDocument } from './book.js';
import { buildDocument, lineSummary } from './testing.js';

const ctx = { today: '2024-05-01' };

it('books a gift card line on the adjustment account and the rest as a sale', () => {
  const doc = buildDocument({
    lines: [
      { excl: '100.00', incl: '120.00' },
      { excl: '50.00', incl: '50.00', rate: '0.000', name: 'Carte cadeau', giftCard: true },
    ],
    payments: [{ name: 'Carte bancaire', amount: '170.00', date: '2024-03-16' }],
  });
  const booked = bookDocument(doc, formatFranceAccounting(), ctx);
  const sale = booked.entries[0]!;
  // 170.00 = 100.00 sale + 20.00 VAT + 50.00 gift card on 758000 (the preset's product
  // adjustment account); no sale without VAT for it.
  expect(lineSummary(sale)).toEqual([
    '411000 D 170.00 WEB00039',
    '707200 C 100.00',
    '758000 C 50.00',
    '445720 C 20.00',
  ]);
  expect(sale.lines.find((l) => l.account === '758000')?.taxCode).toBeUndefined();
  expect(booked.notes.join('\n')).toContain(
    'gift card "Carte cadeau" 50.00 booked on the adjustment account 758000',
  );
});

it('keeps a line of its own account on that account even when it is a gift card', () => {
  const doc = buildDocument({
    lines: [{ excl: '30.00', incl: '30.00', rate: '0.000', giftCard: true, account: '419100' }],
  });
  const sale = bookDocument(doc, formatFranceAccounting(), ctx).entries[0]!;
  expect(lineSummary(sale)).toEqual(['411000 D 30.00 WEB00039', '419100 C 30.00']);
});
