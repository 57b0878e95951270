// The zod shapes of a stored profile. The TypeScript types in profile.ts stay the source of
// truth: profile-schema.ts asserts at compile time that these shapes infer the same types.
import { z } from 'zod';
import { TEMPLATE_PLACEHOLDERS } from './accounting/templates.js';
import { isAmountText } from './money.js';
import { ALL_COUNTRIES, ALL_TAXES } from './profile.js';

const ACCOUNT = /^[0-9A-Za-z]{1,20}$/;
const CODE = /^[0-9A-Za-z_-]{1,20}$/;
const KNOWN_PLACEHOLDERS = new Set(TEMPLATE_PLACEHOLDERS.map((p) => p.code));

export const account = z.string().regex(ACCOUNT, 'an account is 1 to 20 letters or digits');
/** Exception values may leave a cell blank: "" means "take the default". */
const optionalAccount = z.union([z.literal(''), account]);
const code = z.string().regex(CODE, 'a code is 1 to 20 letters, digits, "-" or "_"');
const text = z.string().max(200);

const country = z
  .string()
  .refine((c) => c === ALL_COUNTRIES || /^[A-Z]{2}$/.test(c), `an ISO 3166 code (FR) or ${ALL_COUNTRIES}`);
const tax = z.string().refine((t) => t.trim() !== '', `a tax name, a rate ("5.5") or ${ALL_TAXES}`);
const nonEmpty = z.string().refine((t) => t.trim() !== '', 'must not be empty');

export const template = z.string().superRefine((value, ctx) => {
  for (const match of value.matchAll(/%[A-Z]{2}/g)) {
    if (!KNOWN_PLACEHOLDERS.has(match[0])) {
      ctx.addIssue({
        code: 'custom',
        message: `unknown placeholder ${match[0]} (known: ${[...KNOWN_PLACEHOLDERS].join(' ')})`,
      });
    }
  }
});

const decimalText = z
  .string()
  .refine((t) => isAmountText(t) && !t.trim().startsWith('-'), 'a non-negative decimal such as "0.05"');

/** A default row plus exceptions whose values are partial (blank cells take the default). */
function mapping<S extends z.ZodRawShape, K extends z.ZodType>(value: S, key: K) {
  const partial = Object.fromEntries(
    Object.entries(value).map(([name, schema]) => [
      name,
      (schema === account ? optionalAccount : (schema as z.ZodType)).optional(),
    ]),
  ) as unknown as { [P in keyof S]: z.ZodOptional<S[P]> };
  return z.strictObject({
    default: z.strictObject(value),
    exceptions: z.array(z.strictObject({ key, value: z.strictObject(partial) })),
  });
}

// A missing key column is a wildcard (resolve.ts), except the payment method, which a row must name.
const byCountry = z.strictObject({ country: country.optional() });
const byCountryTax = z.strictObject({ country: country.optional(), tax: tax.optional() });
const byCountryCarrier = z.strictObject({ country: country.optional(), carrier: nonEmpty.optional() });
const byPayment = z.strictObject({ payment: nonEmpty.optional() }).refine((k) => k.payment !== undefined, {
  message: 'a payment method as the shop names it',
  path: ['payment'],
});

export const journals = mapping({ sales: code, creditNotes: code }, byCountry);
export const salesAccounts = mapping(
  { withVat: account, withoutVat: account, discountWithVat: account, discountWithoutVat: account },
  byCountryTax,
);
export const deviationAccounts = mapping(
  {
    chargeAdjustment: account,
    productAdjustment: account,
    chargeDeviation: account,
    productDeviation: account,
  },
  byCountry,
);
export const taxes = mapping({ account, code: text, grid: text.optional() }, byCountryTax);
export const payments = mapping(
  {
    mode: text,
    journal: code,
    bankAccount: account,
    feeAccount: account,
    createBankEntry: z.boolean(),
    salesWithVat: account.optional(),
    salesWithoutVat: account.optional(),
  },
  byPayment,
);
export const carriers = mapping(
  {
    shippingWithVat: account,
    shippingWithoutVat: account,
    wrappingWithVat: account,
    wrappingWithoutVat: account,
  },
  byCountryCarrier,
);

const length = z.int().min(1).max(20);

export const accountMode = z.discriminatedUnion('mode', [
  z.strictObject({ mode: z.literal('same'), account }),
  z.strictObject({
    mode: z.literal('per-payment'),
    default: account,
    byPayment: z.record(z.string(), account),
  }),
  z.strictObject({
    mode: z.literal('per-customer'),
    prefix: z.string().regex(/^[0-9A-Za-z]{0,19}$/, 'a prefix is at most 19 letters or digits'),
    length,
  }),
]);

