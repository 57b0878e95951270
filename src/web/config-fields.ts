// The profile configuration as data: which fields each section shows, of what kind, in
// basic or advanced mode. One generic form template renders them and config-apply.ts reads
// them back, so a new setting is one line here plus its label and help in the catalogues.
import type { Profile } from '../domain/profile.js';
import { SOURCE_SECRETS } from './profile-actions.js';

export type FieldKind =
  'text' | 'number' | 'checkbox' | 'select' | 'secret' | 'template' | 'list' | 'states' | 'format';

export interface FieldDef {
  path: string;
  kind: FieldKind;
  options?: readonly string[];
  /** Select values that are numbers in the profile (rounding decimals). */
  numeric?: boolean;
  /** Shown in advanced mode only. */
  advanced?: boolean;
  /** For kind 'format': which formats to offer ('' = none allowed for customers). */
  formatKind?: 'entries' | 'customers';
}

export type MappingName =
  'journals' | 'salesAccounts' | 'deviationAccounts' | 'taxes' | 'payments' | 'carriers';
export type KeyColumn = 'country' | 'tax' | 'carrier' | 'payment';

export interface MappingDef {
  name: MappingName;
  keys: readonly KeyColumn[];
  values: readonly { name: string; kind: 'text' | 'checkbox'; optional?: boolean }[];
}

const accounts4 = (names: string[]) => names.map((name) => ({ name, kind: 'text' as const }));

export const MAPPINGS: readonly MappingDef[] = [
  { name: 'journals', keys: ['country'], values: accounts4(['sales', 'creditNotes']) },
  {
    name: 'salesAccounts',
    keys: ['country', 'tax'],
    values: accounts4(['withVat', 'withoutVat', 'discountWithVat', 'discountWithoutVat']),
  },
  {
    name: 'deviationAccounts',
    keys: ['country'],
    values: accounts4(['chargeAdjustment', 'productAdjustment', 'chargeDeviation', 'productDeviation']),
  },
  {
    name: 'taxes',
    keys: ['country', 'tax'],
    values: [
      { name: 'account', kind: 'text' },
      { name: 'code', kind: 'text' },
      { name: 'grid', kind: 'text', optional: true },
    ],
  },
  {
    name: 'payments',
    keys: ['payment'],
    values: [
      ...accounts4(['mode', 'journal', 'bankAccount', 'feeAccount']),
      { name: 'createBankEntry', kind: 'checkbox' },
      { name: 'salesWithVat', kind: 'text', optional: true },
      { name: 'salesWithoutVat', kind: 'text', optional: true },
    ],
  },
  {
    name: 'carriers',
    keys: ['country', 'carrier'],
    values: accounts4(['shippingWithVat', 'shippingWithoutVat', 'wrappingWithVat', 'wrappingWithoutVat']),
  },
];

export function mappingDef(name: string): MappingDef | undefined {
  return MAPPINGS.find((m) => m.name === name);
}

/** The member states of the European Union, offered by "add all countries". */
export const EU_COUNTRIES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
]; // prettier-ignore

export const ACCOUNT_MODES = ['same', 'per-payment', 'per-customer'] as const;

function accountModeFields(which: 'accountingAccount' | 'customerAccount'): FieldDef[] {
  const base = `accounting.customers.${which}`;
  return [
    { path: `${base}.mode`, kind: 'select', options: ACCOUNT_MODES },
    { path: `${base}.account`, kind: 'text' },
    { path: `${base}.default`, kind: 'text' },
    { path: `${base}.prefix`, kind: 'text' },
    { path: `${base}.length`, kind: 'number' },
  ];
}

function sourceFields(profile: Profile): FieldDef[] {
  const type = profile.source.type;
  if (type === 'dropfolder') return [{ path: 'source.path', kind: 'text' }];
  return [
    { path: 'source.url', kind: 'text' },
    ...SOURCE_SECRETS[type].map((name): FieldDef => ({ path: `source.${name}`, kind: 'secret' })),
  ];
}

export const SECTIONS = ['profile', 'customers', 'options', 'import', 'notifications'] as const;
export type SectionId = (typeof SECTIONS)[number] | MappingName;

