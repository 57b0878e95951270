// Maps the tree of one <order> to a SalesDocument, checking each field on the way. The
// first problem found becomes a DocumentError naming the document, the element path and
// the fix. Totals are not checked against the lines here: the accounting engine does
// that with the profile's tolerance.
import {
  describeDocument,
  type Address,
  type Customer,
  type DocumentType,
  type OrderLine,
  type Payment,
  type SalesDocument,
  type TaxSummary,
} from '../../domain/document.js';
import { isZero, ONE, ZERO, type Amount } from '../../domain/money.js';
import { FieldReader } from './order-field-reader.js';
import { REF_FIELDS, type XmlNode } from './order-schema.js';

/** Maps one <order> element; throws DocumentError for the first problem found. */
export function mapOrder(node: XmlNode): SalesDocument {
  // The identity is read leniently first, so that every error can name the document.
  const peek = (name: string): string | undefined =>
    node.children.find((child) => child.name === name)?.text.trim() || undefined;
  const rawType = peek('order_type')?.toUpperCase();
  const identity = {
    type: rawType === 'CREDITNOTE' ? ('CREDITNOTE' as const) : ('ORDER' as const),
    shopKey: peek('shop_key') ?? '1',
    orderKey: peek('order_key'),
    creditNoteKey: peek('creditnote_key'),
  };
  const f: FieldReader = new FieldReader(node, '', describeDocument(identity));

  const type = f.required('order_type').toUpperCase();
  if (type !== 'ORDER' && type !== 'CREDITNOTE') {
    f.fail(
      'order_type',
      `"${f.text('order_type')}" is not a document type`,
      'Use ORDER (sale) or CREDITNOTE',
    );
  }
  const documentType: DocumentType = type;
  const orderKey = f.required('order_key');
  const orderDate = f.date('order_date') ?? f.missing('order_date');
  const isCreditNote = documentType === 'CREDITNOTE';
  const creditNoteKey = isCreditNote ? f.required('creditnote_key') : f.text('creditnote_key');
  const creditNoteDate = f.date('creditnote_date');
  if (isCreditNote && !creditNoteDate) f.missing('creditnote_date');

  const refs: Record<string, string> = {};
  for (const name of REF_FIELDS) {
    const value = f.text(name);
    if (value !== undefined) refs[name] = value;
  }

  const currencyCode = f.text('currency_code')?.toUpperCase() ?? 'EUR';
  if (!/^[A-Z]{3}$/.test(currencyCode)) {
    f.fail('currency_code', `"${currencyCode}" is not an ISO 4217 code`, 'Use a 3-letter code such as EUR');
  }
  const currencyRate = f.amount('currency_rate') ?? ONE;
  if (isZero(currencyRate)) {
    f.fail(
      'currency_rate',
      'the currency rate is 0',
      'Give the rate of the order currency to the book currency',
    );
  }

  const totals = {
    productsTaxExcl: f.requiredAmount('total_products_tax_excl'),
    productsTaxIncl: f.requiredAmount('total_products_tax_incl'),
    discountsTaxExcl: optionalTotal(f, 'total_discounts_tax_excl'),
    discountsTaxIncl: optionalTotal(f, 'total_discounts_tax_incl'),
    shippingTaxExcl: optionalTotal(f, 'total_shipping_tax_excl'),
    shippingTaxIncl: optionalTotal(f, 'total_shipping_tax_incl'),
    wrappingTaxExcl: optionalTotal(f, 'total_wrapping_tax_excl'),
    wrappingTaxIncl: optionalTotal(f, 'total_wrapping_tax_incl'),
    paidTaxExcl: f.requiredAmount('total_paid_tax_excl'),
    paidTaxIncl: f.requiredAmount('total_paid_tax_incl'),
  };

  const customerFields = f.group('customer') ?? f.missing('customer');
  const lineReaders = f.list('order_lines', 'order_line') ?? f.missing('order_lines');
  // A credit note may refund shipping or a gesture only; a sale always sells something.
  if (!isCreditNote && lineReaders.length === 0) {
    f.fail('order_lines', 'the order has no <order_line>', 'Export the order with its product lines');
  }
  const invoiceAddress = f.group('invoice_address');
  const deliveryAddress = f.group('delivery_address');

  return {
    type: documentType,
    shopKey: f.text('shop_key') ?? '1',
    orderKey,
    creditNoteKey,
    refs,
    orderDate: orderDate.date,
    orderTime: orderDate.time,
    orderStatus: f.text('order_status'),
    orderNumber: f.text('order_number') ?? orderKey,
    orderReference: f.text('order_reference'),
    invoiceDate: f.date('invoice_date')?.date,
    invoiceNumber: f.text('invoice_number'),
    creditNoteDate: creditNoteDate?.date,
    creditNoteNumber: f.text('creditnote_number'),
    deliveryDate: f.date('delivery_date')?.date,
    returnDate: f.date('return_date')?.date,
    returnNumber: f.text('return_number'),
    dueDate: f.date('due_date')?.date,
    paymentName: f.text('payment_name'),
    currencyKey: f.text('currency_key'),
    currencyCode,
    currencyRate,
    carrierKey: f.text('carrier_key'),
    carrierName: f.text('carrier_name'),
    shippingTaxName: f.text('shipping_tax_name'),
    shippingTaxRate: f.amount('shipping_tax_rate'),
    wrappingTaxName: f.text('wrapping_tax_name'),
    wrappingTaxRate: f.amount('wrapping_tax_rate'),
    totals,
    customer: mapCustomer(customerFields),
    invoiceAddress: invoiceAddress && mapAddress(invoiceAddress),
    deliveryAddress: deliveryAddress && mapAddress(deliveryAddress),
    lines: lineReaders.map(mapLine),
    taxes: f.list('taxes', 'tax')?.map(mapTax),
    payments: f.list('payments', 'payment')?.map(mapPayment),
  };
}

