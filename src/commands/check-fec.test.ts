import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFec, fileNameProblems, isFecDate, type FecReason } from '../domain/format/fec-check.js';

const BROKEN = path.resolve(import.meta.dirname, '../../test/fixtures/fec-broken');
const GOLDEN = path.resolve(import.meta.dirname, '../../test/fixtures/golden');

/** Each broken file and the one rule it breaks. */
const EXPECTED: Record<string, FecReason[]> = {
  'valid.txt': [],
  'header.txt': ['header'],
  'separator.txt': ['separator'],
  'field-count.txt': ['field-count'],
  'mandatory.txt': ['mandatory'],
  'date.txt': ['date', 'date', 'date', 'date', 'date', 'date'],
  'date-format.txt': ['date'],
  'amount.txt': ['amount', 'amount'],
  'amount-thousands.txt': ['amount', 'amount'],
  'debit-and-credit.txt': ['debit-and-credit', 'debit-and-credit'],
  'unbalanced.txt': ['unbalanced'],
  'order.txt': ['order'],
  'order-number.txt': ['order'],
  'order-split.txt': ['order', 'order'],
  'auxiliary-pair.txt': ['auxiliary-pair'],
  'currency-pair.txt': ['currency-pair'],
  'lettering-pair.txt': ['lettering-pair'],
  'empty-file.txt': ['empty-file'],
  '123FEC20241231.txt': ['file-name'],
  '123456789FEC20241332.txt': ['file-name'],
};

const linesOf = (file: string): string[] => {
  const text = readFileSync(file, 'utf8');
  return text === '' ? [] : text.split(/\r?\n/);
};

describe('check-fec rules', () => {
  it('has an expectation for every file of the broken corpus', () => {
    expect(readdirSync(BROKEN).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s is rejected for the right reason', (name, reasons) => {
    const problems = checkFec(linesOf(path.join(BROKEN, name)), name);
    expect(problems.map((p) => p.reason)).toEqual(reasons);
    for (const p of problems) expect(p.line).toBeGreaterThanOrEqual(p.reason === 'file-name' ? 0 : 1);
  });

  it('gives the line number of each problem', () => {
    const problems = checkFec(linesOf(path.join(BROKEN, 'unbalanced.txt')), 'x.txt');
    expect(problems).toEqual([
      {
        line: 2,
        reason: 'unbalanced',
        message: expect.stringMatching(/entry 1 of journal VTE is not balanced: debit 120.00, credit 119.99/),
      },
    ]);
    expect(checkFec(linesOf(path.join(BROKEN, 'order.txt')), 'x.txt')[0]?.line).toBe(4);
  });

  it('accepts the FEC golden files, whose bank entry is booked after the sale it predates', () => {
    for (const name of ['fec.txt', 'fec-basic.txt']) {
      expect(checkFec(linesOf(path.join(GOLDEN, name)), '123456789FEC20241231.txt')).toEqual([]);
    }
  });

  it('knows real dates', () => {
    expect(['20240229', '20000229', '20241231'].map(isFecDate)).toEqual([true, true, true]);
    expect(['20230229', '19000229', '20241301', '20240100', '2024031', '2024-03-1'].map(isFecDate)).toEqual(
      Array(6).fill(false),
    );
  });

  it('checks the full-year file name only when the name says FEC', () => {
    expect(fileNameProblems('Ventes-20240101.txt')).toEqual([]);
    expect(fileNameProblems('123456789FEC20241231.txt')).toEqual([]);
    expect(fileNameProblems('123456789FEC20241231.csv')).toHaveLength(1);
  });
});
