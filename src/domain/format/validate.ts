// Checks a format definition before anything is rendered with it, so the format editor can
// list every problem at once instead of failing on the first record.
import iconv from 'iconv-lite';
import type { FieldSpec, FormatDefinition } from './definition.js';
import { iconvName } from './encode.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]$/;

function fieldProblems(spec: FieldSpec, name: string, fixed: boolean): string[] {
  const problems: string[] = [];
  if (spec.width !== undefined && (!Number.isInteger(spec.width) || spec.width < 1)) {
    problems.push(`${name}: the length must be a whole number of at least 1`);
  }
  if (fixed && spec.width === undefined) {
    problems.push(`${name}: a fixed-width format needs a length for every field`);
  }
  if (spec.pad !== undefined && Array.from(spec.pad).length !== 1) {
    problems.push(`${name}: the pad character must be exactly one character`);
  } else if (fixed && spec.pad !== undefined && !PRINTABLE_ASCII.test(spec.pad)) {
    // A multi-byte pad could not fill a length counted in bytes exactly.
    problems.push(`${name}: in a fixed-width format the pad character must be plain ASCII`);
  }
  if (spec.take !== undefined && spec.take !== 'first' && spec.take !== 'last') {
    problems.push(`${name}: the kept part of a long text must be "first" or "last"`);
  }
  if (spec.amountStyle !== undefined && spec.amountStyle !== 'decimal' && spec.amountStyle !== 'cents') {
    problems.push(`${name}: the amount style must be "decimal" or "cents"`);
  }
  const min = spec.minWidth;
  if (min !== undefined && min !== 'accountLength' && (!Number.isInteger(min) || min < 1)) {
    problems.push(`${name}: the minimum length must be a whole number of at least 1 or "accountLength"`);
  }
  if (spec.fallback === 'literal') problems.push(`${name}: a fallback must be a field, not literal text`);
  if (spec.field === 'literal' && spec.text === undefined) {
    problems.push(`${name}: a literal field needs its text`);
  }
  return problems;
}

export function formatProblems(format: FormatDefinition): string[] {
  const problems: string[] = [];
  if (format.fields.length === 0) problems.push('the format has no field');
  if (!iconv.encodingExists(iconvName(format.encoding)))
    problems.push(`unknown encoding "${format.encoding}"`);
  if (!Number.isInteger(format.decimals) || format.decimals < 0 || format.decimals > 10) {
    problems.push('the number of decimals must be a whole number from 0 to 10');
  }
  if (format.decimalSeparator && format.decimalSeparator === format.thousandsSeparator) {
    problems.push('the decimal and thousands separators must differ');
  }
  const delimited = format.layout === 'delimited';
  const separator = format.fieldSeparator;
  // An unquoted amount containing the field separator would split into two columns.
  if (delimited && separator && !(format.quote && format.quoteAll)) {
    if (format.decimalSeparator === separator || format.thousandsSeparator === separator) {
      problems.push('amounts would contain the field separator: change a separator or quote every field');
    }
  }
  // UTF-7 writes a character in a number of bytes that depends on its neighbours.
  if (!delimited && format.encoding === 'utf-7')
    problems.push('a fixed-width format cannot be written in UTF-7');
  if (format.orderBy !== undefined && !['input', 'date', 'journal-date'].includes(format.orderBy)) {
    problems.push('the order of entries must be "input", "date" or "journal-date"');
  }
  format.fields.forEach((spec, index) => {
    problems.push(...fieldProblems(spec, `field ${index + 1} (${spec.header ?? spec.field})`, !delimited));
  });
  format.auxiliaryRecord?.fields.forEach((spec, index) => {
    const name = `account record field ${index + 1} (${spec.header ?? spec.field})`;
    problems.push(...fieldProblems(spec, name, !delimited));
  });
  if (format.auxiliaryRecord && format.auxiliaryRecord.fields.length === 0) {
    problems.push('the account record has no field');
  }
  return problems;
}
