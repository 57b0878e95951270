// `comptoir check-fec`: the rules of the tax administration's open-source tester (Test
// Compta Demat) for a FEC in text form (art. A47 A-1 LPF), plus the per-entry balance it
// does not check. Pure: lines in, problems out. The checker is fed line by line so a file
// of millions of lines is never held in memory; what it keeps is per journal and per entry.
import Big from 'big.js';
import type { Amount } from '../money.js';

export const FEC_COLUMNS = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'CompAuxNum',
  'CompAuxLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'EcritureLet',
  'DateLet',
  'ValidDate',
  'Montantdevise',
  'Idevise',
] as const;

type Column = (typeof FEC_COLUMNS)[number];

export type FecReason =
  | 'file-name'
  | 'empty-file'
  | 'separator'
  | 'header'
  | 'field-count'
  | 'mandatory'
  | 'date'
  | 'amount'
  | 'debit-and-credit'
  | 'auxiliary-pair'
  | 'currency-pair'
  | 'lettering-pair'
  | 'unbalanced'
  | 'order';

export interface FecProblem {
  /** 1-based; 0 for the file as a whole (its name). */
  line: number;
  reason: FecReason;
  message: string;
}

const MANDATORY: readonly Column[] = [
  'JournalCode',
  'JournalLib',
  'EcritureNum',
  'EcritureDate',
  'CompteNum',
  'CompteLib',
  'PieceRef',
  'PieceDate',
  'EcritureLib',
  'Debit',
  'Credit',
  'ValidDate',
];
const DATES: readonly Column[] = ['EcritureDate', 'PieceDate', 'ValidDate', 'DateLet'];
/** Amounts: digits, an optional sign and comma or dot decimals; no thousands separator. */
const AMOUNT = /^[-+]?\d+(?:[.,]\d+)?$/;
const FULL_YEAR_NAME = /^(\d{9})FEC(\d{8})\.txt$/i;

