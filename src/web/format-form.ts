// The format editor's form: a FormatDefinition written out as fields and read back, the
// field list's buttons (add, remove, up, down), and the live preview on sample entries.
import { randomUUID } from 'node:crypto';
import type { Encoding, FieldId, FieldSpec, FormatDefinition } from '../domain/format/definition.js';
import { formatDate } from '../domain/format/dates.js';
import { renderCustomersText, renderText } from '../domain/format/render.js';
import { formatProblems } from '../domain/format/validate.js';
import { formatAmount, parseAmount } from '../domain/money.js';
import type { AccountingSettings } from '../domain/profile.js';
import type { FormBody } from './config-apply.js';
import { sampleEntries } from './sample-documents.js';
import { bookDocument } from '../domain/accounting/book.js';
import { sampleDocuments } from './sample-documents.js';

export const ENTRY_FIELDS: readonly FieldId[] = [
  'entryNumber', 'lineNumber', 'date', 'journalCode', 'journalLabel', 'account', 'accountLabel',
  'auxiliaryAccount', 'auxiliaryLabel', 'accountOrAuxiliary', 'pieceNumber', 'pieceDate', 'reference',
  'label', 'amount', 'debit', 'credit', 'direction', 'taxCode', 'taxRate', 'vatGrid', 'paymentMode',
  'dueDate', 'currencyCode', 'currencyRate', 'currencyAmount', 'analyticSection', 'lettering',
  'letteringDate', 'validationDate', 'literal',
]; // prettier-ignore

export const CUSTOMER_FIELDS: readonly FieldId[] = [
  'auxiliaryAccount', 'account', 'auxiliaryLabel', 'company', 'firstname', 'lastname', 'address1',
  'address2', 'postcode', 'city', 'countryIso', 'email', 'phone', 'vatNumber', 'literal',
]; // prettier-ignore

export const ENCODINGS: readonly Encoding[] = [
  'utf-8', 'utf-8-bom', 'windows-1252', 'iso-8859-15', 'iso-8859-1', 'ascii', 'utf-16le', 'utf-16be',
  'utf-7', 'utf-32le', 'utf-32be',
]; // prettier-ignore

export const RECORD_SEPARATORS = { crlf: '\r\n', lf: '\n', cr: '\r' } as const;

/** Control characters are typed as \t, \r, \n in the text inputs. */
export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n');
}

export function unescapeText(value: string): string {
  return value.replace(/\\([\\trn])/g, (_, c: string) => ({ t: '\t', r: '\r', n: '\n' })[c] ?? '\\');
}

function text(body: FormBody, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value : '';
}

function whole(value: string): number | undefined {
  return /^\s*\d+\s*$/.test(value) ? Number(value) : undefined;
}

function fieldIds(kind: FormatDefinition['kind']): readonly FieldId[] {
  return kind === 'customers' ? CUSTOMER_FIELDS : ENTRY_FIELDS;
}

function readField(body: FormBody, i: number, kind: FormatDefinition['kind']): FieldSpec | undefined {
  const base = `fields.${i}`;
  const field = text(body, `${base}.field`) as FieldId;
  if (!fieldIds(kind).includes(field)) return undefined;
  let extra: Partial<FieldSpec> = {};
  try {
    // Options the editor does not show (whenEmpty, take…) travel as JSON so they survive a save.
    extra = JSON.parse(text(body, `${base}.extra`) || '{}') as Partial<FieldSpec>;
  } catch {
    extra = {};
  }
  const spec: FieldSpec = { ...extra, field };
  const header = text(body, `${base}.header`);
  if (header !== '') spec.header = header;
  else delete spec.header;
  if (field === 'literal') spec.text = unescapeText(text(body, `${base}.text`));
  const width = whole(text(body, `${base}.width`));
  if (width !== undefined) spec.width = width;
  else delete spec.width;
  const align = text(body, `${base}.align`);
  if (align === 'left' || align === 'right') spec.align = align;
  else delete spec.align;
  const pad = text(body, `${base}.pad`);
  if (pad !== '') spec.pad = pad;
  else delete spec.pad;
  return spec;
}