export const customers = z.strictObject({
  accountingAccount: accountMode,
  customerAccount: accountMode,
  guestAccountingAccount: account,
  guestCustomerAccount: account,
  removeAccents: z.boolean(),
  upperCaseName: z.boolean(),
  upperCaseAddress: z.boolean(),
  countryFrom: z.enum(['invoice', 'delivery']),
});

export const rounding = z.strictObject({
  decimals: z.literal([2, 3, 4], { error: 'decimals are 2, 3 or 4' }),
  level: z.enum(['unit', 'line', 'total']),
  difference: z.enum(['deviation', 'first-product', 'first-tax']),
  tolerance: decimalText,
});

export const salesOptions = z.strictObject({
  entryDate: z.enum(['order', 'invoice', 'today']),
  pieceNumber: z.enum(['order-id', 'invoice-number']),
  reference: template,
  label: template,
});

export const creditNoteOptions = z.strictObject({
  entryDate: z.enum(['order', 'creditnote', 'today']),
  pieceNumber: z.enum(['order-id', 'creditnote-number']),
  reference: template,
  label: template,
});

export const accounting = z.strictObject({
  accountLength: length,
  bookCurrency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR'),
  journals,
  bankJournalLabel: text.optional(),
  journalLabels: z.record(z.string(), text),
  accountLabels: z.record(z.string(), text),
  salesAccounts,
  deviationAccounts,
  taxes,
  payments,
  carriers,
  customers,
  rounding,
  sales: salesOptions,
  creditNotes: creditNoteOptions,
  currency: z.strictObject({ createEntriesInCurrency: z.boolean() }),
  analytic: z.strictObject({ products: z.boolean(), carrierSection: text }),
  dueDate: z.strictObject({
    from: z.enum(['order', 'invoice', 'first-payment']),
    days: z.int().min(0).max(365),
    endOfMonth: z.boolean(),
  }),
  lettering: z.boolean(),
});

export const source = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('dropfolder'), path: nonEmpty }),
  z.strictObject({ type: z.literal('prestashop'), url: nonEmpty, key: z.string() }),
  z.strictObject({
    type: z.literal('woocommerce'),
    url: nonEmpty,
    consumerKey: z.string(),
    consumerSecret: z.string(),
  }),
  z.strictObject({ type: z.literal('shopify'), url: nonEmpty, accessToken: z.string() }),
]);

export const target = z.strictObject({
  entriesFormat: nonEmpty,
  customersFormat: z.string().optional(),
  entriesFileName: nonEmpty,
  customersFileName: nonEmpty,
  outbox: z.string(),
});

const email = z.string().regex(/^[^\s@]+@[^\s@]+$/, 'an e-mail address');
const port = z.int().min(1).max(65535);

export const importSettings = z.strictObject({
  states: z.array(nonEmpty),
  shops: z.array(nonEmpty),
  period: z.enum(['today', 'yesterday', 'last-7-days', 'this-month', 'last-month', 'this-year']),
  dateField: z.enum(['order', 'invoice']),
  creditNotes: z.enum(['all', 'transferred-orders']),
  extraPaymentMethods: z.array(nonEmpty),
});

export const destination = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('ftp'),
    host: nonEmpty,
    port,
    user: z.string(),
    password: z.string(),
    folder: z.string(),
    tls: z.boolean(),
    fingerprint: z.string().optional(),
  }),
  z.strictObject({
    kind: z.literal('sftp'),
    host: nonEmpty,
    port,
    user: nonEmpty,
    password: z.string().optional(),
    privateKey: z.string().optional(),
    passphrase: z.string().optional(),
    folder: z.string(),
    hostKey: z.string().optional(),
  }),
  z.strictObject({ kind: z.literal('mail'), to: z.array(email).min(1), subject: text }),
]);

export const notifications = z.strictObject({
  recipients: z.array(email),
  subject: text,
  onSuccess: z.boolean(),
  onFailure: z.boolean(),
});

export const profileShape = z.strictObject({
  id: nonEmpty,
  version: z.int(),
  name: z.string(),
  source,
  target,
  accounting,
  features: z.strictObject({ orders: z.boolean(), creditNotes: z.boolean() }),
  import: importSettings,
  delivery: z.strictObject({ destinations: z.array(destination) }),
  notifications,
  debug: z.boolean(),
});
