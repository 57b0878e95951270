// The accountant's profile: source, target and the accounting mapping.
// Mappings are a default plus an exceptions table (FEATURES.md §4); the resolution
// order is in domain/accounting/resolve.ts.

import type { Destination } from './delivery-destination.js';
export const ALL_COUNTRIES = 'ALLCOUNTRIES';
export const ALL_TAXES = 'ALLTAXES';

/**
 * The key columns of an exception row. `country` is an ISO code or ALLCOUNTRIES; `tax` is
 * a tax name as the shop names it, a rate ("5.5", "20") or ALLTAXES; `carrier` a carrier
 * name; `payment` a payment method as the shop names it.
 */
export interface ExceptionKey {
  country?: string;
  tax?: string;
  carrier?: string;
  payment?: string;
}

export interface ExceptionRow<T> {
  key: ExceptionKey;
  /** Values that differ from the default; the rest come from the default. */
  value: Partial<T>;
}

export interface Mapping<T> {
  default: T;
  exceptions: ExceptionRow<T>[];
}

export interface JournalCodes {
  sales: string;
  creditNotes: string;
}

export interface SalesAccounts {
  withVat: string;
  withoutVat: string;
  discountWithVat: string;
  discountWithoutVat: string;
}

export interface DeviationAccounts {
  chargeAdjustment: string;
  productAdjustment: string;
  chargeDeviation: string;
  productDeviation: string;
}

export interface TaxAccount {
  account: string;
  code: string;
  /** VAT grid (for formats that have one). */
  grid?: string;
}

export interface PaymentMapping {
  mode: string;
  journal: string;
  bankAccount: string;
  feeAccount: string;
  createBankEntry: boolean;
  /**
   * Sales accounts of the orders paid this way (a marketplace's own 7xx accounts); absent:
   * the sales accounts of the country and tax. A line's own account still wins.
   */
  salesWithVat?: string;
  salesWithoutVat?: string;
}

export interface CarrierAccounts {
  shippingWithVat: string;
  shippingWithoutVat: string;
  wrappingWithVat: string;
  wrappingWithoutVat: string;
}

export type AccountMode =
  | { mode: 'same'; account: string }
  | { mode: 'per-payment'; default: string; byPayment: Record<string, string> }
  | { mode: 'per-customer'; prefix: string; length: number };

export interface CustomerSettings {
  accountingAccount: AccountMode;
  customerAccount: AccountMode;
  guestAccountingAccount: string;
  guestCustomerAccount: string;
  removeAccents: boolean;
  upperCaseName: boolean;
  upperCaseAddress: boolean;
  /** Which address gives the country used by mappings. */
  countryFrom: 'invoice' | 'delivery';
}

export type RoundingLevel = 'unit' | 'line' | 'total';
export type DifferenceTarget = 'deviation' | 'first-product' | 'first-tax';

export type Decimals = 2 | 3 | 4;

export interface RoundingSettings {
  decimals: Decimals;
  level: RoundingLevel;
  difference: DifferenceTarget;
  /** Largest residual a deviation line may take, in the book currency (decimal string). */
  tolerance: string;
}

export interface SalesOptions {
  entryDate: 'order' | 'invoice' | 'today';
  pieceNumber: 'order-id' | 'invoice-number';
  reference: string;
  label: string;
}

export interface CreditNoteOptions {
  entryDate: 'order' | 'creditnote' | 'today';
  pieceNumber: 'order-id' | 'creditnote-number';
  reference: string;
  label: string;
}

export interface CurrencySettings {
  /** With a format that has currencies, each line also carries the document-currency amount and ISO code. */
  createEntriesInCurrency: boolean;
}

export interface AnalyticSettings {
  /** Product lines carry their analytic section (from the document) when the format allows analytic. */
  products: boolean;
  /** Section put on shipping and packaging lines; empty for none. */
  carrierSection: string;
}

export interface DueDateSettings {
  from: 'order' | 'invoice' | 'first-payment';
  days: number;
  /** Net (date + days) or end of month (then to the month's last day). */
  endOfMonth: boolean;
}

export interface AccountingSettings {
  /** Length of general accounts; shorter ones are right-padded with zeros (411 → 411000). */
  accountLength: number;
  bookCurrency: string;
  journals: Mapping<JournalCodes>;
  bankJournalLabel?: string;
  /** Journal code → label (FEC JournalLib). */
  journalLabels: Record<string, string>;
  /** Account or account prefix → label (FEC CompteLib); the longest prefix wins. */
  accountLabels: Record<string, string>;
  salesAccounts: Mapping<SalesAccounts>;
  deviationAccounts: Mapping<DeviationAccounts>;
  taxes: Mapping<TaxAccount>;
  payments: Mapping<PaymentMapping>;
  carriers: Mapping<CarrierAccounts>;
  customers: CustomerSettings;
  rounding: RoundingSettings;
  sales: SalesOptions;
  creditNotes: CreditNoteOptions;
  currency: CurrencySettings;
  analytic: AnalyticSettings;
  dueDate: DueDateSettings;
  /** Letter a sale with the bank entries that settle it exactly (accounting/lettering.ts). */
  lettering: boolean;
}

/** Where a profile's documents come from (the profile file's `source`, issue #5's shape). */
export type SourceSettings =
  | { type: 'dropfolder'; path: string }
  | { type: 'prestashop'; url: string; key: string }
  | { type: 'woocommerce'; url: string; consumerKey: string; consumerSecret: string }
  | { type: 'shopify'; url: string; accessToken: string };

export type DropFolderSource = Extract<SourceSettings, { type: 'dropfolder' }>;

export interface TargetSettings {
  /** Id of a predefined or user format. */
  entriesFormat: string;
  customersFormat?: string;
  /** File name templates, without extension (the format gives it). */
  entriesFileName: string;
  customersFileName: string;
  outbox: string;
}

/** Which documents a shop run reads (FEATURES.md §2, "Order selection"). */
export interface ImportSettings {
  /** Order states to import; empty: the states that mean "paid" on the shop. */
  states: string[];
  /** Shops of a multistore; empty: all. */
  shops: string[];
  /** Period of a run when none is given. */
  period: 'today' | 'yesterday' | 'last-7-days' | 'this-month' | 'last-month' | 'this-year';
  /** Which date the period applies to for sales. */
  dateField: 'order' | 'invoice';
  /** Credit notes: all, or only those of orders already transferred. */
  creditNotes: 'all' | 'transferred-orders';
  /** Payment method names beyond the shop's (marketplaces), offered in the mappings. */
  extraPaymentMethods: string[];
}

/** Where the files of a run go besides the outbox (FEATURES.md §6). */
export interface DeliverySettings {
  destinations: Destination[];
}

/** Mails about runs, through the appliance's SMTP settings (FEATURES.md §10). */
export interface NotificationSettings {
  recipients: string[];
  subject: string;
  onSuccess: boolean;
  onFailure: boolean;
}

export interface Profile {
  id: string;
  /** Schema version of the stored profile, for migrations. */
  version: number;
  name: string;
  source: SourceSettings;
  target: TargetSettings;
  accounting: AccountingSettings;
  features: { orders: boolean; creditNotes: boolean };
  import: ImportSettings;
  delivery: DeliverySettings;
  notifications: NotificationSettings;
  debug: boolean;
}

/**
 * Version of the stored shape; profile-migrations.ts brings older profiles up to it.
 * 2: source is `{ type, path | url + keys }` (was `{ kind, inbox | url }`).
 */
export const PROFILE_VERSION = 2;