function optionalTotal(f: FieldReader, name: string): Amount {
  return f.amount(name) ?? ZERO; // amounts are immutable: the shared zero is safe
}

function mapCustomer(f: FieldReader): Customer {
  return {
    key: f.textOrEmpty('customer_key'),
    company: f.textOrEmpty('company'),
    firstname: f.textOrEmpty('firstname'),
    lastname: f.textOrEmpty('lastname'),
    email: f.textOrEmpty('email'),
    vatNumber: f.textOrEmpty('vat_number'),
    accountingAccount: f.text('accounting_account'),
    customerAccount: f.text('customer_account'),
  };
}

function mapAddress(f: FieldReader): Address {
  // Empty means unknown (the engine then falls back on the profile); anything else must be a code.
  const countryIso = f.textOrEmpty('country_iso').toUpperCase();
  if (countryIso !== '' && !/^[A-Z]{2}$/.test(countryIso)) {
    f.fail(
      'country_iso',
      `"${countryIso}" is not an ISO 3166 alpha-2 country code`,
      'Use the 2-letter country code, e.g. FR, BE, DE',
    );
  }
  return {
    company: f.textOrEmpty('company'),
    firstname: f.textOrEmpty('firstname'),
    lastname: f.textOrEmpty('lastname'),
    address1: f.textOrEmpty('address1'),
    address2: f.textOrEmpty('address2'),
    postcode: f.textOrEmpty('postcode'),
    city: f.textOrEmpty('city'),
    state: f.textOrEmpty('state'),
    countryIso,
    countryName: f.textOrEmpty('country_name'),
    phone: f.textOrEmpty('phone'),
    vatNumber: f.textOrEmpty('vat_number'),
  };
}

function mapLine(f: FieldReader): OrderLine {
  return {
    productKey: f.textOrEmpty('product_key'),
    productReference: f.textOrEmpty('product_reference'),
    productName: f.textOrEmpty('product_name'),
    quantity: f.requiredAmount('quantity'),
    unitPriceTaxExcl: f.amount('unit_price_tax_excl'),
    unitPriceTaxIncl: f.amount('unit_price_tax_incl'),
    totalPriceTaxExcl: f.requiredAmount('total_price_tax_excl'),
    totalPriceTaxIncl: f.requiredAmount('total_price_tax_incl'),
    taxName: f.textOrEmpty('tax_name'),
    // Required: defaulting to 0 would book taxed sales as exempt.
    taxRate: f.requiredAmount('tax_rate'),
    discountTaxExcl: f.amount('discount_tax_excl'),
    accountingAccount: f.text('accounting_account'),
    analyticSection: f.text('analytic_section'),
    ...(f.flag('gift_card') ? { giftCard: true } : {}),
  };
}

function mapTax(f: FieldReader): TaxSummary {
  return {
    name: f.textOrEmpty('name'),
    rate: f.requiredAmount('rate'),
    base: f.requiredAmount('base'),
    amount: f.requiredAmount('amount'),
  };
}

function mapPayment(f: FieldReader): Payment {
  return {
    name: f.textOrEmpty('payment_name'),
    date: f.date('payment_date')?.date,
    amount: f.requiredAmount('amount'),
    fee: f.amount('fee'),
    currencyCode: f.text('currency_code')?.toUpperCase(),
    transactionId: f.text('transaction_id'),
  };
}
