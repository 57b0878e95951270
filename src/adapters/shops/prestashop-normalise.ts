// PrestaShop order / credit slip → SalesDocument. Pure: the connector fetches the records
// (order, its order_details, customer, addresses, carrier, currency, payments, taxes).
import {
  describeDocument,
  type Address,
  type OrderLine,
  type Payment,
  type SalesDocument,
} from '../../domain/document.js';
import { parseAmount, sum, ZERO, type Amount } from '../../domain/money.js';
import { amountAt, emptyAddress, rateFromAmounts, shopDate } from './normalise-common.js';
import { association, psText, type PsRecord } from './prestashop-xml.js';

export interface PsOrderBundle {
  order: PsRecord;
  /** The order's order_details (per-line tax detail); the order_rows are used when empty. */
  details: PsRecord[];
  customer?: PsRecord;
  invoiceAddress?: PsRecord;
  deliveryAddress?: PsRecord;
  countries: ReadonlyMap<string, PsRecord>;
  carrier?: PsRecord;
  currency?: PsRecord;
  /** order_payments of the order's reference; undefined when not read. */
  payments?: PsRecord[];
  taxes: ReadonlyMap<string, PsRecord>;
}

const t = (record: PsRecord | undefined, field: string): string =>
  record ? psText(record[field]).trim() : '';
const key = (record: PsRecord | undefined, field: string): string => {
  const value = t(record, field);
  return value === '0' ? '' : value;
};

function address(
  record: PsRecord | undefined,
  countries: ReadonlyMap<string, PsRecord>,
): Address | undefined {
  if (!record) return undefined;
  const country = countries.get(t(record, 'id_country'));
  return {
    ...emptyAddress(),
    company: t(record, 'company'),
    firstname: t(record, 'firstname'),
    lastname: t(record, 'lastname'),
    address1: t(record, 'address1'),
    address2: t(record, 'address2'),
    postcode: t(record, 'postcode'),
    city: t(record, 'city'),
    countryIso: t(country, 'iso_code').toUpperCase(),
    countryName: t(country, 'name'),
    phone: t(record, 'phone') || t(record, 'phone_mobile'),
    vatNumber: t(record, 'vat_number'),
  };
}

function lineTax(
  detail: PsRecord,
  taxes: ReadonlyMap<string, PsRecord>,
  excl: Amount,
  incl: Amount,
): { name: string; rate: Amount } {
  const ids = association(detail, 'taxes', 'tax').map((x) => psText(x['id']));
  const tax = ids.map((id) => taxes.get(id)).find((x) => x !== undefined);
  const rateText = t(tax, 'rate') || t(detail, 'tax_rate');
  // No tax record (id_tax_rules_group 0, or an old tax since deleted): the line's own amounts say the rate.
  const rate = rateText ? parseAmount(rateText) : rateFromAmounts(excl, incl);
  return { name: t(tax, 'name') || t(detail, 'tax_name'), rate };
}

function orderLines(b: PsOrderBundle, doc: string): OrderLine[] {
  if (b.details.length > 0) return b.details.map((d) => detailLine(d, b.taxes, doc));
  return association(b.order, 'order_rows', 'order_row').map((row) => {
    const quantity = amountAt(row['product_quantity'], 'product_quantity', doc);
    const unitExcl = amountAt(row['unit_price_tax_excl'], 'unit_price_tax_excl', doc);
    const unitIncl = amountAt(row['unit_price_tax_incl'], 'unit_price_tax_incl', doc);
    const excl = unitExcl.times(quantity);
    const incl = unitIncl.times(quantity);
    return {
      productKey: t(row, 'product_id'),
      productReference: t(row, 'product_reference'),
      productName: t(row, 'product_name'),
      quantity,
      unitPriceTaxExcl: unitExcl,
      unitPriceTaxIncl: unitIncl,
      totalPriceTaxExcl: excl,
      totalPriceTaxIncl: incl,
      taxName: '',
      taxRate: rateFromAmounts(excl, incl),
    };
  });
}

