// Checks a format definition before anything is rendered with it, so the format editor can
// list every problem at once instead of failing on the first record.
import type { FormatDefinition } from './definition.js';

export function formatProblems(format: FormatDefinition): string[] {
  const problems: string[] = [];
  if (format.fields.length === 0) problems.push('the format has no field');
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
  format.fields.forEach((spec, index) => {
    const name = `field ${index + 1} (${spec.header ?? spec.field})`;
    if (spec.width !== undefined && (!Number.isInteger(spec.width) || spec.width < 1)) {
      problems.push(`${name}: the length must be a whole number of at least 1`);
    }
    if (!delimited && spec.width === undefined) {
      problems.push(`${name}: a fixed-width format needs a length for every field`);
    }
    if (spec.pad !== undefined && Array.from(spec.pad).length !== 1) {
      problems.push(`${name}: the pad character must be exactly one character`);
    }
  });
  return problems;
}
