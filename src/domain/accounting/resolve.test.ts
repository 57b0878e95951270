import { describe, expect, it } from 'vitest';
import { formatFranceAccounting } from '../presets/format-france.js';
import type { Mapping, TaxAccount } from '../profile.js';
import {
  resolveByCountry,
  resolveByCountryCarrier,
  resolveByCountryTax,
  resolveByPayment,
} from './resolve.js';
import { a } from './testing.js';

const tax = (name: string, rate: string) => ({ name, rate: a(rate) });

function mapping(rows: [string, string, string][], withCatchAll = true): Mapping<{ v: string }> {
  const exceptions = rows.map(([country, taxKey, v]) => ({ key: { country, tax: taxKey }, value: { v } }));
  if (withCatchAll)
    exceptions.push({ key: { country: 'ALLCOUNTRIES', tax: 'ALLTAXES' }, value: { v: 'AA' } });
  return { default: { v: 'D' }, exceptions };
}

describe('resolveByCountryTax', () => {
  // Rows deliberately listed from the weakest to the strongest match.
  const rows: [string, string, string][] = [
    ['ALLCOUNTRIES', '20', 'A×20'],
    ['FR', 'ALLTAXES', 'FR×A'],
    ['FR', '20', 'FR×20'],
  ];

  it('prefers country × tax, then country × ALLTAXES, then ALLCOUNTRIES × tax, then the default', () => {
    expect(resolveByCountryTax(mapping(rows), 'FR', tax('TVA', '20')).v).toBe('FR×20');
    expect(resolveByCountryTax(mapping(rows), 'FR', tax('TVA', '10')).v).toBe('FR×A');
    expect(resolveByCountryTax(mapping(rows), 'BE', tax('TVA', '20')).v).toBe('A×20');
    expect(resolveByCountryTax(mapping(rows), 'BE', tax('TVA', '10')).v).toBe('AA');
    expect(resolveByCountryTax(mapping(rows, false), 'BE', tax('TVA', '10')).v).toBe('D');
  });

  it('matches a tax by name before rate', () => {
    const m = mapping([
      ['FR', '20', 'rate'],
      ['ALLCOUNTRIES', 'TVA FR 20%', 'name'],
    ]);
    expect(resolveByCountryTax(m, 'FR', tax('TVA FR 20%', '20.000')).v).toBe('name');
    expect(resolveByCountryTax(m, 'FR', tax('Other 20', '20.000')).v).toBe('rate');
  });

  it('compares rates as decimals', () => {
    const preset = formatFranceAccounting().taxes;
    expect(resolveByCountryTax(preset, 'FR', tax('TVA 5,5', '5.500'))).toEqual({
      account: '445755',
      code: 'C55',
    });
    expect(resolveByCountryTax(preset, 'DE', tax('', '10.0'))).toEqual({ account: '445710', code: 'C10' });
    expect(resolveByCountryTax(preset, 'FR', tax('', '20.000'))).toEqual({ account: '445720', code: 'C20' });
  });

  it('takes what a partial row leaves out from the default', () => {
    const m: Mapping<TaxAccount> = {
      default: { account: '445720', code: 'C20' },
      exceptions: [{ key: { country: 'BE', tax: 'ALLTAXES' }, value: { account: '445790', code: '' } }],
    };
    expect(resolveByCountryTax(m, 'be', tax('x', '21'))).toEqual({ account: '445790', code: 'C20' });
  });
});

describe('other resolutions', () => {
  it('resolves by country', () => {
    const m = {
      default: { sales: 'VTE', creditNotes: 'AVO' },
      exceptions: [{ key: { country: 'BE' }, value: { sales: 'VBE' } }],
    };
    expect(resolveByCountry(m, 'BE')).toEqual({ sales: 'VBE', creditNotes: 'AVO' });
    expect(resolveByCountry(m, 'FR')).toEqual({ sales: 'VTE', creditNotes: 'AVO' });
  });

  it('resolves by country × carrier', () => {
    const m = {
      default: { v: 'D' },
      exceptions: [
        { key: { country: 'ALLCOUNTRIES', carrier: 'Colissimo' }, value: { v: 'all-colissimo' } },
        { key: { country: 'BE', carrier: 'Colissimo' }, value: { v: 'be-colissimo' } },
        { key: { country: 'BE' }, value: { v: 'be' } },
      ],
    };
    expect(resolveByCountryCarrier(m, 'BE', 'Colissimo').v).toBe('be-colissimo');
    expect(resolveByCountryCarrier(m, 'BE', 'DHL').v).toBe('be');
    expect(resolveByCountryCarrier(m, 'FR', 'colissimo').v).toBe('all-colissimo');
    expect(resolveByCountryCarrier(m, 'FR', 'DHL').v).toBe('D');
  });

  it('resolves a payment by its shop name; unknown gives the default', () => {
    const m = {
      default: { mode: 'CB' },
      exceptions: [{ key: { payment: 'Chèque' }, value: { mode: 'CHQ' } }],
    };
    expect(resolveByPayment(m, 'chèque').mode).toBe('CHQ');
    expect(resolveByPayment(m, 'PayPal').mode).toBe('CB');
    expect(resolveByPayment(m, '').mode).toBe('CB');
  });
});
