// Taxes of a document: product lines grouped per tax, the discount split across them, and
// the taxes of shipping and packaging (accounting.md "VAT per tax", "A discount's tax").
import type { OrderLine } from '../document.js';
import { amountFromInteger, sum, ZERO, type Amount, isZero } from '../money.js';
import type { RoundingLevel } from '../profile.js';
import { divRound } from './draft.js';
import { lineAmounts, vatOnTotal } from './line-amounts.js';
import { sameTax, type TaxRef } from './resolve.js';

const HUNDRED = amountFromInteger(100);

export interface TaxGroup {
  tax: TaxRef;
  /** Sum of the lines' tax-excluded totals. */
  base: Amount;
  /** Sum of the lines' VAT (tax-included − tax-excluded). */
  vat: Amount;
}

export interface TaxShare {
  tax: TaxRef;
  excl: Amount;
  vat: Amount;
}

export function lineTax(line: OrderLine): TaxRef {
  return { name: line.taxName.trim(), rate: line.taxRate };
}

/** Product lines grouped per tax, in the order taxes first appear, at the profile's rounding level. */
export function groupByTax(lines: readonly OrderLine[], level: RoundingLevel, decimals: number): TaxGroup[] {
  const groups: TaxGroup[] = [];
  for (const line of lines) {
    const tax = lineTax(line);
    const group = groups.find((g) => sameTax(g.tax, tax));
    const { excl, vat } = lineAmounts(line, level, decimals);
    if (group) {
      group.base = group.base.plus(excl);
      group.vat = group.vat.plus(vat);
    } else {
      groups.push({ tax, base: excl, vat });
    }
  }
  // Rounding on the total: one VAT per tax from its base, whatever the lines said.
  if (level === 'total') for (const g of groups) g.vat = vatOnTotal(g.base, g.tax.rate, decimals);
  return groups;
}

/** The group a tax given by name and rate belongs to: by name first, else by rate; -1 when none. */
export function findGroup(groups: readonly { tax: TaxRef }[], tax: TaxRef): number {
  const name = tax.name.trim().toLowerCase();
  const byName = name === '' ? -1 : groups.findIndex((g) => g.tax.name.trim().toLowerCase() === name);
  return byName >= 0 ? byName : groups.findIndex((g) => g.tax.rate.eq(tax.rate));
}

/**
 * The tax of shipping or packaging: its own name and rate when the document gives them,
 * else a rate read from its amounts (rounded to 0.1 %, enough for every EU rate).
 */
export function chargeTax(
  name: string | undefined,
  rate: Amount | undefined,
  excl: Amount,
  incl: Amount,
): TaxRef {
  const vat = incl.minus(excl);
  const derived = isZero(excl) || isZero(vat) ? ZERO : divRound(vat.times(HUNDRED), excl, 1);
  return { name: (name ?? '').trim(), rate: rate ?? derived };
}

/**
 * The discount per tax: all of it on the only tax, else split in proportion of each tax's
 * base, the last share taking what rounding left (so the shares add up exactly).
 */
export function splitDiscount(
  groups: readonly TaxGroup[],
  discount: { excl: Amount; vat: Amount; fallback: TaxRef },
  decimals: number,
): TaxShare[] {
  const { excl, vat } = discount;
  if (isZero(excl) && isZero(vat)) return [];
  const totalBase = sum(groups.map((g) => g.base));
  if (groups.length <= 1 || isZero(totalBase)) {
    // Without product lines the discount keeps the tax its own amounts show.
    return [{ tax: groups[0]?.tax ?? discount.fallback, excl, vat }];
  }
  const shares: TaxShare[] = [];
  let restExcl = excl;
  let restVat = vat;
  groups.forEach((group, index) => {
    if (index === groups.length - 1) {
      shares.push({ tax: group.tax, excl: restExcl, vat: restVat });
      return;
    }
    const shareExcl = divRound(excl.times(group.base), totalBase, decimals);
    const shareVat = divRound(vat.times(group.base), totalBase, decimals);
    shares.push({ tax: group.tax, excl: shareExcl, vat: shareVat });
    restExcl = restExcl.minus(shareExcl);
    restVat = restVat.minus(shareVat);
  });
  return shares;
}
