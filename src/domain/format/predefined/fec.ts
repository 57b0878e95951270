// FEC, the French legal export (art. A47 A-1 LPF; formats.md "FEC"), as plain data.
import type { FormatDefinition } from '../definition.js';

export const fec: FormatDefinition = {
  id: 'fec',
  name: 'FEC (Fichier des Écritures Comptables)',
  extension: 'txt',
  encoding: 'utf-8',
  layout: 'delimited',
  fieldSeparator: '\t',
  recordSeparator: '\r\n',
  finalRecordSeparator: false, // "no empty line at the end"
  quote: '',
  quoteAll: false,
  header: true,
  recordStart: '',
  recordEnd: '',
  decimals: 2,
  decimalSeparator: ',',
  thousandsSeparator: '',
  dateFormat: 'yyyyMMdd',
  // UTF-8 holds everything; this matters only if the user switches to ISO 8859-15.
  transliterate: true,
  removeAccents: false,
  flags: { customerAccounts: true, vatGrids: false, currencies: true, analytic: false },
  // "EcritureNum increasing with EcritureDate within a journal": a sale's bank entry is
  // booked right after it but may be dated earlier, so entries are written and numbered in
  // date order, not booking order. Chronological (rather than by journal) is how a FEC is
  // read, and it satisfies the rule in every journal at once.
  orderBy: 'date',
  fields: [
    { field: 'journalCode', header: 'JournalCode' },
    { field: 'journalLabel', header: 'JournalLib' },
    { field: 'entryNumber', header: 'EcritureNum' },
    { field: 'date', header: 'EcritureDate' },
    { field: 'account', header: 'CompteNum' },
    { field: 'accountLabel', header: 'CompteLib' },
    { field: 'auxiliaryAccount', header: 'CompAuxNum' },
    { field: 'auxiliaryLabel', header: 'CompAuxLib' },
    { field: 'pieceNumber', header: 'PieceRef', whenEmpty: '-' },
    { field: 'pieceDate', header: 'PieceDate' },
    { field: 'label', header: 'EcritureLib', whenEmpty: '/' },
    { field: 'debit', header: 'Debit' },
    { field: 'credit', header: 'Credit' },
    { field: 'lettering', header: 'EcritureLet' },
    { field: 'letteringDate', header: 'DateLet' },
    { field: 'validationDate', header: 'ValidDate' },
    { field: 'currencyAmount', header: 'Montantdevise' },
    { field: 'currencyCode', header: 'Idevise' },
  ],
};
