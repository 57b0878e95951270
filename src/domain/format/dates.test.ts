import { describe, expect, it } from 'vitest';
import { formatDate } from './dates.js';
import { FormatError } from './errors.js';

describe('formatDate', () => {
  it.each([
    ['yyyyMMdd', '20250307'],
    ['yyyy-MM-dd', '2025-03-07'],
    ['yyMMdd', '250307'],
    ['ddMMyyyy', '07032025'],
    ['ddMMyy', '070325'],
    ['MMddyyyy', '03072025'],
    ['MMddyy', '030725'],
    ['dd/MM/yyyy', '07/03/2025'],
  ])('writes %s', (pattern, expected) => {
    expect(formatDate('2025-03-07', pattern)).toBe(expected);
  });

  it('refuses what is not a YYYY-MM-DD date', () => {
    expect(() => formatDate('07/03/2025', 'yyyyMMdd')).toThrow(FormatError);
  });
});
