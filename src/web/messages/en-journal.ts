// A run's journal and error log (English): the same texts as the pipeline's own messages.
import type { frJournal } from './fr-journal.js';

export const enJournal = {
  'document.order': 'order {order}',
  'document.creditNote': 'credit note {creditNote} of order {order}',
  'document.shop': ' (shop {shop})',
  'journal.file.received': 'File {name} received ({size} bytes, SHA-256 {sha256})',
  'journal.file.archived': 'Source file archived as {path}',
  'journal.file.movedToFailed': 'Source file moved to failed/{name}',
  'journal.run.ended': 'Run ended: {status}',
  'journal.run.cancelled': 'The run was stopped before its end; no document of it was transferred',
  'journal.outbox.written': 'Written to the outbox: {name}',
  'journal.shop.readingOrders': 'Reading orders by {dateField} from {from} to {to}',
  'journal.shop.readingCreditNotes': 'Reading credit notes from {from} to {to}',
  'journal.dateField.order': 'order date',
  'journal.dateField.invoice': 'invoice date',
  'journal.document.booked': 'booked: {count} entry',
  'journal.document.booked.many': 'booked: {count} entries',
  'journal.document.notBooked': 'not booked (see the error log)',
  'journal.preview.leftOut': 'left out in the preview; not transferred',
  'journal.skip.repeated': 'appears a second time in this file; booked once',
  'journal.skip.transferred': 'already transferred for this profile; ignored',
  'journal.skip.orders': 'orders are not imported by this profile',
  'journal.skip.creditNotes': 'credit notes are not imported by this profile',
  'journal.skip.orderNotTransferred': 'order {order} not transferred yet; ignored',
  'journal.xml.unknownElement': 'Unknown element <{name}> ignored',
  'journal.note.roundingProduct': 'rounding difference {amount} absorbed by the first product line',
  'journal.note.roundingTax': 'rounding difference {amount} absorbed by the first VAT line',
  'journal.note.deviation': 'deviation {amount} booked on {account} ({side})',
  'journal.note.creditNoteWithoutLines':
    'credit note without lines: {amount} booked on the charge adjustment account {account}',
  'journal.note.assumedPayment':
    'no payments in the document: assumed one payment "{payment}" of {amount} on {date}',
  'journal.note.noBankEntry': 'payment "{payment}": no bank entry (the payment mapping says so)',
  'journal.note.giftCard':
    'gift card "{product}" {amount} booked on the adjustment account {account}, not as a sale',
  'journal.side.debit': 'debit',
  'journal.side.credit': 'credit',

  'runError.field.missing.problem': '<{name}> is missing or empty',
  'runError.field.missing.fix': 'Add <{name}> to the document: it is required',
  'runError.field.repeated.problem': '<{name}> appears {count} times',
  'runError.field.repeated.fix': 'Keep a single <{name}> element',
  'runError.field.notFlag.problem': '<{name}> is "{value}"',
  'runError.field.notFlag.fix': 'Write <{name}>1</{name}> or <{name}>0</{name}>',
  'runError.field.notAmount.problem': '"{value}" is not a decimal number',
  'runError.field.notAmount.fix':
    'Write numbers with a dot as decimal separator and no thousands separator, e.g. 1234.50',
  'runError.field.negative.problem': '{value} is negative',
  'runError.field.negative.fix':
    'Amounts are positive numbers: a credit note gives positive amounts back and discounts are positive too',
  'runError.field.tooLarge.problem':
    '{value} is too large (more than {digits} digits before the decimal point)',
  'runError.field.tooLarge.fix':
    'Check this amount in the shop: accounting files hold amounts up to 9,999,999,999,999.99',
  'runError.field.notDate.problem': '"{value}" is not a valid date',
  'runError.field.notDate.fix':
    'Write dates as YYYY-MM-DD or YYYY-MM-DD HH:MM:SS (a real calendar date); leave it empty or 0000-00-00 when there is none',
  'runError.xml.malformed.problem':
    'The file is not well-formed XML: {detail} (line {line}, column {column})',
  'runError.xml.malformed.fix': 'Correct the file (see the line and column) and drop it again into the inbox',
  'runError.xml.notOrders.problem':
    'The root element must be <orders>, not <{name}>: this is not an order file (line {line}, column {column})',
  'runError.xml.notOrders.fix':
    'Drop an order file (order XML); correct the file and drop it again into the inbox',
  'runError.file.unreadable.fix':
    'Correct the file (see the line and column) and drop it again into the inbox',
  'runError.file.duplicate.problem': 'same content as {name} imported in run {run}',
  'runError.file.duplicate.fix':
    'Nothing to do if the file was sent twice by mistake. To book its documents again, reset them (transferred documents) and drop the file again',
  'runError.file.allTransferred.problem':
    'all its documents ({read}) were already transferred for this profile by earlier runs',
  'runError.file.allTransferred.fix':
    'Nothing to do if the file was sent twice by mistake. To book its documents again, reset them (transferred documents) and drop the file again',
  'runError.file.nothingBooked.problem':
    "nothing was booked: {failed} of its {read} document(s) could not be booked (see the run's error log for which field)",
  'runError.file.nothingBooked.fix':
    'Correct the documents listed in the error log and drop the file again into the inbox',
  'runError.document.unexpected.fix': 'Check this document in the source, then drop the file again',
  'runError.format.value.fix':
    'Change this value in the source, or choose a format (or encoding) that can hold it',
} as const satisfies { readonly [K in keyof typeof frJournal]: string };
