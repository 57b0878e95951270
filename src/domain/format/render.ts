// The format engine: entries → records (strings). Encoding into bytes is encode.ts's job;
// here each value is cleaned, made encodable, sized and quoted so that the record reads
// back exactly as the accounting package expects.
import { ConfigError } from '../errors.js';
import type { Entry } from '../entry.js';
import type { FieldSpec, FormatDefinition } from './definition.js';
import { FormatError } from './errors.js';
import { kindOf, resolveField, type ValueKind } from './fields.js';
import { cleanText, fitToEncoding, removeAccents } from './text.js';
import { formatProblems } from './validate.js';

export interface RendererOptions {
  /** Currency of the books (ISO 4217); currency columns are filled only for other currencies. */
  bookCurrency?: string;
}

export interface Renderer {
  /** The header record, or null when the format has none. */
  header(): string | null;
  /** One record per entry line, each wrapped in recordStart / recordEnd, without record separator. */
  entryRecords(entry: Entry, entryNumber: number): string[];
}

interface Column {
  spec: FieldSpec;
  name: string;
  kind: ValueKind;
  whenEmpty: string;
  pad: string;
  align: 'left' | 'right';
}

export function createRenderer(definition: FormatDefinition, options: RendererOptions = {}): Renderer {
  const problems = formatProblems(definition);
  if (problems.length > 0) throw new ConfigError(problems.map((p) => `format "${definition.name}": ${p}`));

  const bookCurrency = (options.bookCurrency ?? 'EUR').toUpperCase();
  const fixed = definition.layout === 'fixed';
  const fit = (text: string, field: string, where?: string): string =>
    fitToEncoding(definition.removeAccents ? removeAccents(text) : text, {
      encoding: definition.encoding,
      transliterate: definition.transliterate,
      field,
      ...(where === undefined ? {} : { where }),
    });

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
    fields: definition.fields.map((spec) => ({
      ...spec,
      ...(spec.dateFormat === undefined ? {} : { dateFormat: fit(spec.dateFormat, 'date format') }),
    })),
  };
  const separators = [definition.fieldSeparator, definition.recordSeparator];
  const columns: Column[] = format.fields.map((spec) => {
    const name = spec.header ?? spec.field;
    const kind = kindOf(spec.field);
    return {
      spec,
      name,
      kind,
      whenEmpty: fit(spec.whenEmpty ?? '', name),
      pad: fit(spec.pad ?? ' ', name),
      // Numbers read best right-aligned in a fixed-width column.
      align: spec.align ?? (kind === 'text' ? 'left' : 'right'),
    };
  });

  function size(column: Column, value: string, kind: ValueKind, where: string): string {
    const width = column.spec.width;
    if (width === undefined) return value;
    const characters = Array.from(value);
    if (characters.length > width) {
      // A cut label is still a label; a cut amount, number or date would be a wrong one.
      if (kind !== 'text') {
        throw new FormatError(
          'format-overflow',
          `${where}: field ${column.name} is "${value}", longer than its length of ${width}`,
          column.name,
        );
      }
      const cut = characters.slice(0, width).join('');
      return fixed ? cut : cut.trimEnd();
    }
    if (!fixed) return value;
    const padding = column.pad.repeat(width - characters.length);
    if (column.align === 'left') return value + padding;
    // Zero padding goes after the sign: -0012,50, not 00-12,50.
    const sign = /^[-+]/.test(value) && column.pad === '0' ? value.charAt(0) : '';
    return sign + padding + value.slice(sign.length);
  }

  function quote(value: string, kind: ValueKind): string {
    const q = format.quote;
    if (!q || (!format.quoteAll && kind !== 'text')) return value;
    return q + value.split(q).join(q + q) + q;
  }

  function cell(column: Column, raw: string, where: string): string {
    let value = raw;
    if (column.kind === 'text') {
      // A literal keeps its spaces: it may be deliberate blank filler.
      value = fit(cleanText(value, separators, column.spec.field !== 'literal'), column.name, where);
    }
    if (value === '') value = column.whenEmpty;
    return quote(size(column, value, column.kind, where), column.kind);
  }

  const record = (cells: string[]): string =>
    format.recordStart + cells.join(format.fieldSeparator) + format.recordEnd;

  return {
    header() {
      if (!format.header) return null;
      return record(
        columns.map((column) => {
          const name = fit(cleanText(column.name, separators), column.name, 'header');
          return quote(size(column, name, 'text', 'header'), 'text');
        }),
      );
    },

    entryRecords(entry, entryNumber) {
      const code = entry.currencyCode.toUpperCase();
      const foreign = code !== '' && code !== bookCurrency;
      return entry.lines.map((line, index) => {
        const ctx = { entry, line, entryNumber, lineNumber: index + 1, foreign };
        const where = `piece ${entry.pieceNumber} (entry ${entryNumber}), line ${index + 1}`;
        return record(
          columns.map((column) => {
            try {
              return cell(column, resolveField(column.spec, format, ctx), where);
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
      });
    },
  };
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
  entries.forEach((entry, index) => records.push(...renderer.entryRecords(entry, index + 1)));
  const text = records.join(format.recordSeparator);
  return format.finalRecordSeparator && records.length > 0 ? text + format.recordSeparator : text;
}
