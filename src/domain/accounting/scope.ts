// What every step of booking one document needs: the document, the settings, the
// country used by mappings, and the journal lines gathered on the way.
import { describeDocument, documentKey, type IsoDate, type SalesDocument } from '../document.js';
import type { BookingNote } from '../entry.js';
import { DocumentError } from '../errors.js';
import { isAmountText, parseAmount, type Amount, isPositive } from '../money.js';
import type { AccountingSettings } from '../profile.js';
import { resolveByPayment } from './resolve.js';

export interface BookingScope {
  doc: SalesDocument;
  settings: AccountingSettings;
  today: IsoDate;
  /** Human id ("order 6"), for errors and notes. */
  name: string;
  documentKey: string;
  /** Country used by mappings (ISO alpha-2). */
  country: string;
  decimals: number;
  tolerance: Amount;
  /** Document currency → book currency: book amount = amount / rate. */
  rate: Amount;
  notes: BookingNote[];
  /** Sales accounts of the document's payment method, when its mapping sets them (marketplaces). */
  paymentSales?: { withVat?: string; withoutVat?: string };
}

/** Whether any payment row names sales accounts: once per settings object (never changed while booking), not per document. */
const namesSales = new WeakMap<AccountingSettings['payments'], boolean>();

function anyPaymentSales(payments: AccountingSettings['payments']): boolean {
  let known = namesSales.get(payments);
  if (known === undefined) {
    const rows = [payments.default, ...payments.exceptions.map((row) => row.value)];
    known = rows.some((row) => !!row.salesWithVat?.trim() || !!row.salesWithoutVat?.trim());
    namesSales.set(payments, known);
  }
  return known;
}

/** The payment method's own sales accounts: the document's payment name, else its first payment's. */
function paymentSales(doc: SalesDocument, settings: AccountingSettings): BookingScope['paymentSales'] {
  if (!anyPaymentSales(settings.payments)) return undefined;
  const method = doc.paymentName?.trim() || doc.payments?.[0]?.name || '';
  const { salesWithVat, salesWithoutVat } = resolveByPayment(settings.payments, method);
  if (!salesWithVat?.trim() && !salesWithoutVat?.trim()) return undefined;
  return { withVat: salesWithVat?.trim() || undefined, withoutVat: salesWithoutVat?.trim() || undefined };
}

/** Country of the invoice address, or of the delivery address when the profile says so; FR without address. */
export function mappingCountry(doc: SalesDocument, settings: AccountingSettings): string {
  const invoice = doc.invoiceAddress?.countryIso.trim() ?? '';
  const delivery = doc.deliveryAddress?.countryIso.trim() ?? '';
  const chosen = settings.customers.countryFrom === 'delivery' ? delivery || invoice : invoice;
  return (chosen || 'FR').toUpperCase();
}

export function createScope(doc: SalesDocument, settings: AccountingSettings, today: IsoDate): BookingScope {
  const name = describeDocument(doc);
  const toleranceText = settings.rounding.tolerance.trim();
  if (!isAmountText(toleranceText) || parseAmount(toleranceText).lt(0)) {
    throw new DocumentError(name, `the rounding tolerance "${settings.rounding.tolerance}" is not a number`, {
      fix: 'Set a decimal tolerance such as 0.05 in the profile rounding settings.',
    });
  }
  if (!isPositive(doc.currencyRate)) {
    throw new DocumentError(name, `currency rate ${doc.currencyRate.toString()} is not positive`, {
      field: 'currency_rate',
      fix: 'Correct the currency rate of the order in the shop (1.000000 for the book currency).',
    });
  }
  return {
    doc,
    settings,
    today,
    name,
    documentKey: documentKey(doc),
    country: mappingCountry(doc, settings),
    decimals: settings.rounding.decimals,
    tolerance: parseAmount(toleranceText),
    rate: doc.currencyRate,
    notes: [],
    paymentSales: paymentSales(doc, settings),
  };
}

/** Adds a journal note: English text for logs and the CLI, code and values for the pages. */
export function addNote(
  scope: BookingScope,
  code: string,
  params: Record<string, string>,
  message: string,
): void {
  scope.notes.push({ message, code, params });
}

export function documentError(
  scope: BookingScope,
  problem: string,
  fix: string,
  field?: string,
): DocumentError {
  return new DocumentError(scope.name, problem, field === undefined ? { fix } : { field, fix });
}
