import { describe, expect, it } from 'vitest';
import { bookDocument } from '../../domain/accounting/book.js';
import { parseAmount } from '../../domain/money.js';
import { formatFranceAccounting } from '../../domain/presets/format-france.js';
import { jsonFixture } from '../../../test/simulators/fixtures.js';
import { settle } from './normalise-common.js';
import {
  normaliseWoocommerceOrder,
  normaliseWoocommerceRefund,
  type WcContext,
  type WcRecord,
} from './woocommerce-normalise.js';

const tolerance = parseAmount('0.01');
const taxes = jsonFixture<WcRecord[]>('woocommerce', 'docs_taxes_list.json');
const ctx: WcContext = {
  taxRates: new Map(
    taxes.map((t) => [String(t['id']), { name: String(t['name']), rate: parseAmount(String(t['rate'])) }]),
  ),
};
const order = (name: string): WcRecord => jsonFixture<WcRecord>('woocommerce', name);
const book = (doc: Parameters<typeof bookDocument>[0]) =>
  bookDocument(doc, formatFranceAccounting(), { today: '2024-01-01' });

describe('WooCommerce normaliser', () => {
  it.each([
    ['docs_order_727_retrieve.json', '29.35', '1.35'],
    ['ios_order-details-partially-refunded.json', '304.45', '0.00'],
    ['ios_order-fully-refunded.json', '223.71', '0.00'],
    ['ios_order-with-charge.json', '33.30', '0.65'],
  ])('%s: totals match the shop and the document books balanced', (name, total, tax) => {
    const result = settle(name, () => normaliseWoocommerceOrder(order(name), ctx), tolerance);
    if (!result.ok) throw result.error;
    const t = result.document.totals;
    expect(t.paidTaxIncl.toFixed(2)).toBe(total);
    expect(t.paidTaxIncl.minus(t.paidTaxExcl).toFixed(2)).toBe(tax);
    expect(book(result.document).entries.length).toBeGreaterThan(0);
  });

  it('reads the per-rate tax of order 727 from the shop tax table (rate 75 = 7.5 %)', () => {
    const result = settle(
      '727',
      () => normaliseWoocommerceOrder(order('docs_order_727_retrieve.json'), ctx),
      tolerance,
    );
    if (!result.ok) throw result.error;
    expect(result.document.lines[0]).toMatchObject({ taxName: 'State Tax' });
    expect(result.document.lines[0]!.taxRate.toString()).toBe('7.5');
    expect(result.document.taxes?.map((x) => [x.name, x.base.toFixed(2), x.amount.toFixed(2)])).toEqual([
      ['State Tax', '18.00', '1.35'],
    ]);
    expect(result.document).toMatchObject({
      orderDate: '2017-03-22',
      orderTime: '16:28:02',
      currencyCode: 'USD',
      paymentName: 'Direct Bank Transfer',
      carrierName: 'Flat Rate',
    });
  });

  it('refuses the hand-edited iOS order 963 (SOURCES.md): its total is not its parts', () => {
    const result = settle(
      'order 963',
      () => normaliseWoocommerceOrder(order('ios_order.json'), ctx),
      tolerance,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toMatch(
        /total_paid_tax_incl 31\.20 but products − discounts \+ shipping \+ wrapping make 156\.70/,
      );
  });

  it('normalises the docs refunds of order 723: a line refund and an amount-only refund', () => {
    const o = jsonFixture<WcRecord[]>('woocommerce', 'docs_orders_list.json').find((x) => x['id'] === '723')!;
    const refunds = jsonFixture<WcRecord[]>('woocommerce', 'docs_order_723_refunds_list.json');
    const docs = refunds.map((r) => settle('r', () => normaliseWoocommerceRefund(r, o, ctx), tolerance));
    const ok = docs.map((d) => (d.ok ? d.document : undefined));
    expect(ok.map((d) => d?.totals.paidTaxIncl.toFixed(2))).toEqual(['10.00', '9.00']);
    expect(ok.map((d) => d?.lines.length)).toEqual([0, 1]);
    for (const d of ok) book(d!);
  });

  it('normalises the iOS refunds of order 560 and refuses the edited single refund 562', () => {
    const o: WcRecord = {
      id: '560',
      currency: 'USD',
      billing: { first_name: 'A', last_name: 'B', country: 'US' },
      line_items: [],
    };
    const all = jsonFixture<WcRecord[]>('woocommerce', 'ios_order-560-all-refunds.json').map((r) =>
      settle('r', () => normaliseWoocommerceRefund(r, o, ctx), tolerance),
    );
    expect(all.map((d) => d.ok && d.document.totals.paidTaxIncl.toFixed(2))).toEqual([
      '63.00',
      '117.00',
      '18.00',
      '27.00',
    ]);
    const single = settle(
      'r',
      () => normaliseWoocommerceRefund(jsonFixture('woocommerce', 'ios_refund-single.json'), o, ctx),
      tolerance,
    );
    expect(single.ok).toBe(false);
    if (!single.ok) expect(single.error.message).toMatch(/27\.00 but .* 34\.62/);
  });
});
