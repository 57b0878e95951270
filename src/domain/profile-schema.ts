// Profile import / export: migrate by version, merge over the preset (what a partial file
// omits comes from it), validate everything, and name each problem by its path.
import type { z } from 'zod';
import { defaultDropFolderProfile } from './presets/format-france.js';
import { isPlainObject, migrateProfile, type PlainObject } from './profile-migrations.js';
import { profileShape } from './profile-shapes.js';
import { PROFILE_VERSION, type AccountingSettings, type Profile } from './profile.js';

// Compile-time check that the zod shapes and the types of profile.ts agree both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const shapesMatchTypes: Same<z.infer<typeof profileShape>, Profile> = true;
void shapesMatchTypes;

export type ParsedProfile = { ok: true; profile: Profile } | { ok: false; problems: string[] };

/**
 * Objects merge key by key; arrays and scalars replace. An object that changes its kind
 * (`mode` of an account mode, `type` of a source) replaces the base whole, or the old
 * kind's fields would be left over.
 */
export function mergeDeep<T>(base: T, override: unknown): T {
  if (!isPlainObject(base) || !isPlainObject(override))
    return (override === undefined ? base : override) as T;
  for (const tag of ['mode', 'type']) {
    if (tag in override && override[tag] !== base[tag]) return override as T;
  }
  const out: PlainObject = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = mergeDeep(out[key], value);
  return out as T;
}

/** `accounting.taxes.exceptions[2].key.country` */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (text, part) =>
      typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part),
    '',
  );
}

/** The general-account fields of each mapping, which must fit the account length. */
const GENERAL_ACCOUNTS: Partial<Record<keyof AccountingSettings, string[]>> = {
  salesAccounts: ['withVat', 'withoutVat', 'discountWithVat', 'discountWithoutVat'],
  deviationAccounts: ['chargeAdjustment', 'productAdjustment', 'chargeDeviation', 'productDeviation'],
  taxes: ['account'],
  payments: ['bankAccount', 'feeAccount', 'salesWithVat', 'salesWithoutVat'],
  carriers: ['shippingWithVat', 'shippingWithoutVat', 'wrappingWithVat', 'wrappingWithoutVat'],
};

/**
 * What the field shapes cannot see: general accounts (plan comptable: digits, padded with
 * zeros to the account length) with letters or longer than the length, prefixes that fill it.
 */
function crossChecks(settings: AccountingSettings): string[] {
  const problems: string[] = [];
  const max = settings.accountLength;
  const check = (path: string, value: string | undefined): void => {
    if (value === undefined || value === '') return;
    if (!/^[0-9]+$/.test(value))
      problems.push(
        `accounting.${path}: ${value} is not a general account: digits only, padded to the account length ${max}`,
      );
    else if (value.length > max)
      problems.push(`accounting.${path}: ${value} is longer than the account length ${max}`);
  };
  for (const [name, fields] of Object.entries(GENERAL_ACCOUNTS)) {
    const m = settings[name as keyof AccountingSettings] as unknown as {
      default: Record<string, string>;
      exceptions: { value: Record<string, string | undefined> }[];
    };
    for (const field of fields ?? []) {
      check(`${name}.default.${field}`, m.default[field]);
      m.exceptions.forEach((row, i) => check(`${name}.exceptions[${i}].value.${field}`, row.value[field]));
    }
  }
  const c = settings.customers;
  check('customers.guestAccountingAccount', c.guestAccountingAccount);
  const mode = c.accountingAccount;
  if (mode.mode === 'same') check('customers.accountingAccount.account', mode.account);
  if (mode.mode === 'per-payment') {
    check('customers.accountingAccount.default', mode.default);
    for (const [name, value] of Object.entries(mode.byPayment))
      check(`customers.accountingAccount.byPayment.${name}`, value);
  }
  for (const which of ['accountingAccount', 'customerAccount'] as const) {
    const m = c[which];
    if (m.mode === 'per-customer' && m.prefix.length >= m.length) {
      problems.push(
        `accounting.customers.${which}.prefix: "${m.prefix}" leaves no room for the customer id in ${m.length} characters`,
      );
    }
  }
  return problems;
}

/** The preset a partial profile is completed from, when the caller gives none. */
export function presetBase(): Profile {
  return defaultDropFolderProfile('profile', 'inbox', 'outbox');
}

/**
 * Reads a profile (the profile itself or `{ profile: … }`): migrations by `version`, merge
 * over `base` (the preset Format France by default), then validation.
 */
export function parseProfile(json: unknown, base: Profile = presetBase()): ParsedProfile {
  const raw = isPlainObject(json) && isPlainObject(json.profile) ? json.profile : json;
  if (!isPlainObject(raw)) return { ok: false, problems: ['profile: not a JSON object'] };
  const migrated = migrateProfile(raw);
  if (!migrated.ok) return migrated;
  const merged = mergeDeep<unknown>(structuredClone(base), migrated.profile);
  const result = profileShape.safeParse(merged);
  if (!result.success) {
    const problems = result.error.issues.map(
      (issue) => `${issuePath(issue.path) || 'profile'}: ${issue.message}`,
    );
    return { ok: false, problems };
  }
  const profile = result.data as Profile;
  const problems = crossChecks(profile.accounting);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, profile };
}

/** A profile as the UI exports it: JSON with its version, readable by parseProfile. */
export function exportProfile(profile: Profile): string {
  return `${JSON.stringify({ ...profile, version: PROFILE_VERSION }, null, 2)}\n`;
}
