import { describe, expect, it } from 'vitest';
import { bookDocument } from '../../domain/accounting/book.js';
import { parseAmount } from '../../domain/money.js';
import { formatFranceAccounting } from '../../domain/presets/format-france.js';
import { jsonFixture, readFixture, readOwnFixture } from '../../../test/simulators/fixtures.js';
import { settle } from './normalise-common.js';
import {
  normalisePrestashopOrder,
  normalisePrestashopSlip,
  type PsOrderBundle,
} from './prestashop-normalise.js';
import { parsePrestashopXml, type PsRecord } from './prestashop-xml.js';

const one = (xml: string, item: string): PsRecord => parsePrestashopXml(xml)[item] as PsRecord;
const ps = (name: string, item: string): PsRecord => one(readFixture('prestashop', name), item);
const tolerance = parseAmount('0.01');

function order5(): PsOrderBundle {
  const address = ps('ps16_addresses_4.xml', 'address');
  return {
    order: ps('ps16_orders_5.xml', 'order'),
    details: [13, 14, 15].map((id) => ps(`ps16_order_details_${id}.xml`, 'order_detail')),
    customer: ps('ps16_customers_1.xml', 'customer'),
    invoiceAddress: address,
    deliveryAddress: address,
    countries: new Map([['21', one(readOwnFixture('prestashop', 'countries_21.xml'), 'country')]]),
    carrier: ps('ps16_carriers_2.xml', 'carrier'),
    currency: ps('ps16_currencies_1.xml', 'currency'),
    payments: [],
    taxes: new Map(),
  };
}

describe('PrestaShop normaliser', () => {
  it('normalises the recorded order 5 with the shop totals, and it books balanced', () => {
    const result = settle('order 5', () => normalisePrestashopOrder(order5()), tolerance);
    if (!result.ok) throw result.error;
    const doc = result.document;
    expect(doc).toMatchObject({
      type: 'ORDER',
      orderKey: '5',
      orderReference: 'KHWLILZLL',
      orderDate: '2019-01-30',
      orderTime: '01:02:12',
      orderStatus: '10',
      currencyCode: 'EUR',
      carrierName: 'My carrier',
      paymentName: 'Bank wire',
    });
    expect(doc.lines.map((l) => l.totalPriceTaxExcl.toFixed(2))).toEqual(['16.51', '27.00', '26.00']);
    expect(doc.totals.paidTaxIncl.toFixed(2)).toBe('71.51');
    expect(doc.totals.shippingTaxIncl.toFixed(2)).toBe('2.00');
    expect(doc.invoiceAddress).toMatchObject({ countryIso: 'US', city: 'Miami', company: 'My Company' });
    expect(doc.customer).toMatchObject({ key: '1', lastname: 'DOE', email: 'pub@prestashop.com' });
    // Unpaid bank wire: the shop has no payment, so no bank entry is invented.
    expect(doc.payments).toEqual([]);
    const booked = bookDocument(doc, formatFranceAccounting(), { today: '2024-01-01' });
    expect(booked.entries).toHaveLength(1);
    const debit = booked.entries[0]!.lines.reduce((s, l) => s.plus(l.debit), parseAmount('0'));
    expect(debit.toFixed(2)).toBe('71.51');
  });

  it('falls back to the order rows when order_details are not given (PS 1.7 JSON output)', () => {
    const order = jsonFixture<{ order: PsRecord }>('prestashop', 'ps17_json_order.json').order;
    const result = settle(
      'order 1',
      () => normalisePrestashopOrder({ order, details: [], countries: new Map(), taxes: new Map() }),
      tolerance,
    );
    if (!result.ok) throw result.error;
    expect(result.document.lines.map((l) => l.productName)).toHaveLength(2);
    expect(result.document.totals.paidTaxIncl.toFixed(2)).toBe('61.80');
  });

  it('normalises a credit slip with the details of the order it refunds', () => {
    const slip = one(readOwnFixture('prestashop', 'order_slip_1.xml'), 'order_slip');
    const result = settle('slip 1', () => normalisePrestashopSlip(slip, order5()), tolerance);
    if (!result.ok) throw result.error;
    expect(result.document).toMatchObject({
      type: 'CREDITNOTE',
      creditNoteKey: '1',
      orderKey: '5',
      creditNoteDate: '2019-02-04',
    });
    expect(result.document.lines[0]).toMatchObject({ productName: 'Blouse - Color : Black, Size : S' });
    expect(result.document.totals.paidTaxIncl.toFixed(2)).toBe('27.00');
    const booked = bookDocument(result.document, formatFranceAccounting(), { today: '2024-01-01' });
    expect(booked.entries.length).toBeGreaterThan(0);
  });

  it('refuses an order whose lines contradict its totals, naming the figures', () => {
    const b = order5();
    b.order = { ...b.order, total_products: '70.510000' };
    const result = settle('order 5', () => normalisePrestashopOrder(b), tolerance);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toMatch(/total_products_tax_excl 70\.51 but the lines add up to 69\.51/);
  });
});
