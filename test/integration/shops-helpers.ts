// Shared by the shops-*.test.ts files: fast retry settings, draining a listing, booking.
import { expect } from 'vitest';
import type { ListedDocument, ShopConnector, DocumentQuery } from '../../src/adapters/shops/connector.js';
import { bookDocument } from '../../src/domain/accounting/book.js';
import type { SalesDocument } from '../../src/domain/document.js';
import { sum } from '../../src/domain/money.js';
import { formatFranceAccounting } from '../../src/domain/presets/format-france.js';

export const FAST = { timeoutMs: 2000, retries: 2, retryDelayMs: 10, maxDelayMs: 2000 };

export async function drain(connector: ShopConnector, query: DocumentQuery): Promise<ListedDocument[]> {
  const out: ListedDocument[] = [];
  for await (const item of connector.listDocuments(query)) out.push(item);
  return out;
}

export const okDocuments = (items: ListedDocument[]): SalesDocument[] =>
  items.flatMap((i) => (i.ok ? [i.document] : []));

/** Books every document with Format France and checks each entry balances on the shop's total. */
export function expectBooksBalanced(docs: SalesDocument[]): void {
  const settings = formatFranceAccounting();
  // Shopify and WooCommerce customer ids are longer than Format France's WEB + 5 digits.
  settings.customers.customerAccount = { mode: 'per-customer', prefix: 'WEB', length: 16 };
  for (const doc of docs) {
    const booked = bookDocument(doc, settings, { today: '2024-12-31' });
    const main = booked.entries[0]!;
    const debit = sum(main.lines.map((l) => l.debit));
    expect(debit.eq(sum(main.lines.map((l) => l.credit)))).toBe(true);
    expect(debit.toFixed(2)).toBe(doc.totals.paidTaxIncl.toFixed(2));
  }
}
