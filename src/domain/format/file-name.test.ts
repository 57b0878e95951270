import { describe, expect, it } from 'vitest';
import { exampleFileName, expandFileName, safeFileName } from './file-name.js';

const vars = {
  now: { year: 2025, month: 3, day: 7, hour: 8, minute: 4, second: 5 },
  profile: 'Ma boutique: "Paris/Lyon"',
  run: 12,
};

describe('expandFileName', () => {
  it('expands every token, zero-padded', () => {
    expect(expandFileName('%Y-%M-%D_%y_%h%m%s_%P_%N_100%%', vars)).toBe(
      '2025-03-07_25_080405_Ma boutique ParisLyon_12_100%',
    );
  });

  it('keeps unknown tokens and strips unsafe characters from the template', () => {
    expect(expandFileName('../ecritures %X', vars)).toBe('ecritures %X');
  });

  it('never gives an empty or hidden name', () => {
    expect(expandFileName('%P', { ...vars, profile: '...' })).toBe('comptoir');
  });
});

describe('safeFileName', () => {
  it('strips / \\ : * ? " < > | and control characters', () => {
    expect(safeFileName('a/b\\c:d*e?f"g<h>i|j\u0001k')).toBe('abcdefghijk');
  });
});

describe('exampleFileName', () => {
  it('uses fixed example values and the extension', () => {
    expect(exampleFileName('FEC_%Y%M%D_%N', { extension: 'txt' })).toBe('FEC_20250131_42.txt');
  });
});
