// The accounting engine's public surface.
export { assertBalanced, bookDocument, type BookingContext } from './book.js';
export { accountLabel } from './accounts.js';
export { customerDisplayName, removeAccents } from './customer.js';
export {
  resolveByCountry,
  resolveByCountryCarrier,
  resolveByCountryTax,
  resolveByPayment,
  type TaxRef,
} from './resolve.js';
export { renderTemplate, TEMPLATE_PLACEHOLDERS, type Placeholder } from './templates.js';
export {
  createReconciliation,
  type BookedSource,
  type CustomerCheck,
  type Reconciliation,
  type ReconciliationReport,
  type Totals,
} from './reconciliation.js';
