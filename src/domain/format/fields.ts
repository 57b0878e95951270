// The field catalogue: what each FieldId means for one line of one entry.
import type { Amount } from '../money.js';
import { formatAmount } from '../money.js';
import type { CustomerRecord, Entry, EntryLine } from '../entry.js';
import type { FieldId, FieldSpec, FormatDefinition } from './definition.js';
import { formatDate } from './dates.js';

/** Numbers and dates are never cleaned, quoted only with quoteAll, and never truncated. */
export type ValueKind = 'text' | 'number' | 'date';

const KINDS: Record<FieldId, ValueKind> = {
  entryNumber: 'number',
  lineNumber: 'number',
  date: 'date',
  journalCode: 'text',
  journalLabel: 'text',
  account: 'text',
  accountLabel: 'text',
  auxiliaryAccount: 'text',
  auxiliaryLabel: 'text',
  accountOrAuxiliary: 'text',
  pieceNumber: 'text',
  pieceDate: 'date',
  reference: 'text',
  label: 'text',
  amount: 'number',
  debit: 'number',
  credit: 'number',
  direction: 'text',
  taxCode: 'text',
  taxRate: 'number',
  vatGrid: 'text',
  paymentMode: 'text',
  dueDate: 'date',
  currencyCode: 'text',
  currencyRate: 'number',
  currencyAmount: 'number',
  analyticSection: 'text',
  lettering: 'text',
  letteringDate: 'date',
  validationDate: 'date',
  literal: 'text',
  company: 'text',
  firstname: 'text',
  lastname: 'text',
  address1: 'text',
  address2: 'text',
  postcode: 'text',
  city: 'text',
  countryIso: 'text',
  email: 'text',
  phone: 'text',
  vatNumber: 'text',
};

/** The flag a field depends on: without it, the format has no such column. */
const FLAGGED: Partial<Record<FieldId, keyof FormatDefinition['flags']>> = {
  auxiliaryAccount: 'customerAccounts',
  auxiliaryLabel: 'customerAccounts',
  currencyCode: 'currencies',
  currencyRate: 'currencies',
  currencyAmount: 'currencies',
  vatGrid: 'vatGrids',
  analyticSection: 'analytic',
};

/** Whether the format's flags allow this field (customers formats are not flagged). */
export function fieldAllowed(field: FieldId, flags: FormatDefinition['flags']): boolean {
  const flag = FLAGGED[field];
  return flag === undefined || flags[flag];
}

export function kindOf(field: FieldId): ValueKind {
  return KINDS[field];
}

export interface LineContext {
  entry: Entry;
  line: EntryLine;
  entryNumber: number;
  /** 1-based within the entry. */
  lineNumber: number;
  /** The entry is in a currency other than the book currency. */
  foreign: boolean;
}

/** Decimals an amount actually has (1.0845 → 4), so rates and percentages lose nothing. */
function naturalDecimals(value: Amount): number {
  return Math.max(0, value.c.length - value.e - 1);
}

/** Rates and percentages: the format's separator, never fewer decimals than the value has. */
function formatExact(value: Amount, format: FormatDefinition): string {
  return formatAmount(value, {
    decimals: Math.max(format.decimals, naturalDecimals(value)),
    decimalSeparator: format.decimalSeparator,
    thousandsSeparator: '',
  });
}

/** An amount as the field asks: the format's decimals, or whole hundredths (no separator). */
function formatMoney(value: Amount, spec: FieldSpec, format: FormatDefinition): string {
  if (spec.amountStyle === 'cents') {
    return formatAmount(value.times(100), { decimals: 0, decimalSeparator: '', thousandsSeparator: '' });
  }
  return formatAmount(value, format);
}

function formatOptionalDate(value: string | undefined, spec: FieldSpec, format: FormatDefinition): string {
  return value ? formatDate(value, spec.dateFormat ?? format.dateFormat) : '';
}

/**
 * A lettering code longer than the format's lettering column would be cut, and a cut code
 * would letter unrelated lines together: such a line is left for the package to letter.
 */
