// Quadratus ASCII (formats.md "Quadratus"): fixed width, ASCII, a `C` line before the first
// movement of each customer account, then `M` lines of 231 characters.
import type { FieldSpec, FormatDefinition } from '../definition.js';

const blank = (width: number, header: string): FieldSpec => ({ field: 'literal', header, text: '', width });

export const quadratus: FormatDefinition = {
  id: 'quadratus',
  name: 'Quadratus (ASCII)',
  extension: 'txt',
  encoding: 'ascii',
  layout: 'fixed',
  fieldSeparator: '',
  recordSeparator: '\r\n',
  finalRecordSeparator: true,
  quote: '',
  quoteAll: false,
  header: false,
  recordStart: '',
  recordEnd: '',
  decimals: 2,
  decimalSeparator: ',',
  thousandsSeparator: '',
  dateFormat: 'ddMMyy',
  transliterate: true,
  removeAccents: true,
  flags: { customerAccounts: true, vatGrids: false, currencies: true, analytic: false },
  fields: [
    { field: 'literal', header: 'Type', text: 'M', width: 1 },
    { field: 'accountOrAuxiliary', header: 'Compte', width: 8 },
    { field: 'journalCode', header: 'Journal', width: 2 },
    { field: 'literal', header: 'Folio', text: '000', width: 3 },
    { field: 'date', header: 'Date', width: 6 },
    blank(1, 'Code libellé'),
    { field: 'label', header: 'Libellé', width: 20 },
    { field: 'direction', header: 'Sens', width: 1 },
    { field: 'literal', header: 'Signe', text: '+', width: 1 },
    { field: 'amount', header: 'Montant', width: 12, pad: '0', amountStyle: 'cents' },
    blank(8, 'Contrepartie'),
    { field: 'dueDate', header: 'Echéance', width: 6, whenEmpty: '000000' },
    { field: 'lettering', header: 'Lettrage', width: 2 },
    blank(3, 'Statistiques'),
    // Piece numbers end with their distinctive part: a cut keeps the end.
    { field: 'pieceNumber', header: 'Pièce', width: 5, take: 'last' },
    blank(10, 'Affaire'),
    blank(10, 'Quantité'),
    { field: 'pieceNumber', header: 'Pièce 8', width: 8, take: 'last' },
    { field: 'currencyCode', header: 'Devise', width: 3 },
    { field: 'journalCode', header: 'Journal 3', width: 3 },
    blank(3, 'Réservé'),
    { field: 'label', header: 'Libellé 30', width: 30 },
    { field: 'taxCode', header: 'Code TVA', width: 2 },
    { field: 'pieceNumber', header: 'Pièce 10', width: 10, take: 'last' },
    blank(10, 'Réservé 10'),
    { field: 'currencyAmount', header: 'Montant devise', width: 13, amountStyle: 'cents' },
    blank(12, 'Pièce jointe'),
    blank(38, 'Fin'),
  ],
  // formats.md gives the start of the C line and its collective account; the 59 blanks
  // between are Quadratus's alpha key and address fields, left for the package to fill.
  // Padded to 231 like the M lines, so every line of the file has one length.
  auxiliaryRecord: {
    fields: [
      { field: 'literal', header: 'Type', text: 'C', width: 1 },
      { field: 'auxiliaryAccount', header: 'Compte', width: 8 },
      { field: 'auxiliaryLabel', header: 'Nom', width: 30 },
      blank(59, 'Clé et adresse'),
      { field: 'account', header: 'Collectif', width: 8 },
      blank(125, 'Fin'),
    ],
  },
};
