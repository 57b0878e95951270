// A text format is data (FEATURES.md §5): the predefined formats and the ones a user
// designs in the format editor are the same kind of object, rendered by one engine.

/** The catalogue of fields a format can place on a line. */
export type FieldId =
  | 'entryNumber'
  | 'lineNumber'
  | 'date'
  | 'journalCode'
  | 'journalLabel'
  | 'account'
  | 'accountLabel'
  | 'auxiliaryAccount'
  | 'auxiliaryLabel'
  /** The auxiliary account when the line has one, else the general account (EBP). */
  | 'accountOrAuxiliary'
  | 'pieceNumber'
  | 'pieceDate'
  | 'reference'
  | 'label'
  /** Absolute amount, to be paired with `direction`. */
  | 'amount'
  | 'debit'
  | 'credit'
  /** D or C. */
  | 'direction'
  | 'taxCode'
  | 'taxRate'
  | 'vatGrid'
  | 'paymentMode'
  | 'dueDate'
  | 'currencyCode'
  | 'currencyRate'
  | 'currencyAmount'
  | 'analyticSection'
  | 'lettering'
  | 'letteringDate'
  | 'validationDate'
  /** Custom literal text (`text`). */
  | 'literal';

export interface FieldSpec {
  field: FieldId;
  /** Column name on the header line. */
  header?: string;
  /** For `literal`. */
  text?: string;
  /** Fixed-width layouts: the field's length; delimited layouts: a maximum length (truncated). */
  width?: number;
  align?: 'left' | 'right';
  /** Pad character for fixed width (default space). */
  pad?: string;
  /** Written when the value is empty (FEC: PieceRef `-`, EcritureLib `/`). */
  whenEmpty?: string;
  /** Overrides the format's date format for this field. */
  dateFormat?: string;
}

export type Encoding =
  | 'utf-8'
  | 'utf-8-bom'
  | 'windows-1252'
  | 'iso-8859-15'
  | 'iso-8859-1'
  | 'ascii'
  | 'utf-16le'
  | 'utf-16be'
  | 'utf-7'
  | 'utf-32le';

export interface FormatDefinition {
  id: string;
  name: string;
  /** File extension without the dot. */
  extension: string;
  encoding: Encoding;
  layout: 'delimited' | 'fixed';
  fieldSeparator: string;
  recordSeparator: string;
  /** Written after the last record too? FEC: no ("no empty line at the end"). */
  finalRecordSeparator: boolean;
  /** Field quote ('' for none); a quote inside a value is doubled. */
  quote: string;
  /** Quote every field, or only text fields. */
  quoteAll: boolean;
  header: boolean;
  recordStart: string;
  recordEnd: string;
  decimals: number;
  decimalSeparator: string;
  thousandsSeparator: string;
  /** Tokens: yyyy yy MM dd (e.g. yyyyMMdd, dd/MM/yyyy). */
  dateFormat: string;
  /** Replace characters the encoding cannot hold by their closest ASCII (é → e); else it is an error. */
  transliterate: boolean;
  /** Remove accents from text even when the encoding could hold them. */
  removeAccents: boolean;
  flags: {
    customerAccounts: boolean;
    vatGrids: boolean;
    currencies: boolean;
    analytic: boolean;
  };
  fields: FieldSpec[];
}