function letteringOf(line: EntryLine, format: FormatDefinition): string | undefined {
  if (!line.lettering) return undefined;
  const width = format.fields.find((spec) => spec.field === 'lettering')?.width;
  return width === undefined || line.lettering.length <= width ? line.lettering : undefined;
}

/** The raw (uncleaned) text of a field for one line. */
export function resolveField(spec: FieldSpec, format: FormatDefinition, ctx: LineContext): string {
  const { entry, line } = ctx;

  switch (spec.field) {
    case 'entryNumber':
      return String(ctx.entryNumber);
    case 'lineNumber':
      return String(ctx.lineNumber);
    case 'date':
    case 'validationDate': // entries are validated when written (FEC ValidDate)
      return formatOptionalDate(entry.date, spec, format);
    case 'journalCode':
      return entry.journal;
    case 'journalLabel':
      return entry.journalLabel;
    case 'account':
      return line.account;
    case 'accountLabel':
      return line.accountLabel;
    case 'auxiliaryAccount':
      return line.auxiliaryAccount ?? '';
    case 'auxiliaryLabel':
      // Only on lines of an auxiliary account (FEC CompAuxLib goes with CompAuxNum).
      return line.auxiliaryAccount ? (line.auxiliaryLabel ?? '') : '';
    case 'accountOrAuxiliary':
      return (format.flags.customerAccounts && line.auxiliaryAccount) || line.account;
    case 'pieceNumber':
      return entry.pieceNumber;
    case 'pieceDate':
      return formatOptionalDate(entry.pieceDate, spec, format);
    case 'reference':
      return entry.reference;
    case 'label':
      // A line without its own label takes the entry's, rather than a placeholder.
      return line.label || entry.label;
    case 'amount':
      return formatMoney(line.debit.minus(line.credit).abs(), spec, format);
    case 'debit':
      return formatMoney(line.debit, spec, format);
    case 'credit':
      return formatMoney(line.credit, spec, format);
    case 'direction':
      return line.debit.lt(line.credit) ? 'C' : 'D';
    case 'taxCode':
      return line.taxCode ?? '';
    case 'taxRate':
      return line.taxRate ? formatExact(line.taxRate, format) : '';
    case 'vatGrid':
      return line.vatGrid ?? '';
    case 'paymentMode':
      return line.paymentMode ?? '';
    case 'dueDate':
      return formatOptionalDate(entry.dueDate, spec, format);
    case 'currencyCode':
      // With its amount or not at all (FEC: Montantdevise and Idevise go together); a
      // profile that does not book in currency gives lines no currency amount.
      return ctx.foreign && line.currencyAmount ? entry.currencyCode : '';
    case 'currencyRate':
      return ctx.foreign ? formatExact(entry.currencyRate, format) : '';
    case 'currencyAmount':
      return ctx.foreign && line.currencyAmount ? formatMoney(line.currencyAmount.abs(), spec, format) : '';
    case 'analyticSection':
      return line.analyticSection ?? '';
    case 'lettering':
      return letteringOf(line, format) ?? '';
    case 'letteringDate':
      return letteringOf(line, format) ? formatOptionalDate(line.letteringDate, spec, format) : '';
    case 'literal':
      return spec.text ?? '';
    default:
      return ''; // customer fields: only in customers files
  }
}

/** The raw text of a field of a customers file. */
export function resolveCustomerField(spec: FieldSpec, customer: CustomerRecord): string {
  switch (spec.field) {
    case 'auxiliaryAccount':
    case 'accountOrAuxiliary':
      return customer.customerAccount;
    case 'account':
      return customer.accountingAccount;
    case 'auxiliaryLabel':
    case 'accountLabel':
    case 'label':
      return customer.name;
    case 'company':
    case 'firstname':
    case 'lastname':
    case 'address1':
    case 'address2':
    case 'postcode':
    case 'city':
    case 'countryIso':
    case 'email':
    case 'phone':
    case 'vatNumber':
      return customer[spec.field];
    case 'literal':
      return spec.text ?? '';
    default:
      return ''; // entry fields have no value for a customer
  }
}