/** The fields of a section for this profile (the source fields depend on its type). */
export function sectionFields(section: SectionId, profile: Profile): FieldDef[] {
  switch (section) {
    case 'profile':
      return [
        { path: 'name', kind: 'text' },
        ...sourceFields(profile),
        { path: 'target.entriesFormat', kind: 'format', formatKind: 'entries' },
        { path: 'target.customersFormat', kind: 'format', formatKind: 'customers', advanced: true },
        { path: 'target.entriesFileName', kind: 'text', advanced: true },
        { path: 'target.customersFileName', kind: 'text', advanced: true },
        { path: 'target.outbox', kind: 'text' },
        { path: 'features.orders', kind: 'checkbox' },
        { path: 'features.creditNotes', kind: 'checkbox' },
        { path: 'debug', kind: 'checkbox', advanced: true },
      ];
    case 'customers':
      return [
        ...accountModeFields('accountingAccount'),
        ...accountModeFields('customerAccount'),
        { path: 'accounting.customers.guestAccountingAccount', kind: 'text' },
        { path: 'accounting.customers.guestCustomerAccount', kind: 'text' },
        { path: 'accounting.customers.removeAccents', kind: 'checkbox' },
        { path: 'accounting.customers.upperCaseName', kind: 'checkbox' },
        { path: 'accounting.customers.upperCaseAddress', kind: 'checkbox' },
        {
          path: 'accounting.customers.countryFrom',
          kind: 'select',
          options: ['invoice', 'delivery'],
          advanced: true,
        },
      ];
    case 'options':
      return [
        { path: 'accounting.accountLength', kind: 'number' },
        { path: 'accounting.sales.entryDate', kind: 'select', options: ['order', 'invoice', 'today'] },
        { path: 'accounting.sales.pieceNumber', kind: 'select', options: ['order-id', 'invoice-number'] },
        { path: 'accounting.sales.reference', kind: 'template' },
        { path: 'accounting.sales.label', kind: 'template' },
        {
          path: 'accounting.creditNotes.entryDate',
          kind: 'select',
          options: ['order', 'creditnote', 'today'],
        },
        {
          path: 'accounting.creditNotes.pieceNumber',
          kind: 'select',
          options: ['order-id', 'creditnote-number'],
        },
        { path: 'accounting.creditNotes.reference', kind: 'template' },
        { path: 'accounting.creditNotes.label', kind: 'template' },
        { path: 'accounting.rounding.decimals', kind: 'select', options: ['2', '3', '4'], numeric: true },
        {
          path: 'accounting.rounding.level',
          kind: 'select',
          options: ['unit', 'line', 'total'],
          advanced: true,
        },
        {
          path: 'accounting.rounding.difference',
          kind: 'select',
          options: ['deviation', 'first-product', 'first-tax'],
          advanced: true,
        },
        { path: 'accounting.rounding.tolerance', kind: 'text', advanced: true },
        { path: 'accounting.bookCurrency', kind: 'text' },
        { path: 'accounting.currency.createEntriesInCurrency', kind: 'checkbox', advanced: true },
        { path: 'accounting.analytic.products', kind: 'checkbox', advanced: true },
        { path: 'accounting.analytic.carrierSection', kind: 'text', advanced: true },
        { path: 'accounting.dueDate.from', kind: 'select', options: ['order', 'invoice', 'first-payment'] },
        { path: 'accounting.dueDate.days', kind: 'number' },
        { path: 'accounting.dueDate.endOfMonth', kind: 'checkbox' },
        { path: 'accounting.lettering', kind: 'checkbox', advanced: true },
      ];
    case 'import':
      return [
        { path: 'import.states', kind: 'states' },
        { path: 'import.shops', kind: 'list', advanced: true },
        {
          path: 'import.period',
          kind: 'select',
          options: ['today', 'yesterday', 'last-7-days', 'this-month', 'last-month', 'this-year'],
        },
        { path: 'import.dateField', kind: 'select', options: ['order', 'invoice'] },
        { path: 'import.creditNotes', kind: 'select', options: ['all', 'transferred-orders'] },
        { path: 'import.extraPaymentMethods', kind: 'list', advanced: true },
      ];
    case 'notifications':
      return [
        { path: 'notifications.recipients', kind: 'list' },
        { path: 'notifications.subject', kind: 'text' },
        { path: 'notifications.onSuccess', kind: 'checkbox' },
        { path: 'notifications.onFailure', kind: 'checkbox' },
      ];
    default: {
      const def = mappingDef(section);
      if (!def) return [];
      return def.values.map((v): FieldDef => ({
        path: `accounting.${def.name}.default.${v.name}`,
        kind: v.kind,
      }));
    }
  }
}

export function isSection(value: string): value is SectionId {
  return (SECTIONS as readonly string[]).includes(value) || mappingDef(value) !== undefined;
}

/** "accounting.taxes.exceptions.2.key.country" → "accounting.taxes.key.country": one label per column. */
export function labelKey(path: string): string {
  return `f.${path
    .replace(/\.exceptions\.\d+/, '')
    .replace(/\.(default|value)\./, '.')
    .replace(/\.\d+\./, '.')}`;
}

/** Which tab of the configuration pages shows a section. */
export function tabOf(section: SectionId): string {
  return mappingDef(section) ? 'entries' : section;
}

/** Destination fields rendered in the notifications tab, by kind. */
export const DESTINATION_FIELDS: Record<
  'ftp' | 'sftp' | 'mail',
  readonly { name: string; kind: FieldKind }[]
> = {
  ftp: [
    { name: 'host', kind: 'text' },
    { name: 'port', kind: 'number' },
    { name: 'user', kind: 'text' },
    { name: 'password', kind: 'secret' },
    { name: 'folder', kind: 'text' },
    { name: 'tls', kind: 'checkbox' },
  ],
  sftp: [
    { name: 'host', kind: 'text' },
    { name: 'port', kind: 'number' },
    { name: 'user', kind: 'text' },
    { name: 'password', kind: 'secret' },
    { name: 'folder', kind: 'text' },
  ],
  mail: [
    { name: 'to', kind: 'list' },
    { name: 'subject', kind: 'text' },
  ],
};
