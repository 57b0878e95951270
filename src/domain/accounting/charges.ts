// Shipping and packaging lines (accounting.md: credited tax excluded on the carrier's
// accounts by country × carrier), and the tax fields every sales-type line carries.
import { isPositive, type Amount } from '../money.js';
import type { CarrierAccounts, TaxAccount } from '../profile.js';
import { padAccount } from './accounts.js';
import type { DraftLine } from './draft.js';
import { resolveByCountryCarrier, resolveByCountryTax, type TaxRef } from './resolve.js';
import type { BookingScope } from './scope.js';
import { chargeTax } from './tax-groups.js';

type TaxFields = Pick<DraftLine, 'taxRate' | 'taxCode' | 'vatGrid'>;

/** Rate, tax code and VAT grid for a line booked on a sales-type account; no code for a 0 % tax. */
export function taxFields(scope: BookingScope, tax: TaxRef): TaxFields {
  if (!isPositive(tax.rate)) return { taxRate: tax.rate };
  const mapping: TaxAccount = resolveByCountryTax(scope.settings.taxes, scope.country, tax);
  return withGrid({ taxRate: tax.rate, taxCode: mapping.code }, mapping.grid);
}

export function withGrid<T extends TaxFields>(fields: T, grid: string | undefined): T {
  return grid?.trim() ? { ...fields, vatGrid: grid.trim() } : fields;
}

export interface Charge {
  role: 'shipping' | 'wrapping';
  excl: Amount;
  incl: Amount;
  tax: TaxRef;
}

export function charges(scope: BookingScope): Charge[] {
  const { doc } = scope;
  const t = doc.totals;
  return [
    {
      role: 'shipping',
      excl: t.shippingTaxExcl,
      incl: t.shippingTaxIncl,
      tax: chargeTax(doc.shippingTaxName, doc.shippingTaxRate, t.shippingTaxExcl, t.shippingTaxIncl),
    },
    {
      role: 'wrapping',
      excl: t.wrappingTaxExcl,
      incl: t.wrappingTaxIncl,
      tax: chargeTax(doc.wrappingTaxName, doc.wrappingTaxRate, t.wrappingTaxExcl, t.wrappingTaxIncl),
    },
  ];
}

/** Shipping and packaging, credited tax excluded on the carrier's accounts. */
export function chargeDraft(scope: BookingScope, charge: Charge): DraftLine {
  const accounts: CarrierAccounts = resolveByCountryCarrier(
    scope.settings.carriers,
    scope.country,
    scope.doc.carrierName ?? '',
  );
  const withVat = isPositive(charge.tax.rate);
  const raw =
    charge.role === 'shipping'
      ? withVat
        ? accounts.shippingWithVat
        : accounts.shippingWithoutVat
      : withVat
        ? accounts.wrappingWithVat
        : accounts.wrappingWithoutVat;
  const what = charge.role === 'shipping' ? 'shipping' : 'packaging';
  const draft: DraftLine = {
    role: charge.role,
    account: padAccount(raw, scope, what),
    side: 'credit',
    amount: charge.excl,
    ...taxFields(scope, charge.tax),
  };
  const section = scope.settings.analytic.carrierSection.trim();
  if (section !== '') draft.analyticSection = section;
  return draft;
}
