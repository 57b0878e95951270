// The format engine: entries → records (strings). Encoding into bytes is encode.ts's job;
// here each value is cleaned, made encodable, sized and quoted so that the record reads
// back exactly as the accounting package expects.
import type { CustomerRecord, Entry } from '../entry.js';
import { ConfigError } from '../errors.js';
import type { FieldSpec, FormatDefinition } from './definition.js';
import { FormatError } from './errors.js';
import { fieldAllowed, kindOf, resolveCustomerField, resolveField, type LineContext } from './fields.js';
import { createSizer } from './size.js';
import { cleanText, fitToEncoding, removeAccents } from './text.js';
import { formatProblems } from './validate.js';

export interface RendererOptions {
  /** Currency of the books (ISO 4217); currency columns are filled only for other currencies. */
  bookCurrency?: string;
  /** The profile's length of general accounts, for fields with `minWidth: 'accountLength'`. */
  accountLength?: number;
}

/** The auxiliary accounts that already have their record in the file (format.auxiliaryRecord). */
export interface AuxiliaryTracker {
  has(account: string): boolean;
  add(account: string): void;
}

export interface Renderer {
  /** The header record, or null when the format has none. */
  header(): string | null;
  /** One record per entry line, each wrapped in recordStart / recordEnd, without record separator. */
  entryRecords(entry: Entry, entryNumber: number): string[];
  /**
   * The auxiliary-account records (Quadratus `C` lines) the entry's lines need before them:
   * one per account `known` does not have yet, which is then added to it. [] when the format
   * has none.
   */
  auxiliaryRecords(entry: Entry, entryNumber: number, known: AuxiliaryTracker): string[];
  /**
   * The entry's records with the entry number left as a placeholder, for files numbered
   * after sorting (outbox.ts): rendering once and splicing the number in at the end writes
   * the same bytes as rendering again. `provisionalNumber` is checked now (a number the
   * column cannot hold fails here, as entryRecords would). `auxiliary`: the auxiliary-account
   * record of each account's first line, to write when the account is not known yet.
   */
  entryTemplates(entry: Entry, provisionalNumber: number): EntryTemplates;
  /** A template of entryTemplates with its entry number; `pieceNumber` for error messages. */
  fillEntryNumber(
    template: string,
    entryNumber: number,
    pieceNumber: string,
    kind?: 'line' | 'auxiliary',
  ): string;
}

export interface EntryTemplates {
  records: string[];
  auxiliary: { account: string; record: string }[];
}

export interface CustomerRenderer {
  header(): string | null;
  customerRecord(customer: CustomerRecord): string;
}

type Resolve<T> = (spec: FieldSpec, source: T) => string;
/** `template`: the line number to leave the entry number as a placeholder for (fillNumber). */
type RecordOf<T> = (source: T, where: string, template?: number) => string;

// Placeholder of an entry number: MARK, the column's index, SUB, the line number, MARK.
// Values never hold control characters (cleanText replaces them), so MARK is unambiguous.
const MARK = '\u0000';
const CELL_MEMO_LIMIT = 512;
const SUB = '\u0001';

