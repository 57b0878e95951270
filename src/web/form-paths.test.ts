import { describe, expect, it } from 'vitest';
import { fieldName, flattenBody, problemsByField, setPath } from './form-paths.js';

describe('form paths', () => {
  it('turns schema paths into form field names', () => {
    expect(fieldName('accounting.taxes.exceptions[2].key.country')).toBe(
      'accounting.taxes.exceptions.2.key.country',
    );
  });

  it('puts each problem next to its field, its first child or its list', () => {
    const known = new Set([
      'accounting.salesAccounts.default.withVat',
      'accounting.customers.accountingAccount.mode',
      'notifications.recipients',
    ]);
    const byField = problemsByField(
      [
        'accounting.salesAccounts.default.withVat: an account is 1 to 20 letters or digits',
        'accounting.customers.accountingAccount: Invalid input',
        'notifications.recipients[1]: an e-mail address',
        'profile: not a JSON object',
      ],
      known,
    );
    expect(byField.get('accounting.salesAccounts.default.withVat')).toEqual([
      'an account is 1 to 20 letters or digits',
    ]);
    expect(byField.get('accounting.customers.accountingAccount.mode')).toEqual(['Invalid input']);
    expect(byField.get('notifications.recipients')).toEqual(['an e-mail address']);
    expect(byField.get('')).toEqual(['profile: not a JSON object']);
  });

  it('flattens what the body parser nested, keeping repeated fields as lists', () => {
    const body = {
      _csrf: 't',
      accounting: { taxes: { exceptions: [{ key: { country: 'FR' } }], default: { account: '445720' } } },
      import: { states: ['a', 'b'], statesText: 'c' },
    };
    expect(flattenBody(body)).toEqual({
      _csrf: 't',
      'accounting.taxes.exceptions.0.key.country': 'FR',
      'accounting.taxes.default.account': '445720',
      'import.states': ['a', 'b'],
      'import.statesText': 'c',
    });
  });

  it('sets a nested value, making arrays for numeric parts', () => {
    const root: Record<string, unknown> = {};
    setPath(root, 'a.list.0.name', 'x');
    expect(root).toEqual({ a: { list: [{ name: 'x' }] } });
  });
});
