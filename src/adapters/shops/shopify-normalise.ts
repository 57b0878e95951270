// Shopify Admin REST order / refund → SalesDocument. Pure; payloads come from
// parseJsonLossless (numbers are their source text). Amounts are read in the shop currency
// (`*_set.shop_money`), discounts as allocated to the lines, the original order plus its
// refunds rather than the `current_*` fields. A GraphQL connector can feed the same
// functions by mapping its nodes to these field names.
import {
  describeDocument,
  type Address,
  type OrderLine,
  type Payment,
  type SalesDocument,
  type TaxSummary,
} from '../../domain/document.js';
import { DocumentError } from '../../domain/errors.js';
import { amountFromInteger, parseAmount, sum, ZERO, type Amount } from '../../domain/money.js';
import {
  amountAt,
  DOCUMENT_ERROR_CODE,
  emptyAddress,
  rateFromAmounts,
  shopDate,
  str,
} from './normalise-common.js';

export type ShRecord = Record<string, unknown>;
const HUNDRED = amountFromInteger(100);

const records = (value: unknown): ShRecord[] =>
  Array.isArray(value) ? value.filter((v): v is ShRecord => typeof v === 'object' && v !== null) : [];
const obj = (value: unknown): ShRecord => (value && typeof value === 'object' ? (value as ShRecord) : {});
const s = (r: ShRecord, field: string): string => str(r[field]).trim();

/** `field` in shop money (`field_set.shop_money.amount`), else the plain field. */
function money(r: ShRecord, field: string, doc: string, fallback?: Amount): Amount {
  const set = obj(obj(r[`${field}_set`])['shop_money'])['amount'];
  return amountAt(set ?? r[field], field, doc, fallback);
}

interface Taxed {
  name: string;
  rate: Amount;
  amount: Amount;
}

function taxes(r: ShRecord, doc: string): Taxed[] {
  return records(r['tax_lines']).map((t) => ({
    name: s(t, 'title'),
    rate: amountAt(t['rate'], 'tax_lines.rate', doc, ZERO).times(HUNDRED),
    amount: money(t, 'price', doc, ZERO),
  }));
}

/** One tax per line in Europe; stacked taxes (US, Canada) become one combined name and rate. */
function combined(list: Taxed[], excl: Amount, incl: Amount): { name: string; rate: Amount } {
  const charged = list.filter((t) => !t.amount.eq(0));
  if (charged.length === 0) return { name: '', rate: rateFromAmounts(excl, incl) };
  return { name: charged.map((t) => t.name).join(' + '), rate: sum(charged.map((t) => t.rate)) };
}

function split(gross: Amount, vat: Amount, included: boolean): { excl: Amount; incl: Amount } {
  return included ? { excl: gross.minus(vat), incl: gross } : { excl: gross, incl: gross.plus(vat) };
}

function address(r: unknown): Address | undefined {
  if (!r || typeof r !== 'object') return undefined;
  const a = r as ShRecord;
  return {
    ...emptyAddress(),
    company: s(a, 'company'),
    firstname: s(a, 'first_name'),
    lastname: s(a, 'last_name'),
    address1: s(a, 'address1'),
    address2: s(a, 'address2'),
    postcode: s(a, 'zip'),
    city: s(a, 'city'),
    state: s(a, 'province'),
    countryIso: s(a, 'country_code').toUpperCase(),
    countryName: s(a, 'country'),
    phone: s(a, 'phone'),
  };
}

function base(
  order: ShRecord,
  identity: Pick<SalesDocument, 'type' | 'shopKey' | 'orderKey' | 'creditNoteKey'>,
): Omit<SalesDocument, 'lines' | 'totals'> {
  const customer = obj(order['customer']);
  const billing = address(order['billing_address']);
  const shipping = address(order['shipping_address']);
  const date = shopDate(order['processed_at']) ?? shopDate(order['created_at']);
  const carrier = records(order['shipping_lines'])[0];
  const gateways = Array.isArray(order['payment_gateway_names'])
    ? order['payment_gateway_names'].map(str)
    : [];
  const result: Omit<SalesDocument, 'lines' | 'totals'> = {
    ...identity,
    refs: {},
    orderDate: date?.date ?? '',
    orderStatus: s(order, 'financial_status'),
    // "#1001" is what the merchant sees; order_number 1001 and number 1 are other fields.
    orderNumber: s(order, 'order_number') || s(order, 'id'),
    orderReference: s(order, 'name'),
    paymentName: gateways[0] ?? s(order, 'gateway'),
    currencyCode: (s(order, 'currency') || 'EUR').toUpperCase(),
    currencyRate: parseAmount('1'),
    customer: {
      key: s(customer, 'id'),
      company: billing?.company ?? '',
      firstname: s(customer, 'first_name') || (billing?.firstname ?? ''),
      lastname: s(customer, 'last_name') || (billing?.lastname ?? ''),
      email: s(order, 'email') || s(customer, 'email'),
      vatNumber: '',
    },
  };
  if (date?.time) result.orderTime = date.time;
  if (billing) result.invoiceAddress = billing;
  if (shipping) result.deliveryAddress = shipping;
  if (carrier) {
    result.carrierKey = s(carrier, 'code');
    result.carrierName = s(carrier, 'title');
  }
  return result;
}