/** What entry and customer records share: the format's strings made encodable, and cells. */
function createEngine(definition: FormatDefinition, options: RendererOptions) {
  const problems = formatProblems(definition);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `format "${definition.name}": ${p}`));

  const fixed = definition.layout === 'fixed';
  const fit = (text: string, field: string, where?: string): string =>
    fitToEncoding(definition.removeAccents ? removeAccents(text) : text, {
      encoding: definition.encoding,
      transliterate: definition.transliterate,
      field,
      ...(where === undefined ? {} : { where }),
    });
  const fitDate = (spec: FieldSpec): FieldSpec =>
    spec.dateFormat === undefined ? spec : { ...spec, dateFormat: fit(spec.dateFormat, 'date format') };

  // The format's own strings must be encodable too; fitted once here, not per record.
  const format: FormatDefinition = {
    ...definition,
    fieldSeparator: fit(definition.fieldSeparator, 'field separator'),
    recordStart: fit(definition.recordStart, 'record start'),
    recordEnd: fit(definition.recordEnd, 'record end'),
    quote: fixed ? '' : fit(definition.quote, 'quote'), // quotes would shift a fixed-width line
    decimalSeparator: fit(definition.decimalSeparator, 'decimal separator'),
    thousandsSeparator: fit(definition.thousandsSeparator, 'thousands separator'),
    dateFormat: fit(definition.dateFormat, 'date format'),
    fields: definition.fields.map(fitDate),
  };
  const separators = [definition.fieldSeparator, definition.recordSeparator];
  const sizer = createSizer(definition.encoding);

  function quote(value: string, quoted: boolean): string {
    const q = format.quote;
    if (!q || !quoted) return value;
    return q + value.split(q).join(q + q) + q;
  }

  /** A record builder over `fields`; `flagged`: the format's flags drop or blank columns. */
  function recordOf<T>(fields: FieldSpec[], resolve: Resolve<T>, flagged: boolean) {
    const columns = fields
      .map(fitDate)
      .map((spec) => {
        const name = spec.header ?? spec.field;
        const kind = kindOf(spec.field);
        const minWidth = spec.minWidth === 'accountLength' ? options.accountLength : spec.minWidth;
        return {
          spec,
          name,
          kind,
          text: kind === 'text',
          quoted: spec.quoted ?? (format.quoteAll || kind === 'text'),
          fallback: spec.fallback === undefined ? undefined : { ...spec, field: spec.fallback },
          // A field the flags rule out: no column when delimited, blanks when fixed.
          blank: flagged && !fieldAllowed(spec.field, format.flags),
          whenEmpty: fit(spec.whenEmpty ?? '', name),
          pad: fit(spec.pad ?? ' ', name),
          minWidth,
          // Numbers read best right-aligned in a fixed-width column.
          align: spec.align ?? (kind === 'text' ? 'left' : 'right'),
          /** Finished cells by raw value (see cell). */
          memo: new Map<string, string>(),
        };
      })
      .filter((column) => fixed || !column.blank);
    type Column = (typeof columns)[number];

    function size(column: Column, value: string, text: boolean, where: string): string {
      const width = column.spec.width;
      const target = fixed ? width : column.minWidth;
      if (width !== undefined && sizer.measure(value) > width) {
        // A cut label is still a label; a cut amount, number or date would be a wrong one.
        if (!text) {
          throw new FormatError(
            'format-overflow',
            `${where}: field ${column.name} is "${value}", longer than its length of ${width}`,
            column.name,
          );
        }
        const take = column.spec.take ?? 'first';
        const cut = sizer.cut(value, width, take);
        if (fixed) return sizer.pad(cut, width, column.pad, column.align);
        return take === 'first' ? cut.trimEnd() : cut.trimStart();
      }
      if (target === undefined) return value;
      return sizer.pad(value, target, column.pad, column.align);
    }

    function cell(column: Column, raw: string, where: string): string {
      if (!column.text) return computeCell(column, raw, where);
      // A cell depends on its column and raw value only, and text values repeat on every
      // line (journal, accounts and their labels, the entry label on each of its lines):
      // cleaning and fitting each once saves three regex scans per cell. A failure throws,
      // so is never memoized; the memo is bounded by starting over when full.
      const memo = column.memo;
      let value = memo.get(raw);
      if (value === undefined) {
        value = computeCell(column, raw, where);
        if (memo.size >= CELL_MEMO_LIMIT) memo.clear();
        memo.set(raw, value);
      }
      return value;
    }

    function computeCell(column: Column, raw: string, where: string): string {
      let value = column.blank ? '' : raw;
      if (column.text) {
        // A literal keeps its spaces: it may be deliberate blank filler.
        value = fit(cleanText(value, separators, column.spec.field !== 'literal'), column.name, where);
      }
      if (value === '' && !column.blank) value = column.whenEmpty;
      return quote(size(column, value, column.text, where), column.quoted);
    }

    function resolveColumn(column: Column, source: T): string {
      const value = resolve(column.spec, source);
      return value === '' && column.fallback ? resolve(column.fallback, source) : value;
    }

    /** Whether the column's value is the entry number (itself, or as the fallback of an empty field). */
    function isNumber(column: Column, source: T): boolean {
      if (column.spec.field === 'entryNumber') return true;
      return column.fallback?.field === 'entryNumber' && resolve(column.spec, source) === '';
    }

    const join = (cells: string[]): string =>
      format.recordStart + cells.join(format.fieldSeparator) + format.recordEnd;

    const build: RecordOf<T> = (source, where, template) =>
      join(
        columns.map((column, index) => {
          try {
            const raw = resolveColumn(column, source);
            const value = cell(column, raw, where);
            // The number is the only field that changes once the entries are sorted.
            const placeholder = template !== undefined && isNumber(column, source);
            return placeholder ? `${MARK}${index}${SUB}${template}${MARK}` : value;
          } catch (error) {
            if (error instanceof FormatError && error.code === 'format-date') {
              throw new FormatError(
                'format-date',
                `${where}: field ${column.name}: ${error.message}`,
                column.name,
                {
                  cause: error,
                },
              );
            }
            throw error;
          }
        }),
      );

    const header = (): string | null => {
      if (!format.header) return null;
      return join(
        columns.map((column) => {
          const name = fit(cleanText(column.name, separators), column.name, 'header');
          return quote(size(column, name, true, 'header'), column.spec.quoted ?? true);
        }),
      );
    };
    /** A record of `build(…, template)` with its number: the cells it would have had. */
    function fillNumber(record: string, entryNumber: number, pieceNumber: string): string {
      let at = record.indexOf(MARK);
      if (at === -1) return record;
      let out = '';
      let from = 0;
      while (at !== -1) {
        const end = record.indexOf(MARK, at + 1);
        const [index = '', line = ''] = record.slice(at + 1, end).split(SUB);
        const column = columns[Number(index)] as Column;
        const where = `piece ${pieceNumber} (entry ${entryNumber}), line ${line}`;
        out += record.slice(from, at) + cell(column, String(entryNumber), where);
        from = end + 1;
        at = record.indexOf(MARK, from);
      }
      return out + record.slice(from);
    }

    return { build, header, fillNumber };
  }

  return { format, recordOf };
}

