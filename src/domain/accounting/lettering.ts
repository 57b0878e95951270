// Lettering (lettrage, FEATURES.md §4): when a document's bank entries settle it exactly, its
// customer line and theirs get one lettering code and date, so the customer account arrives
// reconciled. A part-paid or unpaid sale stays unlettered: the accountant letters it later.
//
// Codes: AA, AB, … AZ, BA, … ZZ, then AAA … per customer account, as the packages number
// their own letterings (Quadratus has a 2-character column; FEC EcritureLet is free text).
// Uniqueness spans a file (and, later, the profile's runs), which one document cannot see, so
// booking stays pure by taking a `LetteringAllocator` from its caller: the pipeline makes one
// per file, and can seed it with the last code of each account kept in the store so that
// codes continue across runs. A code derived from the document (its piece number) was the
// other option, but it is long, and a column that cuts it would letter unrelated lines together.
import type { IsoDate } from '../document.js';
import type { Entry, EntryLine } from '../entry.js';
import { sum } from '../money.js';

/** Gives the next unused lettering code of a customer account (see `letteringAccount`). */
export type LetteringAllocator = (account: string) => string;

/**
 * The account a package letters on: the auxiliary (customer) account when there is one, else
 * the general account. Quadratus writes that account in its single account column.
 */
export function letteringAccount(line: Pick<EntryLine, 'account' | 'auxiliaryAccount'>): string {
  return line.auxiliaryAccount || line.account;
}

const A = 'A'.charCodeAt(0);

/** AA → AB, AZ → BA, ZZ → AAA; anything that is not upper-case letters starts again at AA. */
export function nextLetteringCode(previous?: string): string {
  if (previous === undefined || !/^[A-Z]{2,}$/.test(previous)) return 'AA';
  const digits = [...previous].map((c) => c.charCodeAt(0) - A);
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === 25) digits[i--] = 0;
  if (i < 0) return 'A'.repeat(previous.length + 1);
  digits[i] = (digits[i] ?? 0) + 1;
  return String.fromCharCode(...digits.map((d) => d + A));
}

/** An allocator counting per account; `last` holds each account's last code already used (from the store). */
export function createLetteringAllocator(last: ReadonlyMap<string, string> = new Map()): LetteringAllocator {
  const current = new Map(last);
  return (account) => {
    const code = nextLetteringCode(current.get(account));
    current.set(account, code);
    return code;
  };
}

/** The later of two codes in allocation order (AZ < BA < ZZ < AAA); a malformed code loses. */
export function laterLetteringCode(a: string | undefined, b: string | undefined): string | undefined {
  const valid = (code: string | undefined): code is string => code !== undefined && /^[A-Z]{2,}$/.test(code);
  if (!valid(a)) return valid(b) ? b : a;
  if (!valid(b)) return a;
  if (a.length !== b.length) return a.length > b.length ? a : b;
  return a >= b ? a : b;
}

/** An allocator that also tells what it gave: the last code per account, for the store to keep. */
export interface RecordingLetteringAllocator {
  allocate: LetteringAllocator;
  /** Accounts that got a code from this allocator, with the last one each got. */
  allocated(): Record<string, string>;
}

export function createRecordingLetteringAllocator(
  last: ReadonlyMap<string, string> = new Map(),
): RecordingLetteringAllocator {
  const given = new Map<string, string>();
  const next = createLetteringAllocator(last);
  return {
    allocate: (account) => {
      const code = next(account);
      given.set(account, code);
      return code;
    },
    allocated: () => Object.fromEntries(given),
  };
}

interface Located {
  entry: number;
  index: number;
  line: EntryLine;
  /** The line is in a bank entry (payment or refund), not in the sale or credit note. */
  bank: boolean;
  date: IsoDate;
}

/** Customer lines grouped by their exact account pair (general + auxiliary). */
function customerGroups(entries: readonly Entry[]): Located[][] {
  const groups = new Map<string, Located[]>();
  entries.forEach((entry, e) =>
    entry.lines.forEach((line, index) => {
      if (line.role !== 'customer') return;
      const key = `${line.account}\u0000${line.auxiliaryAccount ?? ''}`;
      const bank = entry.kind === 'payment' || entry.kind === 'refund';
      const group = groups.get(key) ?? [];
      group.push({ entry: e, index, line, bank, date: entry.date });
      groups.set(key, group);
    }),
  );
  return [...groups.values()];
}

/** Lines of the sale (or credit note) and of a bank entry, whose debits and credits cancel out. */
function settles(group: readonly Located[]): boolean {
  if (!group.some((at) => at.bank) || !group.some((at) => !at.bank)) return false;
  const debit = sum(group.map((at) => at.line.debit));
  return debit.eq(sum(group.map((at) => at.line.credit)));
}

/**
 * The entries of one document (sale or credit note, then its bank entries) with the customer
 * lines lettered where they settle exactly on their account. Without an allocator (lettering
 * off, or a caller that writes no file) they are returned as they are.
 */
export function letterEntries(entries: Entry[], allocate: LetteringAllocator | undefined): Entry[] {
  if (!allocate) return entries;
  const groups = customerGroups(entries).filter(settles);
  if (groups.length === 0) return entries;
  const lettered = entries.map((entry) => ({ ...entry, lines: [...entry.lines] }));
  for (const group of groups) {
    const code = allocate(letteringAccount(group[0]!.line));
    // The pair is complete on its latest date: the last payment's, or the sale's when it
    // was paid in advance; a lettering dated before one of its lines would not import.
    const date = group.reduce<IsoDate>((latest, at) => (at.date > latest ? at.date : latest), '');
    for (const at of group) {
      const lines = lettered[at.entry]!.lines;
      lines[at.index] = { ...at.line, lettering: code, letteringDate: date };
    }
  }
  return lettered;
}