function detailLine(d: PsRecord, taxes: ReadonlyMap<string, PsRecord>, doc: string): OrderLine {
  const excl = amountAt(d['total_price_tax_excl'], 'total_price_tax_excl', doc);
  const incl = amountAt(d['total_price_tax_incl'], 'total_price_tax_incl', doc);
  const tax = lineTax(d, taxes, excl, incl);
  const line: OrderLine = {
    productKey: t(d, 'product_id'),
    productReference: t(d, 'product_reference'),
    productName: t(d, 'product_name'),
    quantity: amountAt(d['product_quantity'], 'product_quantity', doc),
    unitPriceTaxExcl: amountAt(d['unit_price_tax_excl'], 'unit_price_tax_excl', doc),
    unitPriceTaxIncl: amountAt(d['unit_price_tax_incl'], 'unit_price_tax_incl', doc),
    totalPriceTaxExcl: excl,
    totalPriceTaxIncl: incl,
    taxName: tax.name,
    taxRate: tax.rate,
  };
  const discount = amountAt(d['reduction_amount_tax_excl'], 'reduction_amount_tax_excl', doc, ZERO);
  if (discount.gt(0)) line.discountTaxExcl = discount.times(line.quantity);
  return line;
}

function payments(b: PsOrderBundle, currencyCode: string, doc: string): Payment[] | undefined {
  return b.payments?.map((p) => {
    const payment: Payment = {
      name: t(p, 'payment_method'),
      amount: amountAt(p['amount'], 'payment_amount', doc),
      currencyCode,
    };
    const date = shopDate(t(p, 'date_add'));
    if (date) payment.date = date.date;
    if (t(p, 'transaction_id')) payment.transactionId = t(p, 'transaction_id');
    return payment;
  });
}

/** The parts of a document that orders and their credit slips share. */
function base(
  b: PsOrderBundle,
  identity: Pick<SalesDocument, 'type' | 'shopKey' | 'orderKey' | 'creditNoteKey'>,
): Omit<SalesDocument, 'lines' | 'totals'> {
  const o = b.order;
  const doc = describeDocument(identity);
  const ordered = shopDate(t(o, 'date_add'));
  const invoiced = shopDate(t(o, 'invoice_date'));
  const delivered = shopDate(t(o, 'delivery_date'));
  const currencyCode = t(b.currency, 'iso_code').toUpperCase() || 'EUR';
  const c = b.customer;
  const invoiceAddress = address(b.invoiceAddress, b.countries);
  const result: Omit<SalesDocument, 'lines' | 'totals'> = {
    ...identity,
    refs: Object.fromEntries(
      [
        ['cart_key', key(o, 'id_cart')],
        ['country_key', t(b.invoiceAddress, 'id_country')],
      ].filter(([, v]) => v),
    ),
    orderDate: ordered?.date ?? '',
    orderStatus: t(o, 'current_state'),
    orderNumber: t(o, 'id'),
    orderReference: t(o, 'reference'),
    paymentName: t(o, 'payment'),
    currencyKey: t(o, 'id_currency'),
    currencyCode,
    currencyRate: amountAt(o['conversion_rate'], 'conversion_rate', doc, parseAmount('1')),
    carrierKey: key(o, 'id_carrier'),
    carrierName: t(b.carrier, 'name'),
    customer: {
      // PrestaShop keeps a customer record for guests too; the document model wants "" for them.
      key: t(c, 'is_guest') === '1' ? '' : key(o, 'id_customer'),
      company: t(c, 'company') || (invoiceAddress?.company ?? ''),
      firstname: t(c, 'firstname'),
      lastname: t(c, 'lastname'),
      email: t(c, 'email'),
      vatNumber: invoiceAddress?.vatNumber ?? '',
    },
  };
  if (ordered?.time) result.orderTime = ordered.time;
  if (invoiced && key(o, 'invoice_number')) {
    result.invoiceDate = invoiced.date;
    result.invoiceNumber = key(o, 'invoice_number');
  }
  if (delivered) result.deliveryDate = delivered.date;
  if (invoiceAddress) result.invoiceAddress = invoiceAddress;
  const deliveryAddress = address(b.deliveryAddress, b.countries);
  if (deliveryAddress) result.deliveryAddress = deliveryAddress;
  return result;
}