export function createRenderer(definition: FormatDefinition, options: RendererOptions = {}): Renderer {
  const engine = createEngine(definition, options);
  const { format } = engine;
  const bookCurrency = (options.bookCurrency ?? 'EUR').toUpperCase();
  const resolve: Resolve<LineContext> = (spec, ctx) => resolveField(spec, format, ctx);
  const lines = engine.recordOf(format.fields, resolve, true);
  const auxiliary =
    format.auxiliaryRecord && format.flags.customerAccounts
      ? engine.recordOf(format.auxiliaryRecord.fields, resolve, false)
      : undefined;

  function contexts(entry: Entry, entryNumber: number): { ctx: LineContext; where: string }[] {
    const code = entry.currencyCode.toUpperCase();
    const foreign = code !== '' && code !== bookCurrency;
    return entry.lines.map((line, index) => ({
      ctx: { entry, line, entryNumber, lineNumber: index + 1, foreign },
      where: `piece ${entry.pieceNumber} (entry ${entryNumber}), line ${index + 1}`,
    }));
  }

  return {
    header: lines.header,
    entryRecords: (entry, entryNumber) =>
      contexts(entry, entryNumber).map(({ ctx, where }) => lines.build(ctx, where)),
    auxiliaryRecords(entry, entryNumber, known) {
      if (!auxiliary) return [];
      const records: string[] = [];
      for (const { ctx, where } of contexts(entry, entryNumber)) {
        const account = ctx.line.auxiliaryAccount;
        if (!account || known.has(account)) continue;
        records.push(auxiliary.build(ctx, where));
        known.add(account);
      }
      return records;
    },
    entryTemplates(entry, provisionalNumber) {
      const records: string[] = [];
      const auxiliaryRecords: EntryTemplates['auxiliary'] = [];
      const seen = new Set<string>();
      for (const { ctx, where } of contexts(entry, provisionalNumber)) {
        const account = ctx.line.auxiliaryAccount;
        if (auxiliary && account && !seen.has(account)) {
          seen.add(account);
          auxiliaryRecords.push({ account, record: auxiliary.build(ctx, where, ctx.lineNumber) });
        }
        records.push(lines.build(ctx, where, ctx.lineNumber));
      }
      return { records, auxiliary: auxiliaryRecords };
    },
    fillEntryNumber(template, number, pieceNumber, kind = 'line') {
      const columns = kind === 'auxiliary' ? auxiliary : lines;
      return columns ? columns.fillNumber(template, number, pieceNumber) : template;
    },
  };
}

/** Customers files (formats.md "Customers files"): one record per customer account. */
export function createCustomerRenderer(definition: FormatDefinition): CustomerRenderer {
  const engine = createEngine(definition, {});
  const records = engine.recordOf<CustomerRecord>(engine.format.fields, resolveCustomerField, false);
  return {
    header: records.header,
    customerRecord: (customer) => records.build(customer, `customer ${customer.customerAccount}`),
  };
}

type EntryOrder = NonNullable<FormatDefinition['orderBy']>;
type Sortable = Pick<Entry, 'journal' | 'date'>;

/** Entries in file (and numbering) order, as the format's `orderBy` says. */
export function orderEntries(format: FormatDefinition, entries: readonly Entry[]): readonly Entry[] {
  const order = format.orderBy ?? 'input';
  if (order === 'input') return entries;
  // Array.prototype.sort is stable: entries of one journal and day keep their booking order.
  return [...entries].sort((a, b) => compareEntries(order, a, b));
}

/** By date (ISO dates compare as text), after the journal code for 'journal-date'. */
export function compareEntries(order: EntryOrder, a: Sortable, b: Sortable): number {
  if (order === 'journal-date' && a.journal !== b.journal) return a.journal < b.journal ? -1 : 1;
  if (order !== 'input' && a.date !== b.date) return a.date < b.date ? -1 : 1;
  return 0;
}

/** Renders entries as one string (live preview, tests); files go through the outbox, which streams. */
export function renderText(
  format: FormatDefinition,
  entries: readonly Entry[],
  options: RendererOptions = {},
): string {
  const renderer = createRenderer(format, options);
  const records: string[] = [];
  const header = renderer.header();
  if (header !== null) records.push(header);
  const known = new Set<string>();
  orderEntries(format, entries).forEach((entry, index) => {
    records.push(...renderer.auxiliaryRecords(entry, index + 1, known));
    records.push(...renderer.entryRecords(entry, index + 1));
  });
  return joinRecords(format, records);
}

/** Renders customers as one string (live preview, tests). */
export function renderCustomersText(format: FormatDefinition, customers: readonly CustomerRecord[]): string {
  const renderer = createCustomerRenderer(format);
  const header = renderer.header();
  const records = header === null ? [] : [header];
  for (const customer of customers) records.push(renderer.customerRecord(customer));
  return joinRecords(format, records);
}

function joinRecords(format: FormatDefinition, records: string[]): string {
  const text = records.join(format.recordSeparator);
  return format.finalRecordSeparator && records.length > 0 ? text + format.recordSeparator : text;
}
