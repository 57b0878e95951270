import { describe, expect, it } from 'vitest';
import { instantAt, isValidTimeZone, wallTimeAt } from './zoned-time.js';

const at = (zone: string, y: number, mo: number, d: number, h: number, mi: number): string =>
  instantAt({ year: y, month: mo, day: d, hour: h, minute: mi }, zone).toISOString();

describe('zoned time', () => {
  it('converts ordinary wall times in winter and summer', () => {
    expect(at('Europe/Paris', 2026, 1, 15, 8, 0)).toBe('2026-01-15T07:00:00.000Z');
    expect(at('Europe/Paris', 2026, 7, 15, 8, 0)).toBe('2026-07-15T06:00:00.000Z');
    expect(at('UTC', 2026, 7, 15, 8, 0)).toBe('2026-07-15T08:00:00.000Z');
    expect(at('Asia/Kolkata', 2026, 7, 15, 8, 0)).toBe('2026-07-15T02:30:00.000Z');
  });

  it('moves a wall time in the spring-forward gap to the end of the gap', () => {
    // 29 March 2026: 02:00 CET becomes 03:00 CEST at 01:00Z.
    expect(at('Europe/Paris', 2026, 3, 29, 2, 0)).toBe('2026-03-29T01:00:00.000Z');
    expect(at('Europe/Paris', 2026, 3, 29, 2, 30)).toBe('2026-03-29T01:00:00.000Z');
    expect(at('Europe/Paris', 2026, 3, 29, 2, 59)).toBe('2026-03-29T01:00:00.000Z');
    expect(at('Europe/Paris', 2026, 3, 29, 3, 0)).toBe('2026-03-29T01:00:00.000Z');
    expect(at('Europe/Paris', 2026, 3, 29, 1, 59)).toBe('2026-03-29T00:59:00.000Z');
    // New York springs forward at 02:00 EST on 8 March 2026.
    expect(at('America/New_York', 2026, 3, 8, 2, 30)).toBe('2026-03-08T07:00:00.000Z');
    // Lord Howe Island shifts by 30 minutes (02:00 → 02:30 on 4 October 2026).
    expect(at('Australia/Lord_Howe', 2026, 10, 4, 2, 15)).toBe('2026-10-03T15:30:00.000Z');
  });

  it('takes the first of a wall time that occurs twice (fall back)', () => {
    // 25 October 2026: 03:00 CEST becomes 02:00 CET at 01:00Z; 02:30 happens at 00:30Z and 01:30Z.
    expect(at('Europe/Paris', 2026, 10, 25, 2, 30)).toBe('2026-10-25T00:30:00.000Z');
    expect(at('Europe/Paris', 2026, 10, 25, 1, 59)).toBe('2026-10-24T23:59:00.000Z');
    expect(at('Europe/Paris', 2026, 10, 25, 3, 0)).toBe('2026-10-25T02:00:00.000Z');
    expect(at('America/New_York', 2026, 11, 1, 1, 30)).toBe('2026-11-01T05:30:00.000Z');
  });

  it('reads the wall time of an instant', () => {
    expect(wallTimeAt(new Date('2026-10-25T01:30:00Z'), 'Europe/Paris')).toEqual({
      year: 2026,
      month: 10,
      day: 25,
      hour: 2,
      minute: 30,
    });
    expect(wallTimeAt(new Date('2026-12-31T23:30:00Z'), 'Europe/Paris')).toMatchObject({
      year: 2027,
      hour: 0,
    });
  });

  it('round-trips every hour of 2026 in Paris, but for the repeated hour of the fall-back night', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    const moved: string[] = [];
    for (let t = start; t < start + 365 * 86_400_000; t += 3_600_000) {
      const back = instantAt(wallTimeAt(new Date(t), 'Europe/Paris'), 'Europe/Paris').getTime();
      if (back !== t) moved.push(`${new Date(t).toISOString()} → ${new Date(back).toISOString()}`);
    }
    // 02:00 CET (the second 02:00) means the first one, 02:00 CEST.
    expect(moved).toEqual(['2026-10-25T01:00:00.000Z → 2026-10-25T00:00:00.000Z']);
  });

  it('tells known time zones from unknown ones', () => {
    expect(isValidTimeZone('Europe/Paris')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});