/** Payments from the order's transactions: successful sales and captures, fees when given. */
export function shopifyPayments(transactions: ShRecord[], doc: string): Payment[] {
  return transactions
    .filter((t) => ['sale', 'capture'].includes(s(t, 'kind')) && s(t, 'status') === 'success')
    .map((t) => {
      const payment: Payment = {
        name: s(t, 'gateway'),
        amount: amountAt(t['amount'], 'transactions.amount', doc),
        transactionId: s(t, 'id'),
      };
      const date = shopDate(t['processed_at']) ?? shopDate(t['created_at']);
      if (date) payment.date = date.date;
      if (s(t, 'currency')) payment.currencyCode = s(t, 'currency');
      const fees = records(t['fees']);
      if (fees.length > 0)
        payment.fee = sum(fees.map((f) => amountAt(f['amount'], 'fees.amount', doc, ZERO)));
      return payment;
    });
}

export function normaliseShopifyOrder(order: ShRecord, transactions?: ShRecord[]): SalesDocument {
  const identity = { type: 'ORDER' as const, shopKey: '1', orderKey: s(order, 'id') };
  const doc = describeDocument(identity);
  const included = s(order, 'taxes_included') === 'true';
  const parts: { excl: Amount; taxes: Taxed[] }[] = [];
  const lines = records(order['line_items']).map((item): OrderLine => {
    const quantity = amountAt(item['quantity'], 'quantity', doc);
    const price = money(item, 'price', doc);
    const discount = sum(records(item['discount_allocations']).map((d) => money(d, 'amount', doc)));
    const t = taxes(item, doc);
    const { excl, incl } = split(
      price.times(quantity).minus(discount),
      sum(t.map((x) => x.amount)),
      included,
    );
    parts.push({ excl, taxes: t });
    const tax = combined(t, excl, incl);
    const line: OrderLine = {
      productKey: s(item, 'variant_id') || s(item, 'product_id'),
      productReference: s(item, 'sku'),
      productName: s(item, 'name') || s(item, 'title'),
      quantity,
      totalPriceTaxExcl: excl,
      totalPriceTaxIncl: incl,
      taxName: tax.name,
      taxRate: tax.rate,
    };
    if (included) line.unitPriceTaxIncl = price;
    else line.unitPriceTaxExcl = price;
    if (item['gift_card'] === true) line.giftCard = true;
    if (discount.gt(0))
      line.discountTaxExcl = included
        ? discount.minus(discount.times(tax.rate).div(tax.rate.plus(HUNDRED)))
        : discount;
    return line;
  });
  const gross = sum(lines.map((l) => (included ? l.totalPriceTaxIncl : l.totalPriceTaxExcl)));
  const subtotal = money(order, 'subtotal_price', doc, gross);
  if (!subtotal.eq(gross)) {
    throw new DocumentError(
      doc,
      `the shop's figures disagree: subtotal_price ${subtotal.toFixed(2)} but the line items less their discounts make ${gross.toFixed(2)}`,
      {
        field: 'subtotal_price',
        code: DOCUMENT_ERROR_CODE,
        fix: 'Correct the order in Shopify (or have its figures checked), then run again. It is not booked, so that nothing is booked wrong.',
      },
    );
  }
  let shipExcl = ZERO;
  let shipIncl = ZERO;
  const shipTaxes: Taxed[] = [];
  for (const line of records(order['shipping_lines'])) {
    const discount = sum(records(line['discount_allocations']).map((d) => money(d, 'amount', doc)));
    const t = taxes(line, doc);
    const { excl, incl } = split(
      money(line, 'price', doc).minus(discount),
      sum(t.map((x) => x.amount)),
      included,
    );
    parts.push({ excl, taxes: t });
    shipTaxes.push(...t);
    shipExcl = shipExcl.plus(excl);
    shipIncl = shipIncl.plus(incl);
  }
  const paidIncl = money(order, 'total_price', doc);
  const shipTax = combined(shipTaxes, shipExcl, shipIncl);
  const document: SalesDocument = {
    ...base(order, identity),
    shippingTaxName: shipTax.name,
    shippingTaxRate: shipTax.rate,
    totals: {
      productsTaxExcl: sum(lines.map((l) => l.totalPriceTaxExcl)),
      productsTaxIncl: sum(lines.map((l) => l.totalPriceTaxIncl)),
      discountsTaxExcl: ZERO,
      discountsTaxIncl: ZERO,
      shippingTaxExcl: shipExcl,
      shippingTaxIncl: shipIncl,
      wrappingTaxExcl: ZERO,
      wrappingTaxIncl: ZERO,
      paidTaxExcl: paidIncl.minus(money(order, 'total_tax', doc, ZERO)),
      paidTaxIncl: paidIncl,
    },
    lines,
  };
  const summary = taxes(order, doc).map((t): TaxSummary => ({
    ...t,
    base: sum(
      parts.filter((p) => p.taxes.some((x) => x.name === t.name && x.rate.eq(t.rate))).map((p) => p.excl),
    ),
  }));
  if (summary.length > 0) document.taxes = summary;
  if (transactions) document.payments = shopifyPayments(transactions, doc);
  return document;
}

