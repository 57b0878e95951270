import { describe, expect, it } from 'vitest';
import { addDays, periodRange } from './period.js';

describe('periodRange', () => {
  it('gives today and yesterday as one-day ranges', () => {
    expect(periodRange('today', '2024-05-15')).toEqual({ from: '2024-05-15', to: '2024-05-15' });
    expect(periodRange('yesterday', '2024-05-15')).toEqual({ from: '2024-05-14', to: '2024-05-14' });
  });

  it('crosses month and year boundaries for yesterday and the last 7 days', () => {
    expect(periodRange('yesterday', '2024-03-01')).toEqual({ from: '2024-02-29', to: '2024-02-29' });
    expect(periodRange('yesterday', '2025-01-01')).toEqual({ from: '2024-12-31', to: '2024-12-31' });
    expect(periodRange('last-7-days', '2024-05-15')).toEqual({ from: '2024-05-09', to: '2024-05-15' });
    expect(periodRange('last-7-days', '2025-01-03')).toEqual({ from: '2024-12-28', to: '2025-01-03' });
  });

  it('starts this month on its first day and ends it today', () => {
    expect(periodRange('this-month', '2024-02-29')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange('this-month', '2024-07-01')).toEqual({ from: '2024-07-01', to: '2024-07-01' });
  });

  it('gives the whole of last month, leap February and December of last year included', () => {
    expect(periodRange('last-month', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(periodRange('last-month', '2023-03-01')).toEqual({ from: '2023-02-01', to: '2023-02-28' });
    expect(periodRange('last-month', '2025-01-15')).toEqual({ from: '2024-12-01', to: '2024-12-31' });
    expect(periodRange('last-month', '2024-05-01')).toEqual({ from: '2024-04-01', to: '2024-04-30' });
  });

  it('starts this year on 1 January', () => {
    expect(periodRange('this-year', '2024-12-31')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
    expect(periodRange('this-year', '2025-01-01')).toEqual({ from: '2025-01-01', to: '2025-01-01' });
  });

  it('refuses a today that is not a date', () => {
    expect(() => periodRange('today', '15/05/2024')).toThrow(/YYYY-MM-DD/);
  });
});

describe('addDays', () => {
  it('moves across a daylight-saving change without losing a day', () => {
    expect(addDays('2024-03-31', 1)).toBe('2024-04-01');
    expect(addDays('2024-10-27', -1)).toBe('2024-10-26');
  });
});
