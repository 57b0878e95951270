import { describe, expect, it } from 'vitest';
import { formatFranceImport } from '../domain/presets/format-france.js';
import type { ImportSettings } from '../domain/profile.js';
import { shopQuery } from './shop-query.js';

const settings = (changes: Partial<ImportSettings> = {}): ImportSettings => ({
  ...formatFranceImport(),
  ...changes,
});

describe('shopQuery', () => {
  it("takes the profile's default period on the given today when the run gives no dates", () => {
    expect(shopQuery(settings(), { task: 'orders' }, '2024-03-03')).toMatchObject({
      from: '2024-02-26',
      to: '2024-03-03',
    });
    expect(shopQuery(settings({ period: 'last-month' }), { task: 'orders' }, '2024-01-10')).toMatchObject({
      from: '2023-12-01',
      to: '2023-12-31',
    });
  });

  it("lets the run's dates override the profile's period", () => {
    const s = settings({ period: 'this-year' });
    expect(
      shopQuery(s, { task: 'orders', from: '2020-01-01', to: '2020-01-31' }, '2024-06-01'),
    ).toMatchObject({ from: '2020-01-01', to: '2020-01-31' });
    expect(shopQuery(s, { task: 'orders', to: '2020-01-31' }, '2024-06-01')).toMatchObject({
      from: '2020-01-25',
      to: '2020-01-31',
    });
    expect(shopQuery(s, { task: 'orders', from: '2024-05-01' }, '2024-06-01')).toMatchObject({
      from: '2024-05-01',
      to: '2024-06-01',
    });
  });

  it('passes states, shops and the date field; empty lists filter nothing', () => {
    expect(shopQuery(settings(), { task: 'orders' }, '2024-06-01')).toEqual({
      kind: 'orders',
      from: '2024-05-26',
      to: '2024-06-01',
      dateField: 'order',
    });
    const chosen = settings({ states: ['2', '5'], shops: ['3'], dateField: 'invoice' });
    expect(shopQuery(chosen, { task: 'orders' }, '2024-06-01')).toMatchObject({
      states: ['2', '5'],
      shops: ['3'],
      dateField: 'invoice',
    });
    // Credit notes are selected on their own date whatever the sales' date field.
    expect(shopQuery(chosen, { task: 'creditnotes' }, '2024-06-01').dateField).toBeUndefined();
  });
});
