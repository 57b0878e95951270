import { describe, expect, it } from 'vitest';
import { DocumentError } from '../errors.js';
import { formatFranceAccounting } from '../presets/format-france.js';
import type { AccountingSettings } from '../profile.js';
import { accountLabel, padAccount } from './accounts.js';
import { bookDocument } from './book.js';
import { customerDisplayName, removeAccents } from './customer.js';
import { createScope } from './scope.js';
import { buildDocument, type DocumentSpec } from './testing.js';

const ctx = { today: '2024-05-01' };
const lines = [{ excl: '100.00', incl: '120.00' }];

function customerLine(spec: DocumentSpec, settings: AccountingSettings = formatFranceAccounting()) {
  const booked = bookDocument(buildDocument({ lines, ...spec }), settings, ctx);
  return { line: booked.entries[0]!.lines[0]!, booked };
}

const customer = (patch: Partial<ReturnType<typeof buildDocument>['customer']>) => ({
  ...buildDocument().customer,
  ...patch,
});

describe('customer accounts', () => {
  it('pads the customer id after the prefix (WEB, 39, 8 → WEB00039)', () => {
    expect(customerLine({}).line).toMatchObject({ account: '411000', auxiliaryAccount: 'WEB00039' });
  });

  it('refuses an id too long for the length, never truncating it', () => {
    const attempt = () => customerLine({ customer: customer({ key: '123456' }) });
    expect(attempt).toThrow(DocumentError);
    expect(attempt).toThrow(/customer id 123456/);
  });

  it('keeps a non-numeric id as it is', () => {
    expect(customerLine({ customer: customer({ key: 'AB' }) }).line.auxiliaryAccount).toBe('WEB000AB');
  });

  it('uses the guest accounts for a guest, without a customer record', () => {
    const { line, booked } = customerLine({ customer: customer({ key: '' }) });
    expect(line).toMatchObject({ account: '411000', auxiliaryAccount: 'WEB00000' });
    expect(booked.customer).toBeUndefined();
  });

  it('lets the document overrides win', () => {
    const { line, booked } = customerLine({
      customer: customer({ accountingAccount: '4111', customerAccount: 'CLIDUPONT' }),
    });
    expect(line).toMatchObject({ account: '411100', auxiliaryAccount: 'CLIDUPONT' });
    expect(booked.customer).toMatchObject({ accountingAccount: '411100', customerAccount: 'CLIDUPONT' });
  });

  it('picks the accounting account per payment method', () => {
    const settings = formatFranceAccounting();
    settings.customers.accountingAccount = {
      mode: 'per-payment',
      default: '411',
      byPayment: { PayPal: '4112' },
    };
    settings.customers.customerAccount = { mode: 'same', account: 'WEBCLIENTS' };
    expect(customerLine({ paymentName: 'paypal' }, settings).line).toMatchObject({
      account: '411200',
      auxiliaryAccount: 'WEBCLIENTS',
    });
    expect(customerLine({ paymentName: 'Chèque' }, settings).line.account).toBe('411000');
  });

  it('builds a per-customer accounting account at its own length', () => {
    const settings = formatFranceAccounting();
    settings.customers.accountingAccount = { mode: 'per-customer', prefix: '411', length: 6 };
    expect(customerLine({}, settings).line.account).toBe('411039');
  });
});

describe('names and accounts', () => {
  it('names the customer by company, else first and last name, with the options', () => {
    const settings = formatFranceAccounting();
    expect(customerDisplayName(buildDocument(), settings)).toBe('Jean Dupont');
    const company = buildDocument({
      customer: customer({ company: 'Société Générale', firstname: 'Éloïse' }),
    });
    expect(customerDisplayName(company, settings)).toBe('Société Générale');
    settings.customers.removeAccents = true;
    settings.customers.upperCaseName = true;
    expect(customerDisplayName(company, settings)).toBe('SOCIETE GENERALE');
    expect(removeAccents('Œuvre çà et là')).toBe('OEuvre ca et la');
  });

  it('pads general accounts and refuses one longer than the length', () => {
    const scope = createScope(buildDocument(), formatFranceAccounting(), '2024-05-01');
    expect(padAccount('411', scope, 'customer')).toBe('411000');
    expect(() => padAccount('4110001', scope, 'customer')).toThrow(/longer than the account length 6/);
    expect(() => padAccount(' ', scope, 'sales')).toThrow(/no sales account/);
  });

  it('labels an account by its longest prefix', () => {
    const labels = formatFranceAccounting().accountLabels;
    expect(accountLabel('445720', labels)).toBe('TVA collectée 20 %');
    expect(accountLabel('445799', labels)).toBe('TVA collectée');
    expect(accountLabel('622000', labels)).toBe('Charges');
    expect(accountLabel('999999', labels)).toBe('');
  });
});
