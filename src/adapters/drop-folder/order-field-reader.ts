// Reading the leaf fields of one element of an order: text, exact amounts and dates, each
// failure a DocumentError naming the document, the element path and the fix.
import { DocumentError } from '../../domain/errors.js';
import { parseAmountOrUndefined, type Amount, isNegative } from '../../domain/money.js';
import type { XmlNode } from './order-schema.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2}):(\d{2}))?$/;
/** Digits before the decimal point an amount may have (FEC and the accounting packages hold 13). */
const MAX_AMOUNT_DIGITS = 13;

function integerDigits(value: string): number {
  return (value.trim().split('.')[0] ?? '').replace(/^[+-]?0*/, '').length;
}

/** Reads the leaf fields of one element; `path` prefixes the field names in errors. */
export class FieldReader {
  /** Children by name, built on first use: a document reads ~100 fields of ~60 children. */
  private byName: Map<string, XmlNode[]> | undefined;

  constructor(
    private readonly node: XmlNode,
    private readonly path: string,
    private readonly document: string,
  ) {}

  /**
   * `code` and `params` let the pages say problem and fix in their language (field.* keys
   * in web/messages/*-journal.ts); `name` (the element) is always among the params.
   */
  fail(
    field: string,
    problem: string,
    fix: string,
    code?: string,
    params: Record<string, string> = {},
  ): never {
    throw new DocumentError(this.document, problem, {
      field: this.path + field,
      fix,
      ...(code && { code, params: { name: field, ...params } }),
    });
  }

  private children(name: string): XmlNode[] | undefined {
    if (!this.byName) {
      this.byName = new Map();
      for (const child of this.node.children) {
        const same = this.byName.get(child.name);
        if (same) same.push(child);
        else this.byName.set(child.name, [child]);
      }
    }
    return this.byName.get(name);
  }

  /** Trimmed text, or undefined when the element is absent. */
  raw(name: string): string | undefined {
    const found = this.children(name);
    if (found && found.length > 1) {
      this.fail(
        name,
        `<${name}> appears ${found.length} times`,
        `Keep a single <${name}> element`,
        'field.repeated',
        {
          count: String(found.length),
        },
      );
    }
    return found?.[0]?.text.trim();
  }

  /** Text, or undefined when absent or empty. */
  text(name: string): string | undefined {
    const value = this.raw(name);
    return value === '' ? undefined : value;
  }

  /** Text, '' when absent (contract fields that are plain strings). */
  textOrEmpty(name: string): string {
    return this.raw(name) ?? '';
  }

  /** An optional yes/no: 1 / true / 0 / false, absent or empty meaning no. */
  flag(name: string): boolean {
    const value = this.text(name)?.toLowerCase();
    if (value === undefined || value === '0' || value === 'false') return false;
    if (value === '1' || value === 'true') return true;
    return this.fail(
      name,
      `<${name}> is "${value}"`,
      `Write <${name}>1</${name}> or <${name}>0</${name}>`,
      'field.notFlag',
      { value },
    );
  }

  required(name: string): string {
    const value = this.text(name);
    if (value === undefined) this.missing(name);
    return value;
  }

  missing(name: string): never {
    return this.fail(
      name,
      `<${name}> is missing or empty`,
      `Add <${name}> to the document: it is required`,
      'field.missing',
    );
  }

  /** A non-negative exact decimal (order-xml.md: amounts are positive, credit notes too). */
  amount(name: string): Amount | undefined {
    const value = this.text(name);
    if (value === undefined) return undefined;
    const amount = parseAmountOrUndefined(value);
    if (amount === undefined) {
      this.fail(
        name,
        `"${value}" is not a decimal number`,
        'Write numbers with a dot as decimal separator and no thousands separator, e.g. 1234.50',
        'field.notAmount',
        { value },
      );
    }
    if (isNegative(amount)) {
      this.fail(
        name,
        `${value} is negative`,
        'Amounts are positive numbers: a credit note gives positive amounts back and discounts are positive too',
        'field.negative',
        { value },
      );
    }
    // Checked on the text, and only for long ones: the common case costs one comparison.
    if (value.length > MAX_AMOUNT_DIGITS && integerDigits(value) > MAX_AMOUNT_DIGITS) {
      const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
      this.fail(
        name,
        `${shown} is too large (more than ${MAX_AMOUNT_DIGITS} digits before the decimal point)`,
        'Check this amount in the shop: accounting files hold amounts up to 9,999,999,999,999.99',
        'field.tooLarge',
        { value: shown, digits: String(MAX_AMOUNT_DIGITS) },
      );
    }
    return amount;
  }

  requiredAmount(name: string): Amount {
    return this.amount(name) ?? this.missing(name);
  }

  /** A date, or undefined for absent, empty and 0000-00-00 (order-xml.md: "no date"). */
  date(name: string): { date: string; time?: string } | undefined {
    const value = this.text(name);
    if (value === undefined || /^0000-00-00( 00:00:00)?$/.test(value)) return undefined;
    const match = DATE.exec(value);
    const [, y, m, d, hh, mm, ss] = match ?? [];
    if (!match || !isCalendarDate(y, m, d) || (hh !== undefined && !isClockTime(hh, mm, ss))) {
      this.fail(
        name,
        `"${value}" is not a valid date`,
        'Write dates as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (a real calendar date); leave it empty or 0000-00-00 when there is none',
        'field.notDate',
        { value },
      );
    }
    const date = `${y}-${m}-${d}`;
    return hh === undefined ? { date } : { date, time: `${hh}:${mm}:${ss}` };
  }

  /** Children named `item` of the list element `name`, with their readers; undefined when absent. */
  list(name: string, item: string): FieldReader[] | undefined {
    if (this.raw(name) === undefined) return undefined;
    const list = this.children(name)?.[0] as XmlNode;
    return list.children
      .filter((child) => child.name === item)
      .map((child, i) => new FieldReader(child, `${this.path}${name}/${item}[${i + 1}]/`, this.document));
  }

  group(name: string): FieldReader | undefined {
    if (this.raw(name) === undefined) return undefined;
    const group = this.children(name)?.[0] as XmlNode;
    return new FieldReader(group, `${this.path}${name}/`, this.document);
  }
}

function isCalendarDate(y = '', m = '', d = ''): boolean {
  const year = Number.parseInt(y, 10);
  const month = Number.parseInt(m, 10);
  const day = Number.parseInt(d, 10);
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

function isClockTime(hh = '', mm = '', ss = ''): boolean {
  return Number.parseInt(hh, 10) <= 23 && Number.parseInt(mm, 10) <= 59 && Number.parseInt(ss, 10) <= 59;
}