/** A refund of `order`: refunded lines, shipping refunds (order adjustments), refund transactions. */
export function normaliseShopifyRefund(refund: ShRecord, order: ShRecord): SalesDocument {
  const identity = {
    type: 'CREDITNOTE' as const,
    shopKey: '1',
    orderKey: s(order, 'id'),
    creditNoteKey: s(refund, 'id'),
  };
  const doc = describeDocument(identity);
  const included = s(order, 'taxes_included') === 'true';
  const originals = new Map(records(order['line_items']).map((l) => [s(l, 'id'), l]));
  const lines: OrderLine[] = [];
  for (const r of records(refund['refund_line_items'])) {
    const item =
      Object.keys(obj(r['line_item'])).length > 0
        ? obj(r['line_item'])
        : (originals.get(s(r, 'line_item_id')) ?? {});
    const vat = money(r, 'total_tax', doc, ZERO);
    const { excl, incl } = split(money(r, 'subtotal', doc, ZERO), vat, included);
    // A restock without money says nothing the accounts need.
    if (excl.eq(0) && vat.eq(0)) continue;
    const tax = combined(taxes(item, doc), excl, incl);
    lines.push({
      productKey: s(item, 'variant_id') || s(item, 'product_id'),
      productReference: s(item, 'sku'),
      productName: s(item, 'name') || s(item, 'title'),
      quantity: amountAt(r['quantity'], 'quantity', doc),
      totalPriceTaxExcl: excl,
      totalPriceTaxIncl: incl,
      taxName: tax.name,
      taxRate: tax.rate,
    });
  }
  let shipExcl = ZERO;
  let shipIncl = ZERO;
  for (const adj of records(refund['order_adjustments'])) {
    // Adjustments are negative from the order's side: a refund gives them back.
    const excl = money(adj, 'amount', doc, ZERO).neg();
    const vat = money(adj, 'tax_amount', doc, ZERO).neg();
    if (s(adj, 'kind') === 'shipping_refund') {
      shipExcl = shipExcl.plus(excl);
      shipIncl = shipIncl.plus(excl).plus(vat);
    } else if (!excl.eq(0) || !vat.eq(0)) {
      const name = s(adj, 'reason') || s(adj, 'kind');
      lines.push({
        productKey: `adjustment-${s(adj, 'id')}`,
        productReference: '',
        productName: name,
        quantity: parseAmount('1'),
        totalPriceTaxExcl: excl,
        totalPriceTaxIncl: excl.plus(vat),
        taxName: '',
        taxRate: rateFromAmounts(excl, excl.plus(vat)),
      });
    }
  }
  const refunds = records(refund['transactions']).filter(
    (t) => s(t, 'kind') === 'refund' && s(t, 'status') === 'success',
  );
  const productsIncl = sum(lines.map((l) => l.totalPriceTaxIncl));
  // No refund transaction: the refund moved no money through a gateway; its parts are the amount.
  const paidIncl =
    refunds.length > 0
      ? sum(refunds.map((t) => amountAt(t['amount'], 'transactions.amount', doc)))
      : productsIncl.plus(shipIncl);
  const vat = productsIncl.minus(sum(lines.map((l) => l.totalPriceTaxExcl))).plus(shipIncl.minus(shipExcl));
  const date = shopDate(refund['processed_at']) ?? shopDate(refund['created_at']);
  const document: SalesDocument = {
    ...base(order, identity),
    creditNoteNumber: s(refund, 'id'),
    creditNoteDate: date?.date ?? '',
    totals: {
      productsTaxExcl: sum(lines.map((l) => l.totalPriceTaxExcl)),
      productsTaxIncl: productsIncl,
      discountsTaxExcl: ZERO,
      discountsTaxIncl: ZERO,
      shippingTaxExcl: shipExcl,
      shippingTaxIncl: shipIncl,
      wrappingTaxExcl: ZERO,
      wrappingTaxIncl: ZERO,
      paidTaxExcl: paidIncl.minus(vat),
      paidTaxIncl: paidIncl,
    },
    lines,
  };
  if (refunds.length > 0)
    document.payments = shopifyPayments(
      refunds.map((t) => ({ ...t, kind: 'sale' })),
      doc,
    );
  return document;
}
