import { describe, expect, it } from 'vitest';
import { parseAmount } from '../../domain/money.js';
import { jsonFixture } from '../../../test/simulators/fixtures.js';
import { consistentOrder } from '../../../test/simulators/shopify.js';
import { settle } from './normalise-common.js';
import { normaliseShopifyOrder, normaliseShopifyRefund, type ShRecord } from './shopify-normalise.js';

const tolerance = parseAmount('0.01');
const order = jsonFixture<{ order: ShRecord }>('shopify', 'order_450789469.2024-10.json').order;

describe('Shopify normaliser', () => {
  it('reads the example order 450789469 but refuses it: its published figures do not add up', () => {
    const transactions = jsonFixture<{ transactions: ShRecord[] }>(
      'shopify',
      'order_450789469_transactions_list.2024-10.json',
    ).transactions;
    const result = settle('order 450789469', () => normaliseShopifyOrder(order, transactions), tolerance);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error.message).toMatch(
        /subtotal_price 597\.00 but the line items less their discounts make 587\.00/,
      );
  });

  it('flags the per-line tax of the example (3.98 is not 6 % of 195.66) once the subtotal is consistent', () => {
    const fixed = { ...order, subtotal_price: '587.00', subtotal_price_set: undefined };
    const result = settle('order 450789469', () => normaliseShopifyOrder(fixed), tolerance);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/VAT 3\.98 but 6 % of 195\.66 is 11\.74/);
  });

  it('marks gift card line items, which the engine books as a liability', () => {
    const consistent = consistentOrder(order, 1000001, '2024-01-01');
    const items = consistent['line_items'] as ShRecord[];
    items[1]!['gift_card'] = true;
    const result = settle('order 1000001', () => normaliseShopifyOrder(consistent), tolerance);
    expect(result.ok).toBe(true);
    if (result.ok)
      expect(result.document.lines.map((l) => l.giftCard ?? false)).toEqual([false, true, false]);
  });

  it('keeps 64-bit ids, number amounts and the shop currency exactly (lossless JSON)', () => {
    const refund = jsonFixture<{ refund: ShRecord }>(
      'shopify',
      'order_450789469_refund_509562969.2024-10.json',
    ).refund;
    const result = settle('r', () => normaliseShopifyRefund(refund, order), tolerance);
    // The refund transaction (209.00) is not the refunded lines (391.33 + 7.96 tax): refused.
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toMatch(/209\.00 but .* 399\.29/);
  });

  it('a refund whose lines carry no money is an amount-only credit note (refund create example)', () => {
    const refund = jsonFixture<{ refund: ShRecord }>('shopify', 'refund_create_response.2024-10.json').refund;
    const result = settle('r', () => normaliseShopifyRefund(refund, order), tolerance);
    if (!result.ok) throw result.error;
    expect(result.document).toMatchObject({
      type: 'CREDITNOTE',
      creditNoteKey: '929361466',
      orderKey: '450789469',
      creditNoteDate: '2024-10-02',
    });
    expect(result.document.lines).toEqual([]);
    expect(result.document.totals.paidTaxIncl.toFixed(2)).toBe('41.94');
  });
});