export function normalisePrestashopOrder(b: PsOrderBundle): SalesDocument {
  const o = b.order;
  const identity = { type: 'ORDER' as const, shopKey: key(o, 'id_shop') || '1', orderKey: t(o, 'id') };
  const doc = describeDocument(identity);
  const a = (field: string): Amount => amountAt(o[field], field, doc, ZERO);
  const document: SalesDocument = {
    ...base(b, identity),
    shippingTaxRate: a('carrier_tax_rate'),
    totals: {
      productsTaxExcl: a('total_products'),
      productsTaxIncl: a('total_products_wt'),
      discountsTaxExcl: a('total_discounts_tax_excl'),
      discountsTaxIncl: a('total_discounts_tax_incl'),
      shippingTaxExcl: a('total_shipping_tax_excl'),
      shippingTaxIncl: a('total_shipping_tax_incl'),
      wrappingTaxExcl: a('total_wrapping_tax_excl'),
      wrappingTaxIncl: a('total_wrapping_tax_incl'),
      paidTaxExcl: amountAt(o['total_paid_tax_excl'], 'total_paid_tax_excl', doc),
      paidTaxIncl: amountAt(o['total_paid_tax_incl'], 'total_paid_tax_incl', doc),
    },
    lines: orderLines(b, doc),
  };
  const paid = payments(b, document.currencyCode, doc);
  if (paid) document.payments = paid;
  return document;
}

/** A credit slip (order_slip) of the bundle's order: positive amounts, "given back". */
export function normalisePrestashopSlip(slip: PsRecord, b: PsOrderBundle): SalesDocument {
  const identity = {
    type: 'CREDITNOTE' as const,
    shopKey: key(b.order, 'id_shop') || '1',
    orderKey: t(slip, 'id_order'),
    creditNoteKey: t(slip, 'id'),
  };
  const doc = describeDocument(identity);
  const a = (field: string): Amount => amountAt(slip[field], field, doc, ZERO);
  const details = new Map(b.details.map((d) => [t(d, 'id'), d]));
  const lines = association(slip, 'order_slip_details', 'order_slip_detail').map((row): OrderLine => {
    const detail = details.get(t(row, 'id_order_detail')) ?? {};
    const excl = amountAt(row['amount_tax_excl'], 'amount_tax_excl', doc);
    const incl = amountAt(row['amount_tax_incl'], 'amount_tax_incl', doc);
    const tax = lineTax(detail, b.taxes, excl, incl);
    return {
      productKey: t(detail, 'product_id'),
      productReference: t(detail, 'product_reference'),
      productName: t(detail, 'product_name') || `order detail ${t(row, 'id_order_detail')}`,
      quantity: amountAt(row['product_quantity'], 'product_quantity', doc),
      totalPriceTaxExcl: excl,
      totalPriceTaxIncl: incl,
      taxName: tax.name,
      taxRate: tax.rate,
    };
  });
  const totals = {
    productsTaxExcl: a('total_products_tax_excl'),
    productsTaxIncl: a('total_products_tax_incl'),
    discountsTaxExcl: ZERO,
    discountsTaxIncl: ZERO,
    shippingTaxExcl: a('total_shipping_tax_excl'),
    shippingTaxIncl: a('total_shipping_tax_incl'),
    wrappingTaxExcl: ZERO,
    wrappingTaxIncl: ZERO,
  };
  const created = shopDate(t(slip, 'date_add'));
  const document: SalesDocument = {
    ...base(b, identity),
    creditNoteNumber: t(slip, 'id'),
    creditNoteDate: created?.date ?? '',
    currencyRate: amountAt(slip['conversion_rate'], 'conversion_rate', doc, parseAmount('1')),
    shippingTaxRate: amountAt(b.order['carrier_tax_rate'], 'carrier_tax_rate', doc, ZERO),
    totals: {
      ...totals,
      // The slip's `amount` is unreliable with vouchers (PrestaShop issue 35614): its parts are not.
      paidTaxExcl: sum([totals.productsTaxExcl, totals.shippingTaxExcl]),
      paidTaxIncl: sum([totals.productsTaxIncl, totals.shippingTaxIncl]),
    },
    lines,
  };
  return document;
}
