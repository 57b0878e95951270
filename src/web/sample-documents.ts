// Sample documents for the live examples (templates) and the format editor's preview:
// fixed, test-free data, booked with the profile's own accounting so the preview shows
// what that profile would write.
import { bookDocument } from '../domain/accounting/book.js';
import type { Address, OrderLine, SalesDocument } from '../domain/document.js';
import type { Entry } from '../domain/entry.js';
import { parseAmount as a, ZERO } from '../domain/money.js';
import type { AccountingSettings } from '../domain/profile.js';

function address(
  firstname: string,
  lastname: string,
  company: string,
  city: string,
  country: string,
): Address {
  return {
    company,
    firstname,
    lastname,
    address1: '12 rue des Lilas',
    address2: '',
    postcode: country === 'FR' ? '69002' : '1000',
    city,
    state: '',
    countryIso: country,
    countryName: country === 'FR' ? 'France' : 'Belgique',
    phone: '0400000000',
    vatNumber: '',
  };
}

function line(name: string, excl: string, incl: string, rate: string): OrderLine {
  return {
    productKey: name.slice(0, 3).toUpperCase(),
    productReference: `REF-${name.slice(0, 3).toUpperCase()}`,
    productName: name,
    quantity: a('1'),
    totalPriceTaxExcl: a(excl),
    totalPriceTaxIncl: a(incl),
    taxName: `TVA ${rate} %`,
    taxRate: a(rate),
  };
}

function totals(productsExcl: string, productsIncl: string, shippingExcl: string, shippingIncl: string) {
  const paidExcl = a(productsExcl).plus(a(shippingExcl));
  const paidIncl = a(productsIncl).plus(a(shippingIncl));
  return {
    productsTaxExcl: a(productsExcl),
    productsTaxIncl: a(productsIncl),
    discountsTaxExcl: ZERO,
    discountsTaxIncl: ZERO,
    shippingTaxExcl: a(shippingExcl),
    shippingTaxIncl: a(shippingIncl),
    wrappingTaxExcl: ZERO,
    wrappingTaxIncl: ZERO,
    paidTaxExcl: paidExcl,
    paidTaxIncl: paidIncl,
  };
}

/** Two orders (France, Belgium) and a credit note, in that order. */
export function sampleDocuments(): SalesDocument[] {
  const lyon = address('Élise', 'Martin', '', 'Lyon', 'FR');
  const brussels = address('Hugo', 'Peeters', 'Atelier Peeters', 'Bruxelles', 'BE');
  const first: SalesDocument = {
    type: 'ORDER',
    shopKey: '1',
    orderKey: '1042',
    refs: {},
    orderDate: '2025-03-14',
    orderNumber: '1042',
    orderReference: 'XKBKNABJK',
    invoiceDate: '2025-03-14',
    invoiceNumber: 'FA001042',
    paymentName: 'Carte bancaire',
    currencyCode: 'EUR',
    currencyRate: a('1'),
    carrierName: 'Colissimo',
    shippingTaxName: 'TVA 20 %',
    shippingTaxRate: a('20'),
    customer: {
      key: '39',
      company: '',
      firstname: 'Élise',
      lastname: 'Martin',
      email: 'elise@example.fr',
      vatNumber: '',
    },
    invoiceAddress: lyon,
    deliveryAddress: lyon,
    lines: [line('Savon lavande', '10.00', '12.00', '20'), line('Miel de Provence', '20.00', '21.10', '5.5')],
    totals: totals('30.00', '33.10', '5.00', '6.00'),
    payments: [{ name: 'Carte bancaire', date: '2025-03-14', amount: a('39.10') }],
  };
  const second: SalesDocument = {
    ...first,
    orderKey: '1043',
    orderNumber: '1043',
    orderReference: 'QWERTYUIO',
    invoiceNumber: 'FA001043',
    orderDate: '2025-03-15',
    invoiceDate: '2025-03-15',
    paymentName: 'Virement',
    customer: {
      key: '52',
      company: 'Atelier Peeters',
      firstname: 'Hugo',
      lastname: 'Peeters',
      email: 'hugo@example.be',
      vatNumber: '',
    },
    invoiceAddress: brussels,
    deliveryAddress: brussels,
    lines: [line('Bougie parfumée', '25.00', '30.00', '20')],
    totals: totals('25.00', '30.00', '0', '0'),
    payments: [{ name: 'Virement', date: '2025-03-15', amount: a('30.00') }],
  };
  const creditNote: SalesDocument = {
    ...first,
    type: 'CREDITNOTE',
    creditNoteKey: '7',
    creditNoteNumber: 'AV000007',
    creditNoteDate: '2025-03-16',
    lines: [line('Savon lavande', '10.00', '12.00', '20')],
    totals: totals('10.00', '12.00', '0', '0'),
    payments: [],
  };
  return [first, second, creditNote];
}

/** The sample documents booked with these settings; one that cannot be booked is left out. */
export function sampleEntries(settings: AccountingSettings): Entry[] {
  const entries: Entry[] = [];
  for (const doc of sampleDocuments()) {
    try {
      entries.push(...bookDocument(doc, settings, { today: '2025-03-16' }).entries);
    } catch {
      // A profile being edited may not book a sample (an unknown tax…): the preview shows the others.
    }
  }
  return entries;
}
