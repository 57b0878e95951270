// What the two JSON connectors share: the shop's message from an error body, and local
// date bounds of a query as the APIs want them.
import type { DocumentQuery } from './connector.js';
import { parseJsonLossless } from './lossless-json.js';

/** `{ message }` (WooCommerce) or `{ errors: "…" | {field: [..]} }` (Shopify). */
export function jsonMessage(body: string): string | undefined {
  try {
    const data = JSON.parse(body) as Record<string, unknown>;
    if (typeof data['message'] === 'string') return data['message'];
    const errors = data['errors'];
    if (typeof errors === 'string') return errors;
    if (errors && typeof errors === 'object') return JSON.stringify(errors);
  } catch {
    // Not JSON (an HTML error page): a short plain-text excerpt is more use than nothing.
    const text = body
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    return text ? text.slice(0, 120) : undefined;
  }
  return undefined;
}

export function parseBody(body: string): unknown {
  return parseJsonLossless(body);
}

/** Whether a shop-local date falls within the query's inclusive bounds. */
export function inPeriod(date: string, query: Pick<DocumentQuery, 'from' | 'to'>): boolean {
  return (!query.from || date >= query.from) && (!query.to || date <= query.to);
}
