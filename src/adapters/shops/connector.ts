// One interface for every shop (like Actual Budget's bank.interface.ts): each platform's
// quirks stay inside its connector, the pipeline only sees SalesDocuments.
import type { IsoDate, SalesDocument } from '../../domain/document.js';
import type { DocumentError } from '../../domain/errors.js';
import type { Amount } from '../../domain/money.js';
import type { SourceSettings } from '../../domain/profile.js';
import type { HttpOptions } from './http.js';
import { createPrestashopConnector } from './prestashop.js';
import { createShopifyConnector } from './shopify.js';
import { createWoocommerceConnector } from './woocommerce.js';

export type ShopPlatform = 'prestashop' | 'woocommerce' | 'shopify';

export interface ShopConfiguration {
  platform: ShopPlatform;
  /** Order states; `paid` when the shop says so (PrestaShop's flag). */
  orderStates: { key: string; name: string; paid?: boolean }[];
  /** The states imported by default (format-france.md "order states imported"). */
  defaultStates: string[];
  paymentMethods: { key: string; name: string; enabled?: boolean }[];
  carriers: { key: string; name: string }[];
  taxes: { key: string; name: string; rate: Amount; country?: string }[];
  countries: { key: string; isoCode: string; name: string }[];
  currencies: { key: string; isoCode: string; name: string; rate?: Amount }[];
  /** Shops of a multistore; one shop "1" otherwise. */
  shops: { key: string; name: string }[];
}

export interface DocumentQuery {
  kind: 'orders' | 'creditnotes';
  /** Inclusive, shop local dates: order date for sales, credit-note date for credit notes. */
  from?: IsoDate;
  to?: IsoDate;
  /** State keys as readConfiguration lists them; all states when absent. */
  states?: string[];
  shops?: string[];
  /**
   * Which date `from`/`to` apply to for orders (default `order`). `invoice`: PrestaShop
   * filters on invoice_date (an order without invoice is left out); WooCommerce and Shopify
   * have no invoice date filter, so they widen the API query and keep the orders whose
   * normalised invoice date (else order date, as booking does) is in the period.
   * Credit notes always use the credit-note date.
   */
  dateField?: 'order' | 'invoice';
}

export type ListedDocument =
  { ok: true; document: SalesDocument } | { ok: false; id: string; error: DocumentError };

export interface ShopConnector {
  readonly platform: ShopPlatform;
  /** Resolves when the URL answers and the key is accepted; throws ShopError otherwise. */
  testConnection(): Promise<void>;
  readConfiguration(): Promise<ShopConfiguration>;
  /**
   * Documents one at a time, oldest first. A document that cannot be normalised is
   * yielded as { ok: false } and the listing goes on; a ShopError (network, key, format)
   * ends the listing by throwing.
   */
  listDocuments(query: DocumentQuery): AsyncGenerator<ListedDocument>;
}

export interface ConnectorOptions extends HttpOptions {
  /** Largest difference accepted between a document's own figures; default "0.01". */
  tolerance?: string;
  /** Page size for list requests (each platform caps it); default 100. */
  pageSize?: number;
}

export type ShopSource = Exclude<SourceSettings, { type: 'dropfolder' }>;

export function createConnector(source: ShopSource, options: ConnectorOptions = {}): ShopConnector {
  switch (source.type) {
    case 'prestashop':
      return createPrestashopConnector(source, options);
    case 'woocommerce':
      return createWoocommerceConnector(source, options);
    case 'shopify':
      return createShopifyConnector(source, options);
  }
}
