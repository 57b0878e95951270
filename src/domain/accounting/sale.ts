// A sale (ORDER) → one entry in the sales journal, lines in the order of accounting.md's table.
import type { OrderLine } from '../document.js';
import type { Entry } from '../entry.js';
import { sum, type Amount, isNegative, isPositive, isZero, toDecimalString } from '../money.js';
import type { DeviationAccounts, SalesAccounts, TaxAccount } from '../profile.js';
import { padAccount } from './accounts.js';
import { balanceLines } from './balance.js';
import type { CustomerAccounts } from './customer.js';
import { settleDrafts, type DraftLine, type Side } from './draft.js';
import { chargeDraft, charges, taxFields, withGrid, type Charge } from './charges.js';
import { makeEntry, saleHeader } from './header.js';
import { lineAmounts } from './line-amounts.js';
import { resolveByCountry, resolveByCountryTax, type TaxRef } from './resolve.js';
import { addNote, documentError, type BookingScope } from './scope.js';
import {
  chargeTax,
  findGroup,
  groupByTax,
  lineTax,
  splitDiscount,
  type TaxGroup,
  type TaxShare,
} from './tax-groups.js';

export function customerDraft(customer: CustomerAccounts, side: Side, amount: Amount): DraftLine {
  const draft: DraftLine = { role: 'customer', account: customer.accountingAccount, side, amount };
  if (customer.customerAccount !== '') {
    draft.auxiliaryAccount = customer.customerAccount;
    draft.auxiliaryLabel = customer.name;
  }
  return draft;
}

/** |total_products_tax_excl − Σ lines| beyond the tolerance means the document contradicts itself. */
function checkProductTotals(scope: BookingScope): void {
  const linesTotal = sum(scope.doc.lines.map((line) => line.totalPriceTaxExcl));
  const total = scope.doc.totals.productsTaxExcl;
  if (total.minus(linesTotal).abs().gt(scope.tolerance)) {
    throw documentError(
      scope,
      `total_products_tax_excl ${total.toString()} but the lines add up to ${linesTotal.toString()}`,
      'Correct the order lines or the products total in the shop, then run again.',
      'total_products_tax_excl',
    );
  }
}

/** A line's own account wins; a negative line without one is a discount (accounting.md, fee lines). */
function productDraft(scope: BookingScope, line: OrderLine): DraftLine {
  const tax = lineTax(line);
  const withVat = isPositive(tax.rate);
  const override = line.accountingAccount?.trim();
  const accounts: SalesAccounts = resolveByCountryTax(scope.settings.salesAccounts, scope.country, tax);
  const { excl } = lineAmounts(line, scope.settings.rounding.level, scope.decimals);
  if (line.giftCard && !override) return giftCardDraft(scope, line, excl);
  const discount = !override && isNegative(excl);
  const raw =
    override ||
    (discount
      ? discountAccount(accounts, withVat)
      : (withVat ? scope.paymentSales?.withVat : scope.paymentSales?.withoutVat) ||
        (withVat ? accounts.withVat : accounts.withoutVat));
  const draft: DraftLine = {
    role: discount ? 'discount' : 'product',
    account: padAccount(raw, scope, discount ? 'discount' : 'sales'),
    side: discount ? 'debit' : 'credit',
    amount: discount ? excl.neg() : excl,
    ...taxFields(scope, tax),
  };
  if (scope.settings.analytic.products && line.analyticSection?.trim())
    draft.analyticSection = line.analyticSection.trim();
  return draft;
}

/** Gift cards sold are a liability, not a sale: on the product adjustment account until a mapping exists. */
function giftCardDraft(scope: BookingScope, line: OrderLine, excl: Amount): DraftLine {
  const accounts: DeviationAccounts = resolveByCountry(scope.settings.deviationAccounts, scope.country);
  const account = padAccount(accounts.productAdjustment, scope, 'product adjustment');
  const shown = toDecimalString(excl, scope.decimals);
  addNote(
    scope,
    'note.giftCard',
    { product: line.productName, amount: shown, account },
    `gift card "${line.productName}" ${shown} booked on the adjustment account ${account}, not as a sale`,
  );
  const negative = isNegative(excl);
  return {
    role: 'adjustment',
    account,
    side: negative ? 'debit' : 'credit',
    amount: negative ? excl.neg() : excl,
  };
}

