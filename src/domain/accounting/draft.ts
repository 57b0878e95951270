// Lines under construction: signed amounts in the document's currency, then settled into
// book-currency lines that are merged, rounded, non-negative and non-zero.
import Big from 'big.js';
import type { EntryLine, LineRole } from '../entry.js';
import { round, ZERO, type Amount, ONE, isPositive, isZero } from '../money.js';
import { accountLabel } from './accounts.js';
import type { BookingScope } from './scope.js';

export type Side = 'debit' | 'credit';

export interface DraftLine {
  role: LineRole;
  account: string;
  side: Side;
  /** Signed, document currency; a negative amount moves the line to the other side. */
  amount: Amount;
  taxRate?: Amount;
  taxCode?: string;
  vatGrid?: string;
  analyticSection?: string;
  auxiliaryAccount?: string;
  auxiliaryLabel?: string;
  paymentMode?: string;
}

/** A settled line: `amount` in the book currency, `currencyAmount` in the document's, both ≥ 0. */
export interface BookLine extends DraftLine {
  currencyAmount: Amount;
}

// Divisions need their own constructor: Big's div rounds through the constructor's DP/RM.
// Truncating at 40 places and then rounding half-up is exact (a value ≥ x.xx5 stays ≥ x.xx5).
const Exact = Big();
Exact.DP = 40;
Exact.RM = Big.roundDown;

/** a / b rounded half-up to `decimals`, without touching the global Big settings. */
export function divRound(a: Amount, b: Amount, decimals: number): Amount {
  return new Big(round(new Exact(a).div(new Exact(b)), decimals));
}

export function opposite(side: Side): Side {
  return side === 'debit' ? 'credit' : 'debit';
}

function mergeKey(line: DraftLine): string {
  // One template rather than an array joined: it runs for every draft line of every document.
  const rate = line.taxRate?.toString() ?? '';
  return `${line.account}\u0000${line.side}\u0000${rate}\u0000${line.taxCode ?? ''}\u0000${line.vatGrid ?? ''}\u0000${line.analyticSection ?? ''}\u0000${line.auxiliaryAccount ?? ''}\u0000${line.paymentMode ?? ''}`;
}

/** Lines on the same account, side and tax become one, at the place of the first. */
export function mergeDrafts(drafts: DraftLine[]): DraftLine[] {
  const merged = new Map<string, DraftLine>();
  for (const line of drafts) {
    const key = mergeKey(line);
    const existing = merged.get(key);
    if (existing) existing.amount = existing.amount.plus(line.amount);
    else merged.set(key, { ...line });
  }
  return [...merged.values()];
}

/** Rounds a signed document-currency amount and converts it to the book currency. */
export function convert(value: Amount, scope: BookingScope): { amount: Amount; currencyAmount: Amount } {
  const currencyAmount = round(value, scope.decimals);
  const amount = scope.rate.eq(ONE) ? currencyAmount : divRound(currencyAmount, scope.rate, scope.decimals);
  return { amount, currencyAmount };
}

/** Signed lines → non-negative lines: a negative amount moves to the other side; zeros are dropped. */
export function normalizeLines(lines: readonly BookLine[]): BookLine[] {
  return lines.flatMap((line) => {
    if (isZero(line.amount)) return [];
    if (isPositive(line.amount)) return [line];
    return [
      {
        ...line,
        side: opposite(line.side),
        amount: line.amount.abs(),
        currencyAmount: line.currencyAmount.abs(),
      },
    ];
  });
}

/** Merge, round, convert to the book currency, flip negatives, drop zeros (accounting.md). */
export function settleDrafts(drafts: DraftLine[], scope: BookingScope): BookLine[] {
  return normalizeLines(mergeDrafts(drafts).map((draft) => ({ ...draft, ...convert(draft.amount, scope) })));
}

export function sideTotal(lines: readonly BookLine[], side: Side): Amount {
  return lines.reduce((total, line) => (line.side === side ? total.plus(line.amount) : total), ZERO);
}

/** Book lines → entry lines with the account labels and the entry's label. */
export function toEntryLines(lines: readonly BookLine[], scope: BookingScope, label: string): EntryLine[] {
  // Amounts in the document's currency only when the profile asks for them (FEATURES.md §4).
  const inCurrency = scope.settings.currency.createEntriesInCurrency;
  const labels = scope.settings.accountLabels;
  // Every line gets every property (undefined when absent), in one order: lines of one
  // shape keep the renderer's and the lettering's property reads monomorphic, where eight
  // optional properties added case by case made a dozen shapes.
  return lines.map((line): EntryLine => ({
    role: line.role,
    account: line.account,
    accountLabel: accountLabel(line.account, labels),
    auxiliaryAccount: line.auxiliaryAccount,
    auxiliaryLabel: line.auxiliaryLabel,
    label,
    debit: line.side === 'debit' ? line.amount : ZERO,
    credit: line.side === 'credit' ? line.amount : ZERO,
    taxCode: line.taxCode,
    taxRate: line.taxRate,
    paymentMode: line.paymentMode,
    vatGrid: line.vatGrid,
    analyticSection: line.analyticSection,
    currencyAmount: inCurrency ? line.currencyAmount : undefined,
    lettering: undefined,
    letteringDate: undefined,
  }));
}
