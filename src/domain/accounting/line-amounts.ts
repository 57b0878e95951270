// Where rounding happens (FEATURES.md §4 "Rounding"): on each unit price, on each line, or
// on the total per tax. It decides a product line's tax-excluded amount and its VAT.
import type { OrderLine } from '../document.js';
import { amountFromInteger, round, type Amount, isZero } from '../money.js';
import type { RoundingLevel } from '../profile.js';
import { divRound } from './draft.js';

const HUNDRED = amountFromInteger(100);

export interface LineAmounts {
  excl: Amount;
  vat: Amount;
}

/** `line` level: the shop's line totals; VAT tax-included − tax-excluded, else excl × rate rounded. */
function perLine(line: OrderLine, decimals: number): LineAmounts {
  const { totalPriceTaxExcl: excl, totalPriceTaxIncl: incl } = line;
  if (isZero(incl) && !isZero(excl))
    return { excl, vat: divRound(excl.times(line.taxRate), HUNDRED, decimals) };
  return { excl, vat: incl.minus(excl) };
}

/**
 * `unit` level: unit prices rounded first, then times the quantity (19.99 × 3 at 20 %: VAT
 * 4.00 × 3 = 12.00, where the line gives 11.99). A line with its own discount, or without
 * unit prices, keeps its totals: unit × quantity would not be what was sold.
 */
function perUnit(line: OrderLine, decimals: number): LineAmounts {
  const unitExcl = line.unitPriceTaxExcl;
  const discounted = line.discountTaxExcl !== undefined && !isZero(line.discountTaxExcl);
  if (unitExcl === undefined || discounted) return perLine(line, decimals);
  const roundedExcl = round(unitExcl, decimals);
  const excl = roundedExcl.times(line.quantity);
  const unitVat = line.unitPriceTaxIncl
    ? round(line.unitPriceTaxIncl, decimals).minus(roundedExcl)
    : divRound(roundedExcl.times(line.taxRate), HUNDRED, decimals);
  return { excl, vat: unitVat.times(line.quantity) };
}

/** A product line's amounts at the profile's rounding level (`total` rounds VAT per tax later). */
export function lineAmounts(line: OrderLine, level: RoundingLevel, decimals: number): LineAmounts {
  return level === 'unit' ? perUnit(line, decimals) : perLine(line, decimals);
}

/** `total` level: the VAT of a tax is its base × rate, rounded once. */
export function vatOnTotal(base: Amount, rate: Amount, decimals: number): Amount {
  return divRound(base.times(rate), HUNDRED, decimals);
}