function discountAccount(accounts: SalesAccounts, withVat: boolean): string {
  return withVat ? accounts.discountWithVat : accounts.discountWithoutVat;
}

function discountDrafts(scope: BookingScope, shares: readonly TaxShare[]): DraftLine[] {
  return shares.map((share) => {
    const accounts: SalesAccounts = resolveByCountryTax(
      scope.settings.salesAccounts,
      scope.country,
      share.tax,
    );
    return {
      role: 'discount',
      account: padAccount(discountAccount(accounts, isPositive(share.tax.rate)), scope, 'discount'),
      side: 'debit',
      amount: share.excl,
      ...taxFields(scope, share.tax),
    };
  });
}

interface VatShare {
  tax: TaxRef;
  vat: Amount;
}

/** Adds VAT to the share of its tax (by name, else rate), or to a new share of its own. */
function addVat(shares: VatShare[], tax: TaxRef, vat: Amount): void {
  if (isZero(vat)) return;
  const index = findGroup(shares, tax);
  const share = shares[index];
  if (share) share.vat = share.vat.plus(vat);
  else shares.push({ tax, vat });
}

/** VAT per tax: the `<taxes>` summary when present (it covers the whole document), else computed. */
function vatShares(
  scope: BookingScope,
  groups: TaxGroup[],
  discounts: TaxShare[],
  extra: Charge[],
): VatShare[] {
  const summary = scope.doc.taxes;
  if (summary && summary.length > 0) {
    return summary.map((t) => ({ tax: { name: t.name.trim(), rate: t.rate }, vat: t.amount }));
  }
  const shares: VatShare[] = groups.map((g) => ({ tax: g.tax, vat: g.vat }));
  for (const discount of discounts) addVat(shares, discount.tax, discount.vat.neg());
  for (const charge of extra) addVat(shares, charge.tax, charge.incl.minus(charge.excl));
  return shares;
}

function vatDraft(scope: BookingScope, share: VatShare): DraftLine {
  const mapping: TaxAccount = resolveByCountryTax(scope.settings.taxes, scope.country, share.tax);
  const draft: DraftLine = {
    role: 'tax',
    account: padAccount(mapping.account, scope, 'tax'),
    side: 'credit',
    amount: share.vat,
    taxCode: mapping.code,
    taxRate: share.tax.rate,
  };
  return withGrid(draft, mapping.grid);
}

/** The drafts of a sale, before rounding and balancing; a credit note uses them mirrored. */
export function saleDrafts(scope: BookingScope, customer: CustomerAccounts): DraftLine[] {
  const { doc } = scope;
  checkProductTotals(scope);
  const groups = groupByTax(doc.lines, scope.settings.rounding.level, scope.decimals);
  const t = doc.totals;
  const discountVat = t.discountsTaxIncl.minus(t.discountsTaxExcl);
  const fallback = chargeTax(undefined, undefined, t.discountsTaxExcl, t.discountsTaxIncl);
  const discounts = splitDiscount(
    groups,
    { excl: t.discountsTaxExcl, vat: discountVat, fallback },
    scope.decimals,
  );
  const extra = charges(scope);
  return [
    customerDraft(customer, 'debit', t.paidTaxIncl),
    ...doc.lines.map((line) => productDraft(scope, line)),
    ...discountDrafts(scope, discounts),
    ...extra.filter((c) => !isZero(c.excl)).map((c) => chargeDraft(scope, c)),
    ...vatShares(scope, groups, discounts, extra).map((share) => vatDraft(scope, share)),
  ];
}

export function saleEntry(scope: BookingScope, customer: CustomerAccounts): Entry {
  const lines = balanceLines(settleDrafts(saleDrafts(scope, customer), scope), scope);
  return makeEntry(scope, saleHeader(scope), lines);
}
