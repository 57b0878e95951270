// What the three normalisers share: reading amounts and dates from shop payloads, and the
// check that a normalised document agrees with itself before anything books it.
import { describeDocument, type Address, type SalesDocument } from '../../domain/document.js';
import { DocumentError } from '../../domain/errors.js';
import {
  amountFromInteger,
  isAmountText,
  parseAmount,
  round,
  sum,
  ZERO,
  type Amount,
} from '../../domain/money.js';
import type { ListedDocument } from './connector.js';

export const DOCUMENT_ERROR_CODE = 'shop-document';
const HUNDRED = amountFromInteger(100);
const CENT = parseAmount('0.01');

/** Text of a scalar payload value (numbers are already strings: see lossless-json.ts). */
export function str(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}

/** An amount from shop text; a missing or non-decimal value is a DocumentError naming the field. */
export function amountAt(value: unknown, field: string, document: string, fallback?: Amount): Amount {
  const text = str(value).trim();
  if (text === '' && fallback !== undefined) return fallback;
  if (!isAmountText(text)) {
    throw new DocumentError(document, `${field} "${text}" is not a decimal amount`, {
      field,
      code: DOCUMENT_ERROR_CODE,
      fix: 'Check this value in the shop; the document is not booked until it is a number.',
    });
  }
  return parseAmount(text);
}

/** `YYYY-MM-DD[ T]HH:MM:SS[offset]` as the shop wrote it (its local time); undefined for "never". */
export function shopDate(value: unknown): { date: string; time?: string } | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}:\d{2}:\d{2}))?/.exec(str(value).trim());
  if (!m || m[1] === undefined || m[1].startsWith('0000')) return undefined;
  return m[2] === undefined ? { date: m[1] } : { date: m[1], time: m[2] };
}

export function emptyAddress(): Address {
  return {
    company: '',
    firstname: '',
    lastname: '',
    address1: '',
    address2: '',
    postcode: '',
    city: '',
    state: '',
    countryIso: '',
    countryName: '',
    phone: '',
    vatNumber: '',
  };
}

/** A rate read from a line's own amounts, rounded to 0.1 % (enough for every EU rate). */
export function rateFromAmounts(excl: Amount, incl: Amount): Amount {
  if (excl.eq(0) || incl.eq(excl)) return ZERO;
  return round(incl.minus(excl).times(HUNDRED).div(excl), 1);
}

function isAmountOnlyCreditNote(doc: SalesDocument): boolean {
  const t = doc.totals;
  return (
    doc.type === 'CREDITNOTE' &&
    doc.lines.length === 0 &&
    [t.shippingTaxIncl, t.shippingTaxExcl, t.wrappingTaxIncl, t.wrappingTaxExcl].every((a) => a.eq(0))
  );
}

/**
 * The figures a shop gives must agree with each other within `tolerance`: lines with the
 * products totals, the parts with what the customer paid, each line's VAT with its rate,
 * the tax summary with the total tax. Otherwise the document is refused, never booked wrong.
 */
export function checkDocumentFigures(doc: SalesDocument, tolerance: Amount): void {
  const problems: { field: string; text: string }[] = [];
  const compare = (
    field: string,
    given: Amount,
    computed: Amount,
    how: string,
    allowance = tolerance,
  ): void => {
    if (given.minus(computed).abs().gt(allowance)) {
      problems.push({ field, text: `${field} ${given.toFixed(2)} but ${how} ${computed.toFixed(2)}` });
    }
  };
  const t = doc.totals;
  compare(
    'total_products_tax_excl',
    t.productsTaxExcl,
    sum(doc.lines.map((l) => l.totalPriceTaxExcl)),
    'the lines add up to',
  );
  compare(
    'total_products_tax_incl',
    t.productsTaxIncl,
    sum(doc.lines.map((l) => l.totalPriceTaxIncl)),
    'the lines add up to',
  );
  if (!isAmountOnlyCreditNote(doc)) {
    for (const side of ['Incl', 'Excl'] as const) {
      const parts = t[`productsTax${side}`]
        .minus(t[`discountsTax${side}`])
        .plus(t[`shippingTax${side}`])
        .plus(t[`wrappingTax${side}`]);
      const field = `total_paid_tax_${side.toLowerCase()}`;
      compare(field, t[`paidTax${side}`], parts, 'products − discounts + shipping + wrapping make');
    }
  }
  if (doc.taxes && doc.taxes.length > 0) {
    compare(
      'taxes',
      sum(doc.taxes.map((x) => x.amount)),
      t.paidTaxIncl.minus(t.paidTaxExcl),
      'total paid tax incl − excl is',
    );
  }
  for (const line of doc.lines) {
    if (line.taxRate.eq(0) || line.totalPriceTaxIncl.eq(line.totalPriceTaxExcl)) continue;
    const vat = line.totalPriceTaxIncl.minus(line.totalPriceTaxExcl);
    const expected = line.totalPriceTaxExcl.times(line.taxRate).div(HUNDRED);
    // Shops round VAT per unit or per line: one cent per unit is fair, more is a contradiction.
    const allowance = tolerance.plus(CENT.times(line.quantity.abs().gt(1) ? line.quantity.abs() : 1));
    if (vat.minus(expected).abs().gt(allowance)) {
      problems.push({
        field: 'order_line',
        text: `line "${line.productName}": VAT ${vat.toFixed(2)} but ${line.taxRate.toString()} % of ${line.totalPriceTaxExcl.toFixed(2)} is ${expected.toFixed(2)}`,
      });
    }
  }
  const first = problems[0];
  if (first) {
    throw new DocumentError(
      describeDocument(doc),
      `the shop's figures disagree: ${problems.map((p) => p.text).join('; ')}`,
      {
        field: first.field,
        code: DOCUMENT_ERROR_CODE,
        fix: 'Correct the document in the shop (lines, totals or taxes), then run again. It is not booked, so that nothing is booked wrong.',
      },
    );
  }
}

/** Runs one normaliser and its checks; any failure becomes { ok: false } for that document only. */
export function settle(id: string, normalise: () => SalesDocument, tolerance: Amount): ListedDocument {
  try {
    const document = normalise();
    checkDocumentFigures(document, tolerance);
    return { ok: true, document };
  } catch (cause) {
    if (cause instanceof DocumentError) return { ok: false, id, error: cause };
    const reason = cause instanceof Error ? cause.message : String(cause);
    return {
      ok: false,
      id,
      error: new DocumentError(
        id,
        `cannot be read: ${reason}`,
        {
          code: DOCUMENT_ERROR_CODE,
          fix: 'Check this document in the shop; if it looks right, report the problem with the document id.',
        },
        { cause },
      ),
    };
  }
}
