// For shop APIs without an invoice-date filter (WooCommerce, Shopify): the query is widened
// on the server's side and each order is kept or left out here, once normalised, by the
// date that booking uses as its invoice date.
import type { DocumentQuery, ListedDocument } from './connector.js';
import { inPeriod } from './json-api.js';

/**
 * Whether a listed order is in the query's period by its invoice date, else its order date
 * (header.ts books an order without invoice date on its order date). An order that could
 * not be normalised is judged by `rawOrderDate`, so that its error is reported only when
 * the order belongs to the period.
 */
export function inInvoicePeriod(
  listed: ListedDocument,
  rawOrderDate: string | undefined,
  query: Pick<DocumentQuery, 'from' | 'to'>,
): boolean {
  const date = listed.ok ? (listed.document.invoiceDate ?? listed.document.orderDate) : rawOrderDate;
  return date === undefined || date === '' || inPeriod(date, query);
}
