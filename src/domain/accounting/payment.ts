// Payments → bank entries (règlements), accounting.md "Payment". A refund of a credit note
// is the same entry with the sides swapped.
import type { Payment } from '../document.js';
import type { Entry, EntryKind } from '../entry.js';
import { toDecimalString, ZERO, isZero } from '../money.js';
import type { PaymentMapping } from '../profile.js';
import { padAccount } from './accounts.js';
import type { CustomerAccounts } from './customer.js';
import { convert, normalizeLines, opposite, type BookLine, type Side } from './draft.js';
import { journalLabel, makeEntry } from './header.js';
import { resolveByPayment } from './resolve.js';
import { addNote, type BookingScope } from './scope.js';
import { customerDraft } from './sale.js';

/** The document's payments; for a sale without `<payments>` but with a payment_name, one assumed payment. */
export function paymentsOf(scope: BookingScope): Payment[] {
  const { doc } = scope;
  if (doc.payments !== undefined) return doc.payments;
  if (doc.type !== 'ORDER' || !doc.paymentName?.trim()) return [];
  const amount = doc.totals.paidTaxIncl;
  const shown = toDecimalString(amount, scope.decimals);
  addNote(
    scope,
    'note.assumedPayment',
    { payment: doc.paymentName, amount: shown, date: doc.orderDate },
    `no payments in the document: assumed one payment "${doc.paymentName}" of ${shown} on ${doc.orderDate}`,
  );
  return [{ name: doc.paymentName, date: doc.orderDate, amount }];
}

/**
 * The lines of one payment in sale orientation: bank debit amount − fee, fee debit, customer
 * credit amount. Amount and fee are converted first and the bank line takes the difference,
 * so conversion rounding cannot unbalance the entry.
 */
function paymentLines(
  scope: BookingScope,
  customer: CustomerAccounts,
  payment: Payment,
  mapping: PaymentMapping,
): BookLine[] {
  const amount = convert(payment.amount, scope);
  const fee = convert(payment.fee ?? ZERO, scope);
  const bank = {
    amount: amount.amount.minus(fee.amount),
    currencyAmount: amount.currencyAmount.minus(fee.currencyAmount),
  };
  const mode = mapping.mode;
  const lines: BookLine[] = [
    {
      role: 'bank',
      account: padAccount(mapping.bankAccount, scope, 'bank'),
      side: 'debit',
      paymentMode: mode,
      ...bank,
    },
  ];
  if (!isZero(fee.amount)) {
    const account = padAccount(mapping.feeAccount, scope, 'payment fee');
    lines.push({ role: 'fee', account, side: 'debit', paymentMode: mode, ...fee });
  }
  lines.push({ ...customerDraft(customer, 'credit', payment.amount), paymentMode: mode, ...amount });
  return lines;
}

function bankEntry(
  scope: BookingScope,
  customer: CustomerAccounts,
  source: Entry,
  payment: Payment,
): Entry | undefined {
  const mapping: PaymentMapping = resolveByPayment(scope.settings.payments, payment.name);
  if (!mapping.createBankEntry) {
    addNote(
      scope,
      'note.noBankEntry',
      { payment: payment.name },
      `payment "${payment.name}": no bank entry (the payment mapping says so)`,
    );
    return undefined;
  }
  const refund = source.kind === 'creditnote';
  const flip = (side: Side): Side => (refund ? opposite(side) : side);
  const lines = normalizeLines(
    paymentLines(scope, customer, payment, mapping).map((l) => ({ ...l, side: flip(l.side) })),
  );
  if (lines.length === 0) return undefined;
  const kind: EntryKind = refund ? 'refund' : 'payment';
  const journal = mapping.journal;
  return makeEntry(
    scope,
    {
      kind,
      journal,
      journalLabel: journalLabel(scope.settings, journal, scope.settings.bankJournalLabel),
      date: payment.date || source.date,
      pieceNumber: source.pieceNumber,
      pieceDate: source.pieceDate,
      reference: source.reference,
      label: source.label,
    },
    lines,
  );
}

/** One bank entry per payment whose mapping creates one, in the document's order. */
export function bankEntries(scope: BookingScope, customer: CustomerAccounts, source: Entry): Entry[] {
  return paymentsOf(scope).flatMap((payment) => bankEntry(scope, customer, source, payment) ?? []);
}
