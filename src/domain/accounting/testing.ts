// Test support: a small builder of SalesDocument objects and a compact view of entries.
// Kept out of *.test.ts so several test files can share it; it has no runtime use.
import type { DocumentTotals, OrderLine, Payment, SalesDocument } from '../document.js';
import type { Entry } from '../entry.js';
import { parseAmount, sum, ZERO, type Amount } from '../money.js';

export const a = parseAmount;

export interface LineSpec {
  excl: string;
  incl: string;
  rate?: string;
  taxName?: string;
  account?: string;
  analytic?: string;
  name?: string;
  giftCard?: boolean;
}

export function orderLine(spec: LineSpec): OrderLine {
  const rate = spec.rate ?? '20.000';
  const line: OrderLine = {
    productKey: '1',
    productReference: 'REF',
    productName: spec.name ?? 'Product',
    quantity: a('1'),
    totalPriceTaxExcl: a(spec.excl),
    totalPriceTaxIncl: a(spec.incl),
    taxName: spec.taxName ?? `TVA FR ${a(rate).toString()}%`,
    taxRate: a(rate),
  };
  if (spec.account !== undefined) line.accountingAccount = spec.account;
  if (spec.analytic !== undefined) line.analyticSection = spec.analytic;
  if (spec.giftCard) line.giftCard = true;
  return line;
}

export type TotalsSpec = Partial<Record<keyof DocumentTotals, string>>;

export interface DocumentSpec extends Partial<Omit<SalesDocument, 'totals' | 'lines' | 'payments'>> {
  lines?: LineSpec[];
  totals?: TotalsSpec;
  payments?: { name: string; amount: string; fee?: string; date?: string }[];
}

function totalsFor(lines: OrderLine[], spec: TotalsSpec): DocumentTotals {
  const given = (key: keyof DocumentTotals): Amount | undefined =>
    spec[key] === undefined ? undefined : a(spec[key]);
  const productsTaxExcl = given('productsTaxExcl') ?? sum(lines.map((l) => l.totalPriceTaxExcl));
  const productsTaxIncl = given('productsTaxIncl') ?? sum(lines.map((l) => l.totalPriceTaxIncl));
  const t = {
    productsTaxExcl,
    productsTaxIncl,
    discountsTaxExcl: given('discountsTaxExcl') ?? ZERO,
    discountsTaxIncl: given('discountsTaxIncl') ?? ZERO,
    shippingTaxExcl: given('shippingTaxExcl') ?? ZERO,
    shippingTaxIncl: given('shippingTaxIncl') ?? ZERO,
    wrappingTaxExcl: given('wrappingTaxExcl') ?? ZERO,
    wrappingTaxIncl: given('wrappingTaxIncl') ?? ZERO,
  };
  // By default the customer pays what the lines say.
  const paidTaxIncl =
    given('paidTaxIncl') ??
    t.productsTaxIncl.minus(t.discountsTaxIncl).plus(t.shippingTaxIncl).plus(t.wrappingTaxIncl);
  const paidTaxExcl =
    given('paidTaxExcl') ??
    t.productsTaxExcl.minus(t.discountsTaxExcl).plus(t.shippingTaxExcl).plus(t.wrappingTaxExcl);
  return { ...t, paidTaxIncl, paidTaxExcl };
}

/** An order of customer 39 (Jean Dupont, France) on 2024-03-15; every field can be overridden. */
export function buildDocument(spec: DocumentSpec = {}): SalesDocument {
  const { lines: lineSpecs = [], totals = {}, payments, ...rest } = spec;
  const lines = lineSpecs.map(orderLine);
  const doc: SalesDocument = {
    type: 'ORDER',
    shopKey: '1',
    orderKey: '6',
    refs: {},
    orderDate: '2024-03-15',
    orderNumber: '6',
    currencyCode: 'EUR',
    currencyRate: a('1.000000'),
    customer: {
      key: '39',
      company: '',
      firstname: 'Jean',
      lastname: 'Dupont',
      email: 'jean@example.fr',
      vatNumber: '',
    },
    invoiceAddress: {
      company: '',
      firstname: 'Jean',
      lastname: 'Dupont',
      address1: '1 rue de la Paix',
      address2: '',
      postcode: '75002',
      city: 'Paris',
      state: '',
      countryIso: 'FR',
      countryName: 'France',
      phone: '0102030405',
      vatNumber: '',
    },
    ...rest,
    lines,
    totals: totalsFor(lines, totals),
  };
  if (payments !== undefined) {
    doc.payments = payments.map((p): Payment => {
      const payment: Payment = { name: p.name, amount: a(p.amount) };
      if (p.fee !== undefined) payment.fee = a(p.fee);
      if (p.date !== undefined) payment.date = p.date;
      return payment;
    });
  }
  return doc;
}

/** "411000 D 120.00 WEB00039" per line: compact and readable in assertions. */
export function lineSummary(entry: Entry): string[] {
  return entry.lines.map((line) => {
    const side = line.debit.gt(0) ? 'D' : 'C';
    const amount = (line.debit.gt(0) ? line.debit : line.credit).toFixed(2);
    return [line.account, side, amount, line.auxiliaryAccount].filter((x) => x !== undefined).join(' ');
  });
}