/** The definition the form describes; formatProblems says what is wrong with it. */
export function readFormat(body: FormBody, base: FormatDefinition): FormatDefinition {
  const kind = base.kind;
  const count = Math.min(Number(text(body, 'fields.count')) || 0, 200);
  const fields: FieldSpec[] = [];
  for (let i = 0; i < count; i++) {
    const spec = readField(body, i, kind);
    if (spec) fields.push(spec);
  }
  const encoding = text(body, 'encoding') as Encoding;
  const record = text(body, 'recordSeparator') as keyof typeof RECORD_SEPARATORS;
  const orderBy = text(body, 'orderBy');
  const format: FormatDefinition = {
    ...base,
    name: text(body, 'name').trim() || base.name,
    extension: text(body, 'extension').trim().replace(/^\./, '') || 'txt',
    encoding: ENCODINGS.includes(encoding) ? encoding : base.encoding,
    layout: text(body, 'layout') === 'fixed' ? 'fixed' : 'delimited',
    fieldSeparator: unescapeText(text(body, 'fieldSeparator')),
    recordSeparator: RECORD_SEPARATORS[record] ?? '\r\n',
    finalRecordSeparator: 'finalRecordSeparator' in body,
    quote: text(body, 'quote'),
    quoteAll: 'quoteAll' in body,
    header: 'header' in body,
    recordStart: unescapeText(text(body, 'recordStart')),
    recordEnd: unescapeText(text(body, 'recordEnd')),
    decimals: whole(text(body, 'decimals')) ?? -1,
    decimalSeparator: text(body, 'decimalSeparator'),
    thousandsSeparator: text(body, 'thousandsSeparator'),
    dateFormat: text(body, 'dateFormat') || 'dd/MM/yyyy',
    transliterate: 'transliterate' in body,
    removeAccents: 'removeAccents' in body,
    flags: {
      customerAccounts: 'flags.customerAccounts' in body,
      vatGrids: 'flags.vatGrids' in body,
      currencies: 'flags.currencies' in body,
      analytic: 'flags.analytic' in body,
    },
    fields,
  };
  if (orderBy === 'input' || orderBy === 'date' || orderBy === 'journal-date') format.orderBy = orderBy;
  return format;
}

/** The buttons of the field list; false for an unknown action. */
export function applyFieldAction(format: FormatDefinition, action: string, body: FormBody): boolean {
  const fields = format.fields;
  if (action === 'add') {
    const field = text(body, 'newField') as FieldId;
    if (!fieldIds(format.kind).includes(field)) return true;
    const spec: FieldSpec = { field, header: field };
    if (field === 'literal') spec.text = '';
    if (format.layout === 'fixed') spec.width = 10;
    fields.push(spec);
    return true;
  }
  if (action === 'remove-all') {
    fields.splice(0);
    return true;
  }
  const match = /^(remove|up|down):(\d+)$/.exec(action);
  if (!match) return ['save', 'preview', 'save-as'].includes(action);
  const i = Number(match[2]);
  if (i >= fields.length) return true;
  const [spec] = fields.splice(i, 1);
  if (!spec) return true;
  if (match[1] === 'up') fields.splice(Math.max(0, i - 1), 0, spec);
  if (match[1] === 'down') fields.splice(Math.min(fields.length, i + 1), 0, spec);
  return true;
}

export function newUserFormat(from: FormatDefinition, name: string): FormatDefinition {
  return {
    ...structuredClone(from),
    id: `user-${randomUUID().slice(0, 8)}`,
    name: name.trim() || `${from.name} *`,
  };
}

export interface Preview {
  text: string;
  problems: string[];
  /** 1234.5 written with the format's decimals and separators. */
  amountExample: string;
  dateExample: string;
}

const PREVIEW_LINES = 12;

export function preview(format: FormatDefinition, accounting: AccountingSettings): Preview {
  const problems = formatProblems(format);
  let amountExample = '';
  let dateExample = '';
  try {
    amountExample = formatAmount(parseAmount('1234.5'), format);
    dateExample = formatDate('2025-03-14', format.dateFormat);
  } catch {
    // Shown as problems below when the options are unusable.
  }
  if (problems.length > 0) return { text: '', problems, amountExample, dateExample };
  try {
    const rendered =
      format.kind === 'customers'
        ? renderCustomersText(
            format,
            sampleDocuments().flatMap((doc) => {
              const booked = bookDocument(doc, accounting, { today: '2025-03-16' });
              return booked.customer ? [booked.customer] : [];
            }),
          )
        : renderText(format, sampleEntries(accounting), {
            accountLength: accounting.accountLength,
            bookCurrency: accounting.bookCurrency,
          });
    const lines = rendered.split(/\r\n|\n|\r/).slice(0, PREVIEW_LINES);
    return { text: lines.join('\n'), problems, amountExample, dateExample };
  } catch (error) {
    return { text: '', problems: [(error as Error).message], amountExample, dateExample };
  }
}
