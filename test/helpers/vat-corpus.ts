// A generated corpus for the VAT summary (issue 10): orders and credit notes across several
// countries and their rates, multi-rate orders, shipping, discounts, over two months;
// deterministic (a seeded generator), amounts from integer cents, VAT rounded half-up per line.
import Big from 'big.js';
import { serializeOrders } from '../../src/adapters/drop-folder/order-xml-writer.js';
import { buildDocument, type DocumentSpec, type LineSpec } from '../../src/domain/accounting/testing.js';
import type { SalesDocument } from '../../src/domain/document.js';
import type { ExceptionRow, TaxAccount } from '../../src/domain/profile.js';

/** The rates of each country; the first is its standard rate (shipping). */
export const CORPUS_RATES: Record<string, string[]> = {
  FR: ['20', '10', '5.5', '2.1'],
  DE: ['19', '7'],
  BE: ['21', '6'],
  ES: ['21', '10'],
  IT: ['22', '10'],
};

/** The tax account of each (country, rate): FR per the preset, the others (OSS) an account each. */
export const CORPUS_TAX_ACCOUNTS: Record<string, string> = {
  'FR 20': '445720',
  'FR 10': '445710',
  'FR 5.5': '445755',
  'FR 2.1': '445721',
  'DE 19': '445819',
  'DE 7': '445807',
  'BE 21': '445821',
  'BE 6': '445806',
  'ES 21': '445921',
  'ES 10': '445910',
  'IT 22': '445922',
  'IT 10': '445911',
};

/** Exception rows of the profile's tax mapping that give the other countries their accounts. */
export function corpusTaxExceptions(): ExceptionRow<TaxAccount>[] {
  return Object.entries(CORPUS_TAX_ACCOUNTS)
    .filter(([key]) => !key.startsWith('FR '))
    .map(([key, account]) => {
      const [country, rate] = key.split(' ') as [string, string];
      return { key: { country, tax: rate }, value: { account, code: `${country}${rate}` } };
    });
}

/** A small linear congruential generator: the same corpus on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const money = (cents: number): string => Big(cents).div(100).toFixed(2);
const withVat = (excl: string, rate: string): string =>
  Big(excl).plus(Big(excl).times(rate).div(100).round(2, Big.roundHalfUp)).toFixed(2);

function address(country: string, base: SalesDocument['invoiceAddress']): SalesDocument['invoiceAddress'] {
  return base && { ...base, countryIso: country, countryName: country };
}

export interface CorpusOptions {
  orders: number;
  creditNotes: number;
  /** Months the dates fall in, YYYY-MM. */
  months: string[];
  seed?: number;
}

export interface Corpus {
  orders: SalesDocument[];
  creditNotes: SalesDocument[];
}

export function generateVatCorpus(options: CorpusOptions): Corpus {
  const next = random(options.seed ?? 20260401);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const countries = Object.keys(CORPUS_RATES);
  const template = buildDocument();
  const date = (): string =>
    `${pick(options.months)}-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`;
  const taxName = (country: string, rate: string): string => `TVA ${country} ${rate}%`;

  const orders: SalesDocument[] = [];
  for (let i = 0; i < options.orders; i++) {
    const country = pick(countries);
    const rates = CORPUS_RATES[country]!;
    const lineCount = 1 + Math.floor(next() * 3);
    const lines: LineSpec[] = [];
    for (let l = 0; l < lineCount; l++) {
      const rate = pick(rates);
      const excl = money(100 + Math.floor(next() * 50_000));
      lines.push({ excl, incl: withVat(excl, rate), rate, taxName: taxName(country, rate) });
    }
    const totals: DocumentSpec['totals'] = {};
    const spec: DocumentSpec = {
      orderKey: String(5000 + i),
      orderNumber: String(5000 + i),
      orderDate: date(),
      customer: { ...template.customer, key: String(100 + Math.floor(next() * 60)) },
      invoiceAddress: address(country, template.invoiceAddress),
      lines,
      totals,
    };
    // Half are paid by card: a bank entry, lettered with the sale.
    if (next() < 0.5) spec.paymentName = 'Carte bancaire';
    if (next() < 0.5) {
      const standard = rates[0]!;
      const excl = money(490 + Math.floor(next() * 1000));
      Object.assign(totals, { shippingTaxExcl: excl, shippingTaxIncl: withVat(excl, standard) });
      Object.assign(spec, {
        carrierName: 'Colissimo',
        shippingTaxName: taxName(country, standard),
        shippingTaxRate: Big(standard),
      });
    }
    // A discount on an order of one rate (the spec splits others across rates; kept simple here).
    if (next() < 0.25 && new Set(lines.map((l) => l.rate)).size === 1) {
      const excl = money(100 + Math.floor(next() * 900));
      Object.assign(totals, { discountsTaxExcl: excl, discountsTaxIncl: withVat(excl, lines[0]!.rate!) });
    }
    orders.push(buildDocument(spec));
  }

  const creditNotes: SalesDocument[] = [];
  for (let i = 0; i < options.creditNotes; i++) {
    const order = orders[Math.floor(next() * orders.length)]!;
    const line = pick(order.lines);
    // Part of the line, at least a cent.
    const share = line.totalPriceTaxExcl.times(next().toFixed(4)).round(2, Big.roundDown);
    const excl = (share.gt(0) ? share : Big('0.01')).toFixed(2);
    const rate = line.taxRate.toString();
    creditNotes.push(
      buildDocument({
        type: 'CREDITNOTE',
        orderKey: order.orderKey,
        orderNumber: order.orderNumber,
        orderDate: order.orderDate,
        creditNoteKey: String(900 + i),
        creditNoteNumber: `AV${900 + i}`,
        creditNoteDate: date(),
        customer: order.customer,
        invoiceAddress: order.invoiceAddress,
        lines: [{ excl, incl: withVat(excl, rate), rate, taxName: line.taxName }],
      }),
    );
  }
  return { orders, creditNotes };
}

/** An order interchange file (order-xml.md) of documents. */
export function corpusFile(documents: SalesDocument[]): string {
  return [...serializeOrders(documents)].join('');
}
