// The corpus in test/fixtures/orders is booked by the accounting engine's tests, where
// every entry must balance to the cent: these checks keep its amounts consistent and its
// coverage of order-xml.md complete when someone edits it.
import { createReadStream, readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { SalesDocument } from '../../domain/document.js';
import { round, sum, ZERO, type Amount } from '../../domain/money.js';
import { readOrderXml } from './order-xml.js';
import {
  ADDRESS_FIELDS,
  CUSTOMER_FIELDS,
  EXTENSION_FIELDS,
  LINE_FIELDS,
  ORDER_GROUPS,
  ORDER_TEXT_FIELDS,
  PAYMENT_FIELDS,
  TAX_FIELDS,
} from './order-schema.js';

const DIR = new URL('../../../test/fixtures/orders/', import.meta.url);
const FILES = readdirSync(DIR).filter((name) => name.endsWith('.xml'));

const vatOf = (excl: Amount, rate: Amount): Amount => round(excl.times(rate).div(100), 2);

/** Every rule of the corpus README; returns the broken ones. */
function arithmeticProblems(doc: SalesDocument): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what);
  };
  const t = doc.totals;
  doc.lines.forEach((line, i) => {
    const expected = line.totalPriceTaxExcl.plus(vatOf(line.totalPriceTaxExcl, line.taxRate));
    check(
      line.totalPriceTaxIncl.eq(expected),
      `line ${i + 1}: incl ${line.totalPriceTaxIncl} != ${expected}`,
    );
  });
  check(t.productsTaxExcl.eq(sum(doc.lines.map((l) => l.totalPriceTaxExcl))), 'total_products_tax_excl');
  check(t.productsTaxIncl.eq(sum(doc.lines.map((l) => l.totalPriceTaxIncl))), 'total_products_tax_incl');
  const paid = (products: Amount, discounts: Amount, shipping: Amount, wrapping: Amount): Amount =>
    products.minus(discounts).plus(shipping).plus(wrapping);
  check(
    t.paidTaxExcl.eq(paid(t.productsTaxExcl, t.discountsTaxExcl, t.shippingTaxExcl, t.wrappingTaxExcl)),
    'paid excl',
  );
  check(
    t.paidTaxIncl.eq(paid(t.productsTaxIncl, t.discountsTaxIncl, t.shippingTaxIncl, t.wrappingTaxIncl)),
    'paid incl',
  );
  const charged = (excl: Amount, incl: Amount, rate: Amount | undefined, what: string): void => {
    if (excl.eq(0) && incl.eq(0)) return;
    check(rate !== undefined && incl.eq(excl.plus(vatOf(excl, rate))), `${what} VAT`);
  };
  charged(t.shippingTaxExcl, t.shippingTaxIncl, doc.shippingTaxRate, 'shipping');
  charged(t.wrappingTaxExcl, t.wrappingTaxIncl, doc.wrappingTaxRate, 'wrapping');
  const rates = [...new Set(doc.lines.map((l) => l.taxRate.toString()))];
  if (rates.length === 1 && rates[0] !== undefined) {
    charged(t.discountsTaxExcl, t.discountsTaxIncl, doc.lines[0]?.taxRate, 'discount');
  }
  if (doc.taxes) {
    check(sum(doc.taxes.map((x) => x.base)).eq(t.paidTaxExcl), 'taxes: bases != total_paid_tax_excl');
    check(
      sum(doc.taxes.map((x) => x.amount)).eq(t.paidTaxIncl.minus(t.paidTaxExcl)),
      'taxes: amounts != VAT',
    );
    for (const tax of doc.taxes) {
      const on = (rate: Amount | undefined, excl: Amount, incl: Amount): Amount =>
        rate?.eq(tax.rate) ? incl.minus(excl) : ZERO;
      const lines = doc.lines.filter((l) => l.taxRate.eq(tax.rate));
      const discountShare = rates.length === 1 ? t.discountsTaxIncl.minus(t.discountsTaxExcl) : undefined;
      const expected = sum(lines.map((l) => l.totalPriceTaxIncl.minus(l.totalPriceTaxExcl)))
        .plus(on(doc.shippingTaxRate, t.shippingTaxExcl, t.shippingTaxIncl))
        .plus(on(doc.wrappingTaxRate, t.wrappingTaxExcl, t.wrappingTaxIncl));
      if (discountShare !== undefined) {
        check(tax.amount.eq(expected.minus(discountShare)), `tax ${tax.rate}: ${tax.amount} != ${expected}`);
      } else {
        // A discount over several rates is split per rate by the shop: only bound the share.
        check(
          tax.amount.lte(expected) && tax.amount.minus(vatOf(tax.base, tax.rate)).abs().lte('0.02'),
          `tax ${tax.rate}`,
        );
      }
    }
  }
  if (doc.payments && doc.payments.length > 0) {
    check(sum(doc.payments.map((p) => p.amount)).eq(t.paidTaxIncl), 'payments != total_paid_tax_incl');
  }
  return problems;
}

describe('order corpus', () => {
  it.each(FILES)('%s: every document balances to the cent', async (name) => {
    for await (const item of readOrderXml(createReadStream(new URL(name, DIR)))) {
      if (!item.ok) throw item.error;
      expect({ index: item.index, problems: arithmeticProblems(item.document) }).toEqual({
        index: item.index,
        problems: [],
      });
    }
  });

  it('has at least 24 documents, with every tax rate of the brief', async () => {
    const rates = new Set<string>();
    let count = 0;
    for (const name of FILES) {
      for await (const item of readOrderXml(createReadStream(new URL(name, DIR)))) {
        if (!item.ok) throw item.error;
        count += 1;
        for (const line of item.document.lines) rates.add(line.taxRate.toString());
      }
    }
    expect(count).toBeGreaterThanOrEqual(24);
    expect([...rates].sort()).toEqual(['0', '10', '2.1', '20', '5.5']);
  });

  it('uses every element of order-xml.md somewhere', () => {
    // Element names are ASCII, so latin1 reads every file's tags whatever its encoding.
    const text = FILES.map((name) => readFileSync(new URL(name, DIR)).toString('latin1')).join('\n');
    const names = [
      ...ORDER_TEXT_FIELDS,
      ...Object.keys(ORDER_GROUPS),
      'order_line',
      'tax',
      'payment',
      ...CUSTOMER_FIELDS,
      ...ADDRESS_FIELDS,
      ...LINE_FIELDS,
      ...TAX_FIELDS,
      ...PAYMENT_FIELDS,
    ];
    const contract = names.filter((name) => !EXTENSION_FIELDS.includes(name));
    expect(contract.filter((name) => !new RegExp(`<${name}[ />]`).test(text))).toEqual([]);
  });
});
