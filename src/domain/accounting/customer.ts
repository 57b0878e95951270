// Customer accounts (accounting.md "Customers"): the accounting (collective) account and
// the customer (auxiliary) account, per the profile's three modes, and the customer record.
import type { Address, SalesDocument } from '../document.js';
import type { CustomerRecord } from '../entry.js';
import type { AccountMode, AccountingSettings } from '../profile.js';
import { padAccount } from './accounts.js';
import { documentError, type BookingScope } from './scope.js';

export interface CustomerAccounts {
  accountingAccount: string;
  customerAccount: string;
  /** Display name, for auxiliary labels. */
  name: string;
  guest: boolean;
}

/** The payment method that selects per-payment accounts: the order's, else its first payment's. */
function paymentNameOf(doc: SalesDocument): string {
  return doc.paymentName ?? doc.payments?.[0]?.name ?? '';
}

/**
 * Prefix + customer key left-padded with zeros to `length` (WEB, 39, 8 → WEB00039). A
 * non-numeric key is kept as it is; a key too long is an error, never a truncation.
 */
export function perCustomerAccount(prefix: string, key: string, length: number, scope: BookingScope): string {
  const room = length - prefix.length;
  if (key.length > room) {
    throw documentError(
      scope,
      `customer id ${key} does not fit in a ${length}-character customer account with prefix "${prefix}"`,
      'Raise the customer account length (or shorten the prefix) in the profile customer settings.',
      'customer_key',
    );
  }
  return prefix + key.padStart(room, '0');
}

function fromMode(mode: AccountMode, scope: BookingScope): string {
  switch (mode.mode) {
    case 'same':
      return mode.account;
    case 'per-payment': {
      const wanted = paymentNameOf(scope.doc).trim().toLowerCase();
      const hit = Object.entries(mode.byPayment).find(([name]) => name.trim().toLowerCase() === wanted);
      return hit ? hit[1] : mode.default;
    }
    case 'per-customer':
      return perCustomerAccount(mode.prefix, scope.doc.customer.key.trim(), mode.length, scope);
  }
}

/** Overrides in the document win; guests (no customer key) use the guest accounts. */
export function resolveCustomerAccounts(scope: BookingScope): CustomerAccounts {
  const { customer } = scope.doc;
  const settings = scope.settings.customers;
  const guest = customer.key.trim() === '';
  const accountingOverride = customer.accountingAccount?.trim();
  const customerOverride = customer.customerAccount?.trim();
  let accounting = accountingOverride || (guest ? settings.guestAccountingAccount : undefined);
  if (accounting === undefined) {
    accounting = fromMode(settings.accountingAccount, scope);
    // A per-customer account has its own length; padding it would change the customer id.
    if (settings.accountingAccount.mode !== 'per-customer')
      accounting = padAccount(accounting, scope, 'customer');
  } else {
    accounting = padAccount(accounting, scope, 'customer');
  }
  const auxiliary =
    customerOverride || (guest ? settings.guestCustomerAccount : fromMode(settings.customerAccount, scope));
  return {
    accountingAccount: accounting,
    customerAccount: auxiliary.trim(),
    name: customerDisplayName(scope.doc, scope.settings),
    guest,
  };
}

/** Strips accents (é → e, œ → oe) for software that only accepts ASCII-like names. */
export function removeAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'OE')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'AE')
    .replace(/ß/g, 'ss');
}

function styled(text: string, accents: boolean, upper: boolean): string {
  const plain = accents ? removeAccents(text) : text;
  return upper ? plain.toUpperCase() : plain;
}

/** Company, else "Firstname Lastname"; from the customer, else the invoice address. */
export function customerDisplayName(doc: SalesDocument, settings: AccountingSettings): string {
  const person = (p: { company: string; firstname: string; lastname: string }): string =>
    p.company.trim() || `${p.firstname.trim()} ${p.lastname.trim()}`.trim();
  const raw = person(doc.customer) || (doc.invoiceAddress ? person(doc.invoiceAddress) : '');
  const { removeAccents: accents, upperCaseName } = settings.customers;
  return styled(raw, accents, upperCaseName);
}

/** The customers-file record, from the invoice address (else the delivery address). */
export function customerRecord(
  doc: SalesDocument,
  accounts: CustomerAccounts,
  settings: AccountingSettings,
): CustomerRecord {
  const address: Partial<Address> = doc.invoiceAddress ?? doc.deliveryAddress ?? {};
  const { removeAccents: accents, upperCaseName, upperCaseAddress } = settings.customers;
  const name = (text: string | undefined): string => styled(text ?? '', accents, upperCaseName);
  const place = (text: string | undefined): string => styled(text ?? '', accents, upperCaseAddress);
  return {
    customerAccount: accounts.customerAccount,
    accountingAccount: accounts.accountingAccount,
    name: accounts.name,
    company: name(address.company || doc.customer.company),
    firstname: name(address.firstname || doc.customer.firstname),
    lastname: name(address.lastname || doc.customer.lastname),
    address1: place(address.address1),
    address2: place(address.address2),
    postcode: address.postcode ?? '',
    city: place(address.city),
    countryIso: address.countryIso ?? '',
    email: doc.customer.email,
    phone: address.phone ?? '',
    vatNumber: doc.customer.vatNumber || (address.vatNumber ?? ''),
  };
}