/** A real calendar date written YYYYMMDD. */
export function isFecDate(text: string): boolean {
  if (!/^\d{8}$/.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const month = Number(text.slice(4, 6));
  const day = Number(text.slice(6, 8));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}

/** A file whose name says "FEC" claims to be the full-year file: `<SIREN>FEC<closing date>.txt`. */
export function fileNameProblems(fileName: string): FecProblem[] {
  if (!/FEC/i.test(fileName)) return [];
  const match = FULL_YEAR_NAME.exec(fileName);
  if (match && isFecDate(match[2] ?? '')) return [];
  return [
    {
      line: 0,
      reason: 'file-name',
      message: `file name "${fileName}" is not <SIREN 9 digits>FEC<closing date YYYYMMDD>.txt`,
    },
  ];
}

interface OpenEntry {
  key: string;
  line: number;
  debit: Amount;
  credit: Amount;
}

export interface FecChecker {
  /** One line of the file, without its line break; `lineNumber` is 1-based. */
  line(text: string, lineNumber: number): void;
  /** Problems of the whole file (including those found line by line), in line order. Balances are judged here. */
  finish(): FecProblem[];
}

export function createFecChecker(fileName: string): FecChecker {
  const problems: FecProblem[] = [...fileNameProblems(fileName)];
  const report = (line: number, reason: FecReason, message: string): void => {
    problems.push({ line, reason, message });
  };
  let separator: string | undefined;
  let count = 0;
  let current: OpenEntry | undefined;
  /** Entries already left: an EcritureNum seen again later is out of place (and merged). */
  const closed = new Set<string>();
  /** Left unbalanced: judged at the end, since a stray line later may complete them. */
  const unbalanced = new Map<string, { line: number; debit: Amount; credit: Amount }>();
  /** A line that could not be read (wrong field count) makes every balance unknowable. */
  let unreadable = false;
  /** Per journal, the last entry's number and date, for the order rule. */
  const lastOfJournal = new Map<string, { num: string; date: string; line: number }>();

  function closeEntry(): void {
    if (!current) return;
    const { key, line, debit, credit } = current;
    if (debit.eq(credit)) unbalanced.delete(key);
    else unbalanced.set(key, { line, debit, credit });
    closed.add(key);
    current = undefined;
  }

  function header(text: string): void {
    separator = text.includes('\t') ? '\t' : text.includes('|') ? '|' : undefined;
    if (separator === undefined) {
      report(1, 'separator', 'the header line has neither tabs nor pipes between its fields');
      return;
    }
    const names = text.replace(/^\ufeff/, '').split(separator);
    if (names.length !== FEC_COLUMNS.length || names.some((name, i) => name !== FEC_COLUMNS[i])) {
      report(
        1,
        'header',
        `the header must be the 18 names ${FEC_COLUMNS.join(', ')}, in this order; it is ${names.join(', ')}`,
      );
    }
  }

  function amount(value: string, column: Column, n: number): Amount | undefined {
    if (!AMOUNT.test(value)) {
      report(
        n,
        'amount',
        `${column} "${value}" is not an amount (digits, comma decimals, no thousands separator)`,
      );
      return undefined;
    }
    return Big(value.replace(',', '.'));
  }

  function record(text: string, n: number): void {
    if (separator === undefined) return;
    const cells = text.split(separator);
    if (cells.length !== FEC_COLUMNS.length) {
      report(n, 'field-count', `${cells.length} fields instead of ${FEC_COLUMNS.length}`);
      unreadable = true;
      return;
    }
    const get = (column: Column): string => cells[FEC_COLUMNS.indexOf(column)]?.trim() ?? '';
    for (const column of MANDATORY) if (get(column) === '') report(n, 'mandatory', `${column} is empty`);
    for (const column of DATES) {
      const value = get(column);
      if (value !== '' && !isFecDate(value))
        report(n, 'date', `${column} "${value}" is not a real date written YYYYMMDD`);
    }
    if ((get('CompAuxNum') === '') !== (get('CompAuxLib') === '')) {
      report(n, 'auxiliary-pair', 'CompAuxNum and CompAuxLib go together: both filled or both empty');
    }
    if ((get('Montantdevise') === '') !== (get('Idevise') === '')) {
      report(n, 'currency-pair', 'Montantdevise and Idevise go together: both filled or both empty');
    }
    if ((get('EcritureLet') === '') !== (get('DateLet') === '')) {
      report(n, 'lettering-pair', 'EcritureLet and DateLet go together: both filled or both empty');
    }
    if (get('Montantdevise') !== '') amount(get('Montantdevise'), 'Montantdevise', n);
    const debit = get('Debit') === '' ? undefined : amount(get('Debit'), 'Debit', n);
    const credit = get('Credit') === '' ? undefined : amount(get('Credit'), 'Credit', n);
    if (debit && credit && !debit.eq(0) && !credit.eq(0)) {
      report(
        n,
        'debit-and-credit',
        `both Debit (${get('Debit')}) and Credit (${get('Credit')}) are filled; one of them must be 0`,
      );
    }
    entryLine(get('JournalCode'), get('EcritureNum'), get('EcritureDate'), n, debit, credit);
  }

  function entryLine(
    journal: string,
    num: string,
    date: string,
    n: number,
    debit?: Amount,
    credit?: Amount,
  ): void {
    const key = `${journal}\u0000${num}`;
    if (current?.key !== key) {
      closeEntry();
      if (closed.has(key)) {
        report(n, 'order', `the lines of entry ${num} of journal ${journal} are not together`);
        const before = unbalanced.get(key);
        current = {
          key,
          line: before?.line ?? n,
          debit: before?.debit ?? Big(0),
          credit: before?.credit ?? Big(0),
        };
        return addAmounts(debit, credit);
      }
      current = { key, line: n, debit: Big(0), credit: Big(0) };
      const last = lastOfJournal.get(journal);
      if (last && isFecDate(date) && isFecDate(last.date)) {
        if (date < last.date) {
          report(
            n,
            'order',
            `entry ${num} of journal ${journal} is dated ${date}, before entry ${last.num} (${last.date}, line ${last.line}): EcritureNum must increase with EcritureDate`,
          );
        } else if (/^\d+$/.test(num) && /^\d+$/.test(last.num) && Big(num).lt(Big(last.num))) {
          report(
            n,
            'order',
            `entry ${num} of journal ${journal} comes after entry ${last.num}: EcritureNum must increase within a journal`,
          );
        }
      }
      lastOfJournal.set(journal, { num, date, line: n });
    }
    addAmounts(debit, credit);
  }

  function addAmounts(debit?: Amount, credit?: Amount): void {
    if (!current) return;
    if (debit) current.debit = current.debit.plus(debit);
    if (credit) current.credit = current.credit.plus(credit);
  }

  return {
    line(text, lineNumber) {
      count++;
      if (count === 1) header(text);
      else record(text, lineNumber);
    },
    finish() {
      closeEntry();
      if (!unreadable) {
        for (const [key, { line, debit, credit }] of unbalanced) {
          const [journal = '', num = ''] = key.split('\u0000');
          report(
            line,
            'unbalanced',
            `entry ${num} of journal ${journal} is not balanced: debit ${debit.toFixed(2)}, credit ${credit.toFixed(2)}`,
          );
        }
      }
      if (count === 0) report(1, 'empty-file', 'the file is empty');
      else if (count === 1) report(1, 'empty-file', 'the file has a header but no entry');
      return [...problems].sort((a, b) => a.line - b.line);
    },
  };
}

/** Checks a whole FEC given as lines (without line breaks). */
export function checkFec(lines: Iterable<string>, fileName: string): FecProblem[] {
  const checker = createFecChecker(fileName);
  let n = 0;
  for (const text of lines) checker.line(text, ++n);
  return checker.finish();
}
