// The normalised sales document: what the order XML reader and every shop connector
// produce, and what the accounting engine books (order-xml.md).
import type { Amount } from './money.js';

export type DocumentType = 'ORDER' | 'CREDITNOTE';

/** A calendar date `YYYY-MM-DD` (shop local time); the time of day, when given, is kept apart. */
export type IsoDate = string;

export interface Customer {
  /** Shop customer id; empty for a guest. */
  key: string;
  company: string;
  firstname: string;
  lastname: string;
  email: string;
  vatNumber: string;
  /** Overrides from the document, which win over the profile's settings. */
  accountingAccount?: string;
  customerAccount?: string;
}

export interface Address {
  company: string;
  firstname: string;
  lastname: string;
  address1: string;
  address2: string;
  postcode: string;
  city: string;
  state: string;
  /** ISO 3166 alpha-2, upper case. */
  countryIso: string;
  countryName: string;
  phone: string;
  vatNumber: string;
}

export interface OrderLine {
  productKey: string;
  productReference: string;
  productName: string;
  quantity: Amount;
  unitPriceTaxExcl?: Amount;
  unitPriceTaxIncl?: Amount;
  /** Line totals, after the line's own discount. */
  totalPriceTaxExcl: Amount;
  totalPriceTaxIncl: Amount;
  taxName: string;
  /** Percent, e.g. 20.000 */
  taxRate: Amount;
  /** Line discount, informational: the totals above are already net of it. */
  discountTaxExcl?: Amount;
  accountingAccount?: string;
  analyticSection?: string;
  /** A gift card sold: a liability, not a sale (accounting.md); booked on the adjustment account. */
  giftCard?: boolean;
}

export interface TaxSummary {
  name: string;
  rate: Amount;
  base: Amount;
  amount: Amount;
}

export interface Payment {
  name: string;
  date?: IsoDate;
  amount: Amount;
  /** What the payment provider kept. */
  fee?: Amount;
  currencyCode?: string;
  transactionId?: string;
}

export interface DocumentTotals {
  productsTaxExcl: Amount;
  productsTaxIncl: Amount;
  discountsTaxExcl: Amount;
  discountsTaxIncl: Amount;
  shippingTaxExcl: Amount;
  shippingTaxIncl: Amount;
  wrappingTaxExcl: Amount;
  wrappingTaxIncl: Amount;
  paidTaxExcl: Amount;
  paidTaxIncl: Amount;
}

export interface SalesDocument {
  type: DocumentType;
  /** Shop id in a multistore; "1" by default. */
  shopKey: string;
  orderKey: string;
  /** Required for a CREDITNOTE. */
  creditNoteKey?: string;
  /** quote_key, cart_key, return_key, zone_key, country_key: kept for reference. */
  refs: Record<string, string>;
  orderDate: IsoDate;
  /** `HH:MM:SS` when the document gave a time. */
  orderTime?: string;
  orderStatus?: string;
  /** Human order number; order_key when absent. */
  orderNumber: string;
  orderReference?: string;
  invoiceDate?: IsoDate;
  invoiceNumber?: string;
  creditNoteDate?: IsoDate;
  creditNoteNumber?: string;
  deliveryDate?: IsoDate;
  returnDate?: IsoDate;
  returnNumber?: string;
  dueDate?: IsoDate;
  paymentName?: string;
  currencyKey?: string;
  /** ISO 4217; EUR by default. */
  currencyCode: string;
  /** Rate of the document currency to the book currency; 1 by default. */
  currencyRate: Amount;
  carrierKey?: string;
  carrierName?: string;
  shippingTaxName?: string;
  shippingTaxRate?: Amount;
  wrappingTaxName?: string;
  wrappingTaxRate?: Amount;
  /** Zero when the document omits an optional total. */
  totals: DocumentTotals;
  customer: Customer;
  invoiceAddress?: Address;
  deliveryAddress?: Address;
  lines: OrderLine[];
  /** The `<taxes>` summary: authoritative when present. */
  taxes?: TaxSummary[];
  /** The `<payments>`; undefined when the element is absent. */
  payments?: Payment[];
}

/** Identity in the transfer ledger: unique per profile across shops and document types. */
export function documentKey(
  doc: Pick<SalesDocument, 'type' | 'shopKey' | 'orderKey' | 'creditNoteKey'>,
): string {
  return doc.type === 'ORDER'
    ? `${doc.shopKey}/order/${doc.orderKey}`
    : `${doc.shopKey}/creditnote/${doc.creditNoteKey ?? ''}`;
}

/** How a document is named to the user in journals and error logs. */
export function describeDocument(
  doc: Partial<Pick<SalesDocument, 'type' | 'shopKey' | 'orderKey' | 'creditNoteKey'>>,
): string {
  const shop = doc.shopKey && doc.shopKey !== '1' ? ` (shop ${doc.shopKey})` : '';
  if (doc.type === 'CREDITNOTE') {
    return `credit note ${doc.creditNoteKey ?? '?'} of order ${doc.orderKey ?? '?'}${shop}`;
  }
  return `order ${doc.orderKey ?? '?'}${shop}`;
}
