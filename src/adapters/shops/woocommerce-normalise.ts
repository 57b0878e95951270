// WooCommerce REST v3 order / refund → SalesDocument. Pure. Payloads come from
// parseJsonLossless, so every number is its source text. WooCommerce allocates coupons to
// the lines (`subtotal` before, `total` after), so lines are booked net of coupons and
// the order-level discount total stays zero: each line keeps its exact VAT.
import {
  describeDocument,
  type Address,
  type OrderLine,
  type SalesDocument,
  type TaxSummary,
} from '../../domain/document.js';
import { parseAmount, sum, ZERO, type Amount } from '../../domain/money.js';
import { amountAt, emptyAddress, rateFromAmounts, shopDate, str } from './normalise-common.js';

export type WcRecord = Record<string, unknown>;

export interface WcTaxRate {
  name: string;
  rate: Amount;
}

export interface WcContext {
  /** Tax rates by id (GET /taxes); the order's own tax_lines win when they give rate_percent. */
  taxRates: ReadonlyMap<string, WcTaxRate>;
}

const records = (value: unknown): WcRecord[] =>
  Array.isArray(value) ? value.filter((v): v is WcRecord => typeof v === 'object' && v !== null) : [];
const obj = (value: unknown): WcRecord => (value && typeof value === 'object' ? (value as WcRecord) : {});
const s = (r: WcRecord, field: string): string => str(r[field]).trim();

/** Rates of the order: its tax_lines (label, rate_percent) over the shop's tax table. */
function orderRates(order: WcRecord, ctx: WcContext): Map<string, WcTaxRate> {
  const rates = new Map(ctx.taxRates);
  for (const line of records(order['tax_lines'])) {
    const id = s(line, 'rate_id');
    const known = rates.get(id);
    const percent = s(line, 'rate_percent');
    const rate = percent ? parseAmount(percent) : known?.rate;
    if (rate) rates.set(id, { name: s(line, 'label') || s(line, 'rate_code') || known?.name || id, rate });
  }
  return rates;
}

interface Priced {
  excl: Amount;
  vat: Amount;
  taxIds: string[];
}

function priced(item: WcRecord, doc: string, sign: 1 | -1): Priced {
  const excl = amountAt(item['total'], 'total', doc).times(sign);
  const vat = amountAt(item['total_tax'], 'total_tax', doc, ZERO).times(sign);
  const taxIds = records(item['taxes'])
    .filter((x) => !amountAt(x['total'] || '0', 'taxes.total', doc).eq(0))
    .map((x) => s(x, 'id'));
  return { excl, vat, taxIds };
}

/** One tax per line in Europe; stacked US taxes become one combined name and rate. */
function taxOf(p: Priced, rates: ReadonlyMap<string, WcTaxRate>): { name: string; rate: Amount } {
  const known = p.taxIds.map((id) => rates.get(id));
  if (known.length > 0 && known.every((k) => k !== undefined)) {
    return { name: known.map((k) => k.name).join(' + '), rate: sum(known.map((k) => k.rate)) };
  }
  return { name: '', rate: rateFromAmounts(p.excl, p.excl.plus(p.vat)) };
}

function line(
  item: WcRecord,
  p: Priced,
  rates: ReadonlyMap<string, WcTaxRate>,
  doc: string,
  sign: 1 | -1,
  fee = false,
): OrderLine {
  const tax = taxOf(p, rates);
  const result: OrderLine = {
    productKey: fee
      ? `fee-${s(item, 'id')}`
      : s(item, 'variation_id') !== '0' && s(item, 'variation_id')
        ? s(item, 'variation_id')
        : s(item, 'product_id'),
    productReference: s(item, 'sku'),
    productName: s(item, 'name'),
    quantity: fee ? parseAmount('1') : amountAt(item['quantity'], 'quantity', doc).times(sign),
    totalPriceTaxExcl: p.excl,
    totalPriceTaxIncl: p.excl.plus(p.vat),
    taxName: tax.name,
    taxRate: tax.rate,
  };
  const subtotal = s(item, 'subtotal');
  if (!fee && subtotal) {
    const discount = amountAt(subtotal, 'subtotal', doc).times(sign).minus(p.excl);
    if (discount.gt(0)) result.discountTaxExcl = discount;
  }
  return result;
}

