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
  | 'literal'
  // Customers files (CustomerRecord). There, `auxiliaryAccount` is the customer account,
  // `account` its accounting (collective) account and `auxiliaryLabel` its name.
  | 'company'
  | 'firstname'
  | 'lastname'
  | 'address1'
  | 'address2'
  | 'postcode'
  | 'city'
  | 'countryIso'
  | 'email'
  | 'phone'
  | 'vatNumber';

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
  /**
   * Which end of a too-long text is kept (default 'first'). Quadratus keeps the last 10
   * characters of the piece reference: its distinctive part is the end.
   */
  take?: 'first' | 'last';
  /**
   * Amounts written as a whole number of hundredths without decimal separator
   * (Quadratus: 1234,50 → 123450). Default 'decimal': the format's decimals and separators.
   */
  amountStyle?: 'decimal' | 'cents';
  /**
   * Delimited layouts: pads a shorter value to this length with `pad` and `align`
   * (fixed layouts pad to `width` anyway). 'accountLength' is the profile's account length
   * (Cegid wants general accounts at that length).
   */
  minWidth?: number | 'accountLength';
  /** Quote this field or not, whatever `quoteAll` says (EBP quotes only label and piece). */
  quoted?: boolean;
  /** The field written when this one is empty (EBP: the due date, else the date again). */
  fallback?: FieldId;
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
  | 'utf-32le'
  | 'utf-32be';

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
  /**
   * What the package can import. Without customer accounts, auxiliary fields are left out
   * and `accountOrAuxiliary` is the general account; without currencies, VAT grids or
   * analytic, their fields are left out. "Left out": the column is dropped from a delimited
   * layout, written blank in a fixed one (a dropped column would shift the line).
   */
  flags: {
    customerAccounts: boolean;
    vatGrids: boolean;
    currencies: boolean;
    analytic: boolean;
  };
  fields: FieldSpec[];
  /**
   * A record written once per auxiliary account, before its first movement in the file, so
   * the package creates the account (Quadratus `C` lines). Its fields are resolved on that
   * first line. Only with `flags.customerAccounts`.
   */
  auxiliaryRecord?: { fields: FieldSpec[] };
  /**
   * The order entries are written and numbered in: 'date' (chronological), 'journal-date'
   * (by journal, then date), or 'input' (as booked, the default). Both sorted orders keep
   * EcritureNum increasing with EcritureDate within a journal, which FEC requires.
   */
  orderBy?: 'input' | 'date' | 'journal-date';
  /** 'customers': a customers file layout (fields from CustomerRecord). Default 'entries'. */
  kind?: 'entries' | 'customers';
  /** Id of the customers format that goes with this entries format (EBP, Sage, CSV). */
  customersFormat?: string;
}
