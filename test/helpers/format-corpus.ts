// One shared corpus of booked documents for the golden files of every predefined format
// (issue 4): accents, long names, a `;`, a `"`, a tab and a newline in text, amounts of
// a million and more, a zero-rate line, an order in another currency, and a bank entry
// dated before the sale it pays (booked after it), which FEC must renumber by date.
import Big from 'big.js';
import type { CustomerRecord, Entry, EntryLine } from '../../src/domain/entry.js';

type LineSpec = Partial<EntryLine> & Pick<EntryLine, 'role' | 'account'>;

function line(spec: LineSpec): EntryLine {
  return { accountLabel: '', label: '', debit: Big(0), credit: Big(0), ...spec };
}

const TRAP_NAME = 'Élodie Dupré-Lefèvre; "La Théière"\tet\nCie, société à responsabilité très limitée';
const dupre = { auxiliaryAccount: 'CDUPRE', auxiliaryLabel: TRAP_NAME } as const;
const smith = { auxiliaryAccount: 'CSMITH', auxiliaryLabel: "O'Brien & Smith Ltd" } as const;

const sale: Entry = {
  kind: 'sale',
  documentKey: 'order:1001',
  journal: 'VTE',
  journalLabel: 'Ventes',
  date: '2024-03-28',
  pieceNumber: 'FA-2024-000123',
  pieceDate: '2024-03-28',
  reference: 'CMD-1001',
  label: 'Facture FA-2024-000123 Dupré; "grand" compte',
  dueDate: '2024-04-27',
  currencyCode: 'EUR',
  currencyRate: Big(1),
  lines: [
    line({
      role: 'customer',
      account: '411000',
      accountLabel: 'Clients',
      ...dupre,
      debit: Big('1234667.89'),
      paymentMode: 'Virement',
    }),
    line({
      role: 'product',
      account: '707200',
      accountLabel: 'Ventes de marchandises avec TVA',
      label: 'Théières en fonte émaillée\tlot n°7',
      credit: Big('1028806.58'),
      taxCode: 'T20',
      taxRate: Big('20'),
      vatGrid: '08',
    }),
    line({
      role: 'product',
      account: '707100',
      accountLabel: 'Ventes de marchandises sans TVA',
      label: 'Livre « Le thé » (taux zéro)',
      credit: Big('100'),
      taxCode: 'EXO',
      taxRate: Big('0'),
    }),
    line({
      role: 'tax',
      account: '445720',
      accountLabel: 'TVA collectée 20 %',
      credit: Big('205761.31'),
      taxCode: 'T20',
      taxRate: Big('20'),
    }),
  ],
};

/** Paid on the 15th, before the invoice date: booked after the sale, dated before it. */
const payment: Entry = {
  kind: 'payment',
  documentKey: 'order:1001',
  journal: 'BQ1',
  journalLabel: 'Banque',
  date: '2024-03-15',
  pieceNumber: 'FA-2024-000123',
  pieceDate: '2024-03-28',
  reference: 'CMD-1001',
  label: 'Règlement CMD-1001',
  currencyCode: 'EUR',
  currencyRate: Big(1),
  lines: [
    line({
      role: 'bank',
      account: '512000',
      accountLabel: 'Banques',
      debit: Big('1234667.89'),
      paymentMode: 'Virement',
    }),
    line({
      role: 'customer',
      account: '411000',
      accountLabel: 'Clients',
      ...dupre,
      credit: Big('1234667.89'),
      paymentMode: 'Virement',
    }),
  ],
};

const dollars: Entry = {
  kind: 'sale',
  documentKey: 'order:1002',
  journal: 'VTE',
  journalLabel: 'Ventes',
  date: '2024-03-29',
  pieceNumber: '1002',
  pieceDate: '2024-03-29',
  reference: 'CMD-1002',
  label: 'Facture 1002',
  currencyCode: 'USD',
  currencyRate: Big('0.9221'),
  lines: [
    line({
      role: 'customer',
      account: '411000',
      accountLabel: 'Clients',
      ...smith,
      debit: Big('92.21'),
      currencyAmount: Big('100'),
    }),
    line({
      role: 'product',
      account: '707200',
      accountLabel: 'Ventes de marchandises avec TVA',
      label: 'Tea set',
      credit: Big('76.84'),
      currencyAmount: Big('-83.33'),
      taxCode: 'T20',
      taxRate: Big('20'),
      analyticSection: 'EXPORT',
    }),
    line({
      role: 'tax',
      account: '445720',
      accountLabel: 'TVA collectée 20 %',
      credit: Big('15.37'),
      currencyAmount: Big('-16.67'),
      taxCode: 'T20',
      taxRate: Big('20'),
    }),
  ],
};

const creditNote: Entry = {
  kind: 'creditnote',
  documentKey: 'creditnote:77',
  journal: 'AVO',
  journalLabel: 'Avoirs',
  date: '2024-03-30',
  pieceNumber: 'AV-77',
  pieceDate: '2024-03-30',
  reference: '',
  label: 'Avoir AV-77 — remise',
  currencyCode: 'EUR',
  currencyRate: Big(1),
  lines: [
    line({
      role: 'discount',
      account: '709000',
      accountLabel: 'Rabais, remises et ristournes accordés',
      debit: Big('10'),
    }),
    line({
      role: 'tax',
      account: '445720',
      accountLabel: 'TVA collectée 20 %',
      debit: Big('2'),
      taxCode: 'T20',
      taxRate: Big('20'),
    }),
    line({ role: 'customer', account: '411000', accountLabel: 'Clients', ...dupre, credit: Big('12') }),
  ],
};

/** The documents, each as booked (a document's entries are written together). */
export const CORPUS_DOCUMENTS: readonly (readonly Entry[])[] = [[sale, payment], [dollars], [creditNote]];

export const CORPUS_CUSTOMERS: readonly CustomerRecord[] = [
  {
    customerAccount: 'CDUPRE',
    accountingAccount: '411000',
    name: TRAP_NAME,
    company: 'La Théière',
    firstname: 'Élodie',
    lastname: 'Dupré-Lefèvre',
    address1: '12, rue de l\'Église; bât. "B"',
    address2: 'Escalier\t3\nporte gauche',
    postcode: '75004',
    city: 'Paris',
    countryIso: 'FR',
    email: 'elodie@example.fr',
    phone: '+33 1 23 45 67 89',
    vatNumber: 'FR12345678901',
  },
  {
    customerAccount: 'CSMITH',
    accountingAccount: '411000',
    name: "O'Brien & Smith Ltd",
    company: "O'Brien & Smith Ltd",
    firstname: 'Seán',
    lastname: "O'Brien",
    address1: '1 Main Street',
    address2: '',
    postcode: 'D02 X285',
    city: 'Dublin',
    countryIso: 'IE',
    email: 'sean@example.ie',
    phone: '',
    vatNumber: 'IE1234567T',
  },
];

/** The profile's account length the corpus is booked with. */
export const CORPUS_ACCOUNT_LENGTH = 8;
