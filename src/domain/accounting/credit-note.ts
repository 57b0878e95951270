// A credit note (CREDITNOTE) → one entry in the credit-note journal: the mirror of a sale.
import type { Entry } from '../entry.js';
import { toDecimalString, isZero } from '../money.js';
import type { DeviationAccounts } from '../profile.js';
import { padAccount } from './accounts.js';
import { balanceLines } from './balance.js';
import type { CustomerAccounts } from './customer.js';
import { opposite, settleDrafts, type DraftLine } from './draft.js';
import { creditNoteHeader, makeEntry } from './header.js';
import { resolveByCountry } from './resolve.js';
import { customerDraft, saleDrafts } from './sale.js';
import { addNote, type BookingScope } from './scope.js';

/** No lines, no shipping, no packaging: nothing says what was refunded. */
function isAmountOnly(scope: BookingScope): boolean {
  const t = scope.doc.totals;
  return (
    scope.doc.lines.length === 0 &&
    [t.shippingTaxExcl, t.shippingTaxIncl, t.wrappingTaxExcl, t.wrappingTaxIncl].every((a) => isZero(a))
  );
}

/** The whole amount on the charge adjustment account (debit) against the customer (credit). */
function adjustmentDrafts(scope: BookingScope, customer: CustomerAccounts): DraftLine[] {
  const accounts: DeviationAccounts = resolveByCountry(scope.settings.deviationAccounts, scope.country);
  const amount = scope.doc.totals.paidTaxIncl;
  const account = padAccount(accounts.chargeAdjustment, scope, 'charge adjustment');
  const shown = toDecimalString(amount, scope.decimals);
  addNote(
    scope,
    'note.creditNoteWithoutLines',
    { amount: shown, account },
    `credit note without lines: ${shown} booked on the charge adjustment account ${account}`,
  );
  return [customerDraft(customer, 'credit', amount), { role: 'adjustment', account, side: 'debit', amount }];
}

export function creditNoteDrafts(scope: BookingScope, customer: CustomerAccounts): DraftLine[] {
  if (isAmountOnly(scope)) return adjustmentDrafts(scope, customer);
  return saleDrafts(scope, customer).map((draft) => ({ ...draft, side: opposite(draft.side) }));
}

export function creditNoteEntry(scope: BookingScope, customer: CustomerAccounts): Entry {
  const lines = balanceLines(settleDrafts(creditNoteDrafts(scope, customer), scope), scope);
  return makeEntry(scope, creditNoteHeader(scope), lines);
}
