// Customers files (formats.md "Customers files"): one line per customer account, for the
// packages that import them apart from the entries (Quadratus has its C lines instead).
import type { FieldSpec, FormatDefinition } from '../definition.js';

const CUSTOMER_FIELDS: FieldSpec[] = [
  { field: 'auxiliaryAccount', header: 'Compte client' },
  { field: 'account', header: 'Compte comptable' },
  { field: 'auxiliaryLabel', header: 'Nom' },
  { field: 'address1', header: 'Adresse 1' },
  { field: 'address2', header: 'Adresse 2' },
  { field: 'postcode', header: 'Code postal' },
  { field: 'city', header: 'Ville' },
  { field: 'countryIso', header: 'Pays' },
  { field: 'email', header: 'E-mail' },
  { field: 'phone', header: 'Téléphone' },
  { field: 'vatNumber', header: 'N° TVA' },
];

const base = {
  kind: 'customers',
  extension: 'txt',
  encoding: 'windows-1252',
  layout: 'delimited',
  finalRecordSeparator: true,
  header: false,
  recordStart: '',
  recordEnd: '',
  decimals: 2,
  decimalSeparator: ',',
  thousandsSeparator: '',
  dateFormat: 'dd/MM/yyyy',
  transliterate: true,
  removeAccents: false,
  flags: { customerAccounts: true, vatGrids: false, currencies: false, analytic: false },
} as const satisfies Partial<FormatDefinition>;

export const ebpCustomers: FormatDefinition = {
  ...base,
  id: 'ebp-customers',
  name: 'EBP — clients',
  fieldSeparator: ',',
  recordSeparator: '\n',
  decimalSeparator: '.', // as in EBP's entries file; a comma is its field separator
  quote: '"',
  quoteAll: false,
  flags: { ...base.flags },
  // Accounts unquoted, like the entries file.
  fields: CUSTOMER_FIELDS.map((spec) =>
    spec.field.endsWith('ccount') ? { ...spec, quoted: false } : { ...spec },
  ),
};

export const sageCustomers: FormatDefinition = {
  ...base,
  id: 'sage-customers',
  name: 'Sage (Coala) — clients',
  fieldSeparator: ';',
  recordSeparator: '\n',
  quote: '',
  quoteAll: false,
  flags: { ...base.flags },
  fields: CUSTOMER_FIELDS.map((spec) => ({ ...spec })),
};

export const csvCustomers: FormatDefinition = {
  ...base,
  id: 'csv-customers',
  name: 'CSV générique — clients',
  extension: 'csv',
  fieldSeparator: ';',
  recordSeparator: '\r\n',
  quote: '"',
  quoteAll: true,
  header: true,
  flags: { ...base.flags },
  fields: CUSTOMER_FIELDS.map((spec) => ({ ...spec })),
};
