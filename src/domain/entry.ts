// Accounting entries: what the engine produces and the format engine writes.
import type { IsoDate } from './document.js';
import type { Amount } from './money.js';

export type EntryKind = 'sale' | 'payment' | 'creditnote' | 'refund';

export type LineRole =
  | 'customer'
  | 'product'
  | 'discount'
  | 'shipping'
  | 'wrapping'
  | 'tax'
  | 'deviation'
  | 'adjustment'
  | 'bank'
  | 'fee';

export interface EntryLine {
  role: LineRole;
  /** General account, at the profile's account length. */
  account: string;
  accountLabel: string;
  /** Customer (auxiliary) account, on customer lines. */
  auxiliaryAccount?: string;
  auxiliaryLabel?: string;
  label: string;
  /** Exactly one of debit / credit is non-zero; both are non-negative. */
  debit: Amount;
  credit: Amount;
  taxCode?: string;
  /** Percent. */
  taxRate?: Amount;
  paymentMode?: string;
  /** VAT grid of the line's tax (formats with VAT grids). */
  vatGrid?: string;
  analyticSection?: string;
  /** Amount in the document's currency, when it is not the book currency. */
  currencyAmount?: Amount;
  /** Lettering code and date, on customer lines the document's payments settle exactly (lettering.ts). */
  lettering?: string;
  letteringDate?: IsoDate;
}

export interface Entry {
  kind: EntryKind;
  /** Ledger identity of the document the entry comes from (document.ts documentKey). */
  documentKey: string;
  journal: string;
  journalLabel: string;
  date: IsoDate;
  pieceNumber: string;
  pieceDate: IsoDate;
  reference: string;
  label: string;
  dueDate?: IsoDate;
  /** Document currency (ISO 4217) and its rate to the book currency. */
  currencyCode: string;
  currencyRate: Amount;
  lines: EntryLine[];
}

/** The customer record a customers file is written from. */
export interface CustomerRecord {
  customerAccount: string;
  accountingAccount: string;
  name: string;
  company: string;
  firstname: string;
  lastname: string;
  address1: string;
  address2: string;
  postcode: string;
  city: string;
  countryIso: string;
  email: string;
  phone: string;
  vatNumber: string;
}

/** A note of booking: its English text, and its code (note.* in the pages' catalogues) with the values. */
export interface BookingNote {
  message: string;
  code: string;
  params: Record<string, string>;
}

/** What booking one document gives. */
export interface BookedDocument {
  documentKey: string;
  /** Human id, as in error logs ("order 6"). */
  document: string;
  entries: Entry[];
  /** Country the mappings were resolved by (ISO alpha-2): the VAT summary's country. */
  country?: string;
  customer?: CustomerRecord;
  /** Journal lines worth telling the user (gift cards on the adjustment account, deviations...), in English. */
  notes: string[];
  /** The same notes with a code and values, for the pages to say them in their language. */
  codedNotes?: BookingNote[];
}
