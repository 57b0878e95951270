// Booking one document: the sale or credit-note entry, then its bank entries (accounting.md).
// Pure: "today" comes from the caller.
import type { IsoDate, SalesDocument } from '../document.js';
import type { BookedDocument } from '../entry.js';
import type { AccountingSettings } from '../profile.js';
import { assertBalanced } from './balance.js';
import { creditNoteEntry } from './credit-note.js';
import { customerRecord, resolveCustomerAccounts } from './customer.js';
import { letterEntries, type LetteringAllocator } from './lettering.js';
import { bankEntries } from './payment.js';
import { saleEntry } from './sale.js';
import { createScope } from './scope.js';

export { assertBalanced };

export interface BookingContext {
  today: IsoDate;
  /** Lettering codes of the file being written; none: no lettering (lettering.ts says why). */
  letteringCode?: LetteringAllocator;
}

/** Books one document; throws a DocumentError when it cannot be booked (the others go on). */
export function bookDocument(
  doc: SalesDocument,
  settings: AccountingSettings,
  ctx: BookingContext,
): BookedDocument {
  const scope = createScope(doc, settings, ctx.today);
  const customer = resolveCustomerAccounts(scope);
  const main = doc.type === 'ORDER' ? saleEntry(scope, customer) : creditNoteEntry(scope, customer);
  const lettering = settings.lettering ? ctx.letteringCode : undefined;
  const entries = letterEntries([main, ...bankEntries(scope, customer, main)], lettering);
  entries.forEach(assertBalanced);
  const booked: BookedDocument = {
    documentKey: scope.documentKey,
    document: scope.name,
    country: scope.country,
    entries,
    notes: scope.notes.map((note) => note.message),
    codedNotes: scope.notes,
  };
  // Guests share one account: a customer record would give it one random guest's address.
  if (!customer.guest && customer.customerAccount !== '') {
    booked.customer = customerRecord(doc, customer, settings);
  }
  return booked;
}
