// Writes SalesDocuments back as order interchange XML (order-xml.md), the "source document
// file" of the run page: read back by readOrderXml it gives equal documents, so a user can
// re-drop a downloaded file and get the same entries.
import type {
  Address,
  Customer,
  OrderLine,
  Payment,
  SalesDocument,
  TaxSummary,
} from '../../domain/document.js';
import type { Amount } from '../../domain/money.js';
import { REF_FIELDS } from './order-schema.js';

type Value = string | Amount | undefined;

// Characters XML 1.0 cannot hold at all, even escaped; a shop field holding one would make
// the whole file unreadable, so they are dropped.
/* eslint-disable no-control-regex -- matching control characters is the point */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
/* eslint-enable no-control-regex */

function cdata(text: string): string {
  // "]]>" cannot occur inside a CDATA section: close it between "]]" and ">".
  return `<![CDATA[${text.replace(NOT_XML, '').replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

function valueText(value: Exclude<Value, undefined>): string {
  // toFixed() without decimals writes the exact value in plain notation (toString may use exponents).
  return typeof value === 'string' ? value : value.toFixed();
}

/** Elements for the defined values, in order; undefined values are left out. */
function fields(indent: string, entries: [string, Value][]): string {
  return entries
    .filter((entry): entry is [string, Exclude<Value, undefined>] => entry[1] !== undefined)
    .map(([name, value]) => `${indent}<${name}>${cdata(valueText(value))}</${name}>\n`)
    .join('');
}

function element(indent: string, name: string, body: string): string {
  return body === '' ? `${indent}<${name}/>\n` : `${indent}<${name}>\n${body}${indent}</${name}>\n`;
}

function list<T>(
  indent: string,
  name: string,
  item: string,
  items: T[],
  write: (value: T) => [string, Value][],
): string {
  const inner = `${indent}    `;
  return element(
    indent,
    name,
    items.map((value) => element(`${indent}  `, item, fields(inner, write(value)))).join(''),
  );
}

function withTime(date: string, time: string | undefined): string {
  return time ? `${date} ${time}` : date;
}

function customerFields(c: Customer): [string, Value][] {
  return [
    ['customer_key', c.key],
    ['company', c.company],
    ['firstname', c.firstname],
    ['lastname', c.lastname],
    ['email', c.email],
    ['vat_number', c.vatNumber],
    ['accounting_account', c.accountingAccount],
    ['customer_account', c.customerAccount],
  ];
}

function addressFields(a: Address): [string, Value][] {
  return [
    ['company', a.company],
    ['firstname', a.firstname],
    ['lastname', a.lastname],
    ['address1', a.address1],
    ['address2', a.address2],
    ['postcode', a.postcode],
    ['city', a.city],
    ['state', a.state],
    ['country_iso', a.countryIso],
    ['country_name', a.countryName],
    ['phone', a.phone],
    ['vat_number', a.vatNumber],
  ];
}

function lineFields(l: OrderLine): [string, Value][] {
  return [
    ['product_key', l.productKey],
    ['product_reference', l.productReference],
    ['product_name', l.productName],
    ['quantity', l.quantity],
    ['unit_price_tax_excl', l.unitPriceTaxExcl],
    ['unit_price_tax_incl', l.unitPriceTaxIncl],
    ['total_price_tax_excl', l.totalPriceTaxExcl],
    ['total_price_tax_incl', l.totalPriceTaxIncl],
    ['tax_name', l.taxName],
    ['tax_rate', l.taxRate],
    ['discount_tax_excl', l.discountTaxExcl],
    ['accounting_account', l.accountingAccount],
    ['analytic_section', l.analyticSection],
    ['gift_card', l.giftCard ? '1' : undefined],
  ];
}

function taxFields(t: TaxSummary): [string, Value][] {
  return [
    ['name', t.name],
    ['rate', t.rate],
    ['base', t.base],
    ['amount', t.amount],
  ];
}

function paymentFields(p: Payment): [string, Value][] {
  return [
    ['payment_name', p.name],
    ['payment_date', p.date],
    ['amount', p.amount],
    ['fee', p.fee],
    ['currency_code', p.currencyCode],
    ['transaction_id', p.transactionId],
  ];
}

/** One `<order>…</order>` element (indented for a place inside `<orders>`), texts in CDATA. */
export function serializeOrder(doc: SalesDocument): string {
  const i = '    ';
  const t = doc.totals;
  const head = fields(i, [
    ['order_type', doc.type],
    ['shop_key', doc.shopKey],
    ['order_key', doc.orderKey],
    ...REF_FIELDS.map((name): [string, Value] => [name, doc.refs[name]]),
    ['creditnote_key', doc.creditNoteKey],
    ['order_date', withTime(doc.orderDate, doc.orderTime)],
    ['order_status', doc.orderStatus],
    ['order_number', doc.orderNumber],
    ['order_reference', doc.orderReference],
    ['invoice_date', doc.invoiceDate],
    ['invoice_number', doc.invoiceNumber],
    ['creditnote_date', doc.creditNoteDate],
    ['creditnote_number', doc.creditNoteNumber],
    ['delivery_date', doc.deliveryDate],
    ['return_date', doc.returnDate],
    ['return_number', doc.returnNumber],
    ['due_date', doc.dueDate],
    ['payment_name', doc.paymentName],
    ['currency_key', doc.currencyKey],
    ['currency_code', doc.currencyCode],
    ['currency_rate', doc.currencyRate],
    ['carrier_key', doc.carrierKey],
    ['carrier_name', doc.carrierName],
    ['shipping_tax_name', doc.shippingTaxName],
    ['shipping_tax_rate', doc.shippingTaxRate],
    ['total_products_tax_excl', t.productsTaxExcl],
    ['total_products_tax_incl', t.productsTaxIncl],
    ['total_discounts_tax_excl', t.discountsTaxExcl],
    ['total_discounts_tax_incl', t.discountsTaxIncl],
    ['total_shipping_tax_excl', t.shippingTaxExcl],
    ['total_shipping_tax_incl', t.shippingTaxIncl],
    ['total_wrapping_tax_excl', t.wrappingTaxExcl],
    ['total_wrapping_tax_incl', t.wrappingTaxIncl],
    ['wrapping_tax_name', doc.wrappingTaxName],
    ['wrapping_tax_rate', doc.wrappingTaxRate],
    ['total_paid_tax_excl', t.paidTaxExcl],
    ['total_paid_tax_incl', t.paidTaxIncl],
  ]);
  const body = [
    head,
    element(i, 'customer', fields(`${i}  `, customerFields(doc.customer))),
    doc.invoiceAddress
      ? element(i, 'invoice_address', fields(`${i}  `, addressFields(doc.invoiceAddress)))
      : '',
    doc.deliveryAddress
      ? element(i, 'delivery_address', fields(`${i}  `, addressFields(doc.deliveryAddress)))
      : '',
    list(i, 'order_lines', 'order_line', doc.lines, lineFields),
    doc.taxes ? list(i, 'taxes', 'tax', doc.taxes, taxFields) : '',
    doc.payments ? list(i, 'payments', 'payment', doc.payments, paymentFields) : '',
  ].join('');
  return `  <order>\n${body}  </order>\n`;
}

/** A whole UTF-8 order file, piece by piece, so that a large run is written as a stream. */
export function* serializeOrders(docs: Iterable<SalesDocument>): Generator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n<orders>\n';
  for (const doc of docs) yield serializeOrder(doc);
  yield '</orders>\n';
}
