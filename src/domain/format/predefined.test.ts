import { describe, expect, it } from 'vitest';
import { getFormat, listFormats } from './predefined/index.js';
import { formatProblems } from './validate.js';

describe('predefined formats', () => {
  it('lists FEC', () => {
    expect(listFormats()).toContainEqual({ id: 'fec', name: 'FEC (Fichier des Écritures Comptables)' });
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
