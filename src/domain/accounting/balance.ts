// Balancing (accounting.md "Balance"): the residual goes to a deviation line, or to the first
// product / VAT line, when it is within the tolerance; beyond it the document is refused.
import type { Entry, LineRole } from '../entry.js';
import { DocumentError } from '../errors.js';
import { round, sum, toDecimalString, ZERO, type Amount, isNegative, isPositive, isZero } from '../money.js';
import type { DeviationAccounts } from '../profile.js';
import { padAccount } from './accounts.js';
import { sideTotal, type BookLine } from './draft.js';
import { resolveByCountry } from './resolve.js';
import { addNote, documentError, type BookingScope } from './scope.js';

const FIGURES: [LineRole, string][] = [
  ['product', 'products'],
  ['discount', 'discounts'],
  ['shipping', 'shipping'],
  ['wrapping', 'packaging'],
  ['tax', 'VAT'],
  ['adjustment', 'adjustment'],
];

/** "total paid 120.00 but lines add up to 119.80 (products 100.00, VAT 19.80)". */
function describeFigures(lines: readonly BookLine[], scope: BookingScope): string {
  const customer = lines.find((line) => line.role === 'customer');
  const customerSide = customer?.side ?? 'debit';
  // Each figure is counted the way it offsets the customer line.
  const net = (line: BookLine): Amount => (line.side === customerSide ? line.amount.neg() : line.amount);
  const customerTotal = sum(lines.filter((l) => l.role === 'customer').map((l) => l.amount));
  const others = lines.filter((l) => l.role !== 'customer');
  const parts = FIGURES.flatMap(([role, label]) => {
    const ofRole = others.filter((line) => line.role === role);
    return ofRole.length === 0 ? [] : [`${label} ${toDecimalString(sum(ofRole.map(net)), scope.decimals)}`];
  });
  const what = scope.doc.type === 'CREDITNOTE' ? 'total refunded' : 'total paid';
  const linesTotal = toDecimalString(sum(others.map(net)), scope.decimals);
  return `${what} ${toDecimalString(customerTotal, scope.decimals)} but lines add up to ${linesTotal} (${parts.join(', ')})`;
}

/** Adds `residual` (debit − credit) to the first line of `role`, when that keeps it positive. */
function absorb(lines: BookLine[], role: LineRole, residual: Amount): boolean {
  const index = lines.findIndex((line) => line.role === role);
  const line = lines[index];
  if (line === undefined) return false;
  const amount = line.side === 'credit' ? line.amount.plus(residual) : line.amount.minus(residual);
  if (amount.lte(0)) return false;
  lines[index] = { ...line, amount };
  return true;
}

function deviationLine(residual: Amount, scope: BookingScope): BookLine {
  const accounts: DeviationAccounts = resolveByCountry(scope.settings.deviationAccounts, scope.country);
  // Debits exceed credits: the missing credit is a product; the other way round, a charge.
  const side = isPositive(residual) ? 'credit' : 'debit';
  const raw = side === 'credit' ? accounts.productDeviation : accounts.chargeDeviation;
  const amount = residual.abs();
  return {
    role: 'deviation',
    account: padAccount(raw, scope, side === 'credit' ? 'product deviation' : 'charge deviation'),
    side,
    amount,
    currencyAmount: round(amount.times(scope.rate), scope.decimals),
  };
}

/** Returns the lines balanced, or throws a DocumentError naming the residual and the figures. */
export function balanceLines(lines: BookLine[], scope: BookingScope): BookLine[] {
  const residual = sideTotal(lines, 'debit').minus(sideTotal(lines, 'credit'));
  if (isZero(residual)) return lines;
  const shown = toDecimalString(residual.abs(), scope.decimals);
  if (residual.abs().gt(scope.tolerance)) {
    throw documentError(
      scope,
      `${describeFigures(lines, scope)}: difference ${shown} exceeds the rounding tolerance ${scope.tolerance.toString()}`,
      'Check the totals and lines of the document in the shop, or raise the rounding tolerance in the profile.',
      'total_paid_tax_incl',
    );
  }
  const balanced = [...lines];
  const target = scope.settings.rounding.difference;
  if (target === 'first-product' && absorb(balanced, 'product', residual)) {
    addNote(
      scope,
      'note.roundingProduct',
      { amount: shown },
      `rounding difference ${shown} absorbed by the first product line`,
    );
    return balanced;
  }
  if (target === 'first-tax' && absorb(balanced, 'tax', residual)) {
    addNote(
      scope,
      'note.roundingTax',
      { amount: shown },
      `rounding difference ${shown} absorbed by the first VAT line`,
    );
    return balanced;
  }
  const deviation = deviationLine(residual, scope);
  addNote(
    scope,
    'note.deviation',
    { amount: shown, account: deviation.account, side: deviation.side },
    `deviation ${shown} booked on ${deviation.account} (${deviation.side})`,
  );
  return [...balanced, deviation];
}

/** Throws unless total debit = total credit exactly and every amount is non-negative. */
export function assertBalanced(entry: Entry): void {
  let debit = ZERO;
  let credit = ZERO;
  for (const line of entry.lines) {
    if (isNegative(line.debit) || isNegative(line.credit)) {
      throw new DocumentError(entry.documentKey, `negative amount on account ${line.account}`, {
        fix: 'Report this document: the engine should never write a negative amount.',
        code: 'unbalanced',
      });
    }
    debit = debit.plus(line.debit);
    credit = credit.plus(line.credit);
  }
  if (!debit.eq(credit)) {
    throw new DocumentError(
      entry.documentKey,
      `entry ${entry.pieceNumber} is not balanced: debit ${debit.toString()}, credit ${credit.toString()}`,
      { fix: 'Report this document: the engine should never write an unbalanced entry.', code: 'unbalanced' },
    );
  }
}