function address(r: WcRecord): Address {
  return {
    ...emptyAddress(),
    company: s(r, 'company'),
    firstname: s(r, 'first_name'),
    lastname: s(r, 'last_name'),
    address1: s(r, 'address_1'),
    address2: s(r, 'address_2'),
    postcode: s(r, 'postcode'),
    city: s(r, 'city'),
    state: s(r, 'state'),
    countryIso: s(r, 'country').toUpperCase(),
    phone: s(r, 'phone'),
  };
}

/** Site-local date first (the document model is in shop time), the GMT one when trimmed away. */
const localDate = (r: WcRecord, field: string): ReturnType<typeof shopDate> =>
  shopDate(r[field]) ?? shopDate(r[`${field}_gmt`]);

function base(
  order: WcRecord,
  identity: Pick<SalesDocument, 'type' | 'shopKey' | 'orderKey' | 'creditNoteKey'>,
): Omit<SalesDocument, 'lines' | 'totals'> {
  const billing = obj(order['billing']);
  const created = localDate(order, 'date_created');
  const shipping = records(order['shipping_lines'])[0];
  const customerId = s(order, 'customer_id');
  const result: Omit<SalesDocument, 'lines' | 'totals'> = {
    ...identity,
    refs: {},
    orderDate: created?.date ?? '',
    orderStatus: s(order, 'status'),
    orderNumber: s(order, 'number') || s(order, 'id'),
    paymentName: s(order, 'payment_method_title') || s(order, 'payment_method'),
    currencyCode: (s(order, 'currency') || 'EUR').toUpperCase(),
    currencyRate: parseAmount('1'),
    customer: {
      key: customerId === '0' ? '' : customerId,
      company: s(billing, 'company'),
      firstname: s(billing, 'first_name'),
      lastname: s(billing, 'last_name'),
      email: s(billing, 'email'),
      vatNumber: '',
    },
    invoiceAddress: address(billing),
    deliveryAddress: address(obj(order['shipping'])),
  };
  if (created?.time) result.orderTime = created.time;
  if (shipping) {
    result.carrierKey = s(shipping, 'method_id');
    result.carrierName = s(shipping, 'method_title');
  }
  return result;
}

function shippingTax(
  lines: WcRecord[],
  rates: ReadonlyMap<string, WcTaxRate>,
  doc: string,
  sign: 1 | -1,
): Partial<SalesDocument> {
  const p = lines.map((l) => priced(l, doc, sign));
  const ids = [...new Set(p.flatMap((x) => x.taxIds))];
  if (ids.length === 0) return {};
  const tax = taxOf({ excl: ZERO, vat: ZERO, taxIds: ids }, rates);
  return { shippingTaxName: tax.name, shippingTaxRate: tax.rate };
}

export function normaliseWoocommerceOrder(order: WcRecord, ctx: WcContext): SalesDocument {
  const identity = { type: 'ORDER' as const, shopKey: '1', orderKey: s(order, 'id') };
  const doc = describeDocument(identity);
  const rates = orderRates(order, ctx);
  const items = [...records(order['line_items']), ...records(order['fee_lines'])];
  const fees = new Set(records(order['fee_lines']));
  const pricedItems = items.map((item) => ({ item, p: priced(item, doc, 1) }));
  const lines = pricedItems.map(({ item, p }) => line(item, p, rates, doc, 1, fees.has(item)));
  const shippingLines = records(order['shipping_lines']);
  const shippingExcl = amountAt(order['shipping_total'], 'shipping_total', doc, ZERO);
  const paidIncl = amountAt(order['total'], 'total', doc);
  const totalTax = amountAt(order['total_tax'], 'total_tax', doc, ZERO);
  const document: SalesDocument = {
    ...base(order, identity),
    ...shippingTax(shippingLines, rates, doc, 1),
    totals: {
      productsTaxExcl: sum(lines.map((l) => l.totalPriceTaxExcl)),
      productsTaxIncl: sum(lines.map((l) => l.totalPriceTaxIncl)),
      discountsTaxExcl: ZERO,
      discountsTaxIncl: ZERO,
      shippingTaxExcl: shippingExcl,
      shippingTaxIncl: shippingExcl.plus(amountAt(order['shipping_tax'], 'shipping_tax', doc, ZERO)),
      wrappingTaxExcl: ZERO,
      wrappingTaxIncl: ZERO,
      paidTaxExcl: paidIncl.minus(totalTax),
      paidTaxIncl: paidIncl,
    },
    lines,
  };
  const summary = taxSummary(
    order,
    rates,
    [...pricedItems.map((x) => x.p), ...shippingLines.map((l) => priced(l, doc, 1))],
    doc,
  );
  if (summary.length > 0) document.taxes = summary;
  const paid = localDate(order, 'date_paid');
  if (paid) {
    document.payments = [
      {
        name: document.paymentName ?? '',
        date: paid.date,
        amount: paidIncl,
        currencyCode: document.currencyCode,
      },
    ];
    if (s(order, 'transaction_id')) document.payments[0]!.transactionId = s(order, 'transaction_id');
  }
  return document;
}

