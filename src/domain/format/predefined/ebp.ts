// EBP (formats.md "EBP"): comma separated, no header, Windows-1252.
import type { FormatDefinition } from '../definition.js';

export const ebp: FormatDefinition = {
  id: 'ebp',
  name: 'EBP',
  extension: 'txt',
  encoding: 'windows-1252',
  layout: 'delimited',
  fieldSeparator: ',',
  recordSeparator: '\n',
  finalRecordSeparator: true,
  quote: '"',
  quoteAll: false,
  header: false,
  recordStart: '',
  recordEnd: '',
  decimals: 2,
  decimalSeparator: '.',
  thousandsSeparator: '',
  dateFormat: 'ddMMyyyy',
  transliterate: true,
  removeAccents: false,
  flags: { customerAccounts: true, vatGrids: false, currencies: false, analytic: false },
  fields: [
    { field: 'lineNumber', header: 'Ligne' },
    { field: 'date', header: 'Date' },
    { field: 'journalCode', header: 'Journal', quoted: false },
    // No width and no pad: EBP rejects accounts padded with zeros.
    { field: 'accountOrAuxiliary', header: 'Compte', quoted: false },
    { field: 'label', header: 'Libellé', width: 40 },
    { field: 'pieceNumber', header: 'Pièce', width: 15 },
    { field: 'amount', header: 'Montant' },
    { field: 'direction', header: 'Sens', quoted: false },
    { field: 'dueDate', header: 'Echéance', fallback: 'date' },
  ],
  customersFormat: 'ebp-customers',
};
