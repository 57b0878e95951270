import { describe, expect, it } from 'vitest';
import { getFormat, listFormats } from './predefined/index.js';
import { formatProblems } from './validate.js';

describe('predefined formats', () => {
  it('lists FEC', () => {
    expect(listFormats()).toContainEqual({
      id: 'fec',
      name: 'FEC (Fichier des Écritures Comptables)',
      kind: 'entries',
    });
  });

  it('lists every format of formats.md, and a customers format where the package has one', () => {
    const ids = listFormats().map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['fec', 'ebp', 'sage', 'ciel', 'quadratus', 'cegid', 'csv']));
    for (const { id } of listFormats()) {
      const customers = getFormat(id)!.customersFormat;
      if (customers) expect(getFormat(customers)?.kind).toBe('customers');
    }
    expect(['ebp', 'sage', 'csv'].map((id) => getFormat(id)!.customersFormat)).toEqual([
      'ebp-customers',
      'sage-customers',
      'csv-customers',
    ]);
  });

  it('gives a copy the caller may edit', () => {
    const copy = getFormat('fec');
    copy?.fields.pop();
    expect(getFormat('fec')?.fields).toHaveLength(18);
  });

  it('are valid definitions', () => {
    for (const { id } of listFormats()) expect(formatProblems(getFormat(id)!)).toEqual([]);
  });

  it('returns undefined for an unknown id', () => {
    expect(getFormat('nope')).toBeUndefined();
  });
});