/** The shop's own totals per rate (tax_lines), with the base of the lines carrying that rate. */
function taxSummary(
  order: WcRecord,
  rates: ReadonlyMap<string, WcTaxRate>,
  parts: Priced[],
  doc: string,
): TaxSummary[] {
  return records(order['tax_lines']).map((t) => {
    const id = s(t, 'rate_id');
    const amount = amountAt(t['tax_total'], 'tax_total', doc, ZERO).plus(
      amountAt(t['shipping_tax_total'], 'shipping_tax_total', doc, ZERO),
    );
    const rate = rates.get(id);
    return {
      name: rate?.name ?? (s(t, 'label') || s(t, 'rate_code')),
      rate: rate?.rate ?? ZERO,
      base: sum(parts.filter((p) => p.taxIds.includes(id)).map((p) => p.excl)),
      amount,
    };
  });
}

/** A refund of `order`. WooCommerce gives refund lines negative and the amount positive. */
export function normaliseWoocommerceRefund(refund: WcRecord, order: WcRecord, ctx: WcContext): SalesDocument {
  const identity = {
    type: 'CREDITNOTE' as const,
    shopKey: '1',
    orderKey: s(order, 'id'),
    creditNoteKey: s(refund, 'id'),
  };
  const doc = describeDocument(identity);
  const rates = orderRates(order, ctx);
  const originals = new Map(records(order['line_items']).map((l) => [s(l, 'id'), l]));
  const fees = new Set(records(refund['fee_lines']));
  const items = [...records(refund['line_items']), ...records(refund['fee_lines'])]
    .map((item) => ({ item, p: priced(item, doc, -1) }))
    // A restock without money (quantity only) says nothing the accounts need.
    .filter(({ p }) => !p.excl.eq(0) || !p.vat.eq(0));
  const lines = items.map(({ item, p }) => {
    const refunded = records(item['meta_data']).find((m) => s(m, 'key') === '_refunded_item_id');
    const original = refunded ? originals.get(s(refunded, 'value')) : undefined;
    // A refund line without its own tax detail takes the tax of the line it refunds.
    const withTax = p.taxIds.length === 0 && original ? { ...p, taxIds: priced(original, doc, 1).taxIds } : p;
    return line(item, withTax, rates, doc, -1, fees.has(item));
  });
  const shipping = records(refund['shipping_lines']).map((l) => priced(l, doc, -1));
  const shippingExcl = sum(shipping.map((p) => p.excl));
  const shippingIncl = sum(shipping.map((p) => p.excl.plus(p.vat)));
  const amount = amountAt(refund['amount'], 'amount', doc);
  const vat = sum([
    ...lines.map((l) => l.totalPriceTaxIncl.minus(l.totalPriceTaxExcl)),
    shippingIncl.minus(shippingExcl),
  ]);
  const created = localDate(refund, 'date_created');
  const document: SalesDocument = {
    ...base(order, identity),
    ...shippingTax(records(refund['shipping_lines']), rates, doc, -1),
    creditNoteNumber: s(refund, 'id'),
    creditNoteDate: created?.date ?? '',
    totals: {
      productsTaxExcl: sum(lines.map((l) => l.totalPriceTaxExcl)),
      productsTaxIncl: sum(lines.map((l) => l.totalPriceTaxIncl)),
      discountsTaxExcl: ZERO,
      discountsTaxIncl: ZERO,
      shippingTaxExcl: shippingExcl,
      shippingTaxIncl: shippingIncl,
      wrappingTaxExcl: ZERO,
      wrappingTaxIncl: ZERO,
      paidTaxExcl: amount.minus(vat),
      paidTaxIncl: amount,
    },
    lines,
  };
  if (str(refund['refunded_payment']) === 'true' && created) {
    document.payments = [
      { name: document.paymentName ?? '', date: created.date, amount, currencyCode: document.currencyCode },
    ];
  }
  return document;
}
