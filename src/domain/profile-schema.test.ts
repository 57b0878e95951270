import { describe, expect, it } from 'vitest';
import { formatFranceAccounting } from './presets/format-france.js';
import { exportProfile, mergeDeep, parseProfile, presetBase } from './profile-schema.js';
import { PROFILE_VERSION, type Profile } from './profile.js';

function ok(json: unknown): Profile {
  const result = parseProfile(json);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.profile;
}

function problems(json: unknown): string[] {
  const result = parseProfile(json);
  return result.ok ? [] : result.problems;
}

describe('parseProfile', () => {
  it('completes a partial profile from the preset (objects merge, arrays replace)', () => {
    const profile = ok({
      accounting: {
        rounding: { decimals: 3 },
        taxes: { exceptions: [{ key: { country: 'BE', tax: 'ALLTAXES' }, value: { account: '445730' } }] },
      },
    });
    expect(profile.accounting.rounding).toEqual({
      decimals: 3,
      level: 'line',
      difference: 'deviation',
      tolerance: '0.05',
    });
    expect(profile.accounting.taxes.default).toEqual(formatFranceAccounting().taxes.default);
    expect(profile.accounting.taxes.exceptions).toHaveLength(1);
    expect(profile.accounting.journals).toEqual(formatFranceAccounting().journals);
    expect(profile.version).toBe(PROFILE_VERSION);
  });

  it('accepts an export wrapped as { profile }', () => {
    expect(ok({ profile: { name: 'Boutique' } }).name).toBe('Boutique');
  });

  it('replaces an account mode that changes kind instead of mixing both', () => {
    const profile = ok({
      accounting: {
        customers: {
          accountingAccount: { mode: 'per-payment', default: '411000', byPayment: { PayPal: '411100' } },
        },
      },
    });
    expect(profile.accounting.customers.accountingAccount).toEqual({
      mode: 'per-payment',
      default: '411000',
      byPayment: { PayPal: '411100' },
    });
  });

  it('names every problem by its path', () => {
    const found = problems({
      accounting: {
        accountLength: 8,
        rounding: { decimals: 5, tolerance: 'five cents' },
        sales: { label: 'Cde %OI - %XX' },
        taxes: {
          exceptions: [
            { key: { country: 'FR', tax: '20' }, value: {} },
            { key: { country: 'ALLCOUNTRIES', tax: '10' }, value: {} },
            { key: { country: 'France' }, value: {} },
          ],
        },
        payments: { exceptions: [{ key: {}, value: { journal: 'BQ2' } }] },
        journals: { default: { sales: 'VTE', creditNotes: '' } },
        salesAccounts: { default: { withVat: '7072-00' } },
        unknownSetting: true,
      },
    });
    const paths = found.map((p) => p.split(':')[0]);
    expect(paths).toEqual(
      expect.arrayContaining([
        'accounting.rounding.decimals',
        'accounting.rounding.tolerance',
        'accounting.sales.label',
        'accounting.taxes.exceptions[2].key.country',
        'accounting.payments.exceptions[0].key.payment',
        'accounting.journals.default.creditNotes',
        'accounting.salesAccounts.default.withVat',
        'accounting',
      ]),
    );
    expect(found.join('\n')).toContain('%XX');
    expect(found.join('\n')).toContain('unknownSetting');
  });

  it('refuses accounts longer than the account length and prefixes that fill the customer account', () => {
    const found = problems({
      accounting: {
        accountLength: 6,
        carriers: {
          exceptions: [{ key: { country: 'BE', carrier: 'DPD' }, value: { shippingWithVat: '7085201' } }],
        },
        customers: { customerAccount: { mode: 'per-customer', prefix: 'WEBSHOP1', length: 8 } },
      },
    });
    expect(found).toEqual([
      'accounting.carriers.exceptions[0].value.shippingWithVat: 7085201 is longer than the account length 6',
      'accounting.customers.customerAccount.prefix: "WEBSHOP1" leaves no room for the customer id in 8 characters',
    ]);
  });

  it('refuses general accounts with letters: they are digits padded to the account length', () => {
    const found = problems({
      accounting: {
        salesAccounts: { default: { withVat: '70A200' } },
        customers: { guestAccountingAccount: 'CLIENT' },
      },
    });
    expect(found).toEqual([
      'accounting.salesAccounts.default.withVat: 70A200 is not a general account: digits only, padded to the account length 6',
      'accounting.customers.guestAccountingAccount: CLIENT is not a general account: digits only, padded to the account length 6',
    ]);
  });

  it('refuses account lengths outside 1–20 and blank values in defaults', () => {
    expect(problems({ accounting: { accountLength: 21 } })[0]).toMatch(/^accounting.accountLength:/);
    expect(problems({ accounting: { customers: { guestCustomerAccount: '' } } })[0]).toMatch(
      /^accounting.customers.guestCustomerAccount:/,
    );
  });

  it('allows blank cells in exception values (they take the default)', () => {
    const profile = ok({
      accounting: {
        taxes: { exceptions: [{ key: { tax: 'TVA BE 21%' }, value: { account: '', code: 'B21' } }] },
      },
    });
    expect(profile.accounting.taxes.exceptions[0]?.value).toEqual({ account: '', code: 'B21' });
  });

  it('refuses what is not a JSON object', () => {
    expect(problems([1, 2])).toEqual(['profile: not a JSON object']);
    expect(problems('x')).toEqual(['profile: not a JSON object']);
  });
});

describe('versions and migrations', () => {
  it('loads a version-1 profile whose source was { kind, inbox }', () => {
    const profile = ok({ version: 1, name: 'old', source: { kind: 'drop-folder', inbox: '/data/in' } });
    expect(profile.source).toEqual({ type: 'dropfolder', path: '/data/in' });
    expect(profile.version).toBe(PROFILE_VERSION);
    const shop = ok({ version: 1, source: { kind: 'prestashop', url: 'https://shop.example' } });
    expect(shop.source).toEqual({ type: 'prestashop', url: 'https://shop.example', key: '' });
  });

  it('treats a profile without version as the first version', () => {
    expect(ok({ source: { kind: 'drop-folder', inbox: '/in' } }).source).toEqual({
      type: 'dropfolder',
      path: '/in',
    });
  });

  it('refuses a profile from a newer Comptoir, or a nonsense version', () => {
    expect(problems({ version: PROFILE_VERSION + 1 })[0]).toMatch(/^version: .*newer Comptoir/);
    expect(problems({ version: 'two' })[0]).toMatch(/^version:/);
  });
});

describe('exportProfile', () => {
  it('writes JSON with the version that parseProfile reads back unchanged', () => {
    const profile = presetBase();
    profile.accounting.taxes.default.grid = '08';
    const text = exportProfile(profile);
    const json = JSON.parse(text) as { version: number };
    expect(json.version).toBe(PROFILE_VERSION);
    expect(ok(json)).toEqual(profile);
  });
});

describe('mergeDeep', () => {
  it('merges objects, replaces arrays and keeps the base for undefined', () => {
    expect(mergeDeep({ a: { b: 1, c: [1, 2] }, d: 2 }, { a: { c: [3] }, d: undefined })).toEqual({
      a: { b: 1, c: [3] },
      d: 2,
    });
  });
});
