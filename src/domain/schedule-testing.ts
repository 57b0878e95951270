// Shared by the schedule tests: a schedule with defaults, and the next occurrences as ISO strings.
import { nextRun } from './schedule-next.js';
import type { Schedule } from './schedule-types.js';

export const PARIS = 'Europe/Paris';

export function schedule(overrides: Partial<Schedule> = {}): Schedule {
  return {
    id: 's1',
    profileId: 'p1',
    task: 'orders',
    start: { date: '2026-01-01', time: '08:00' },
    trigger: { kind: 'daily', everyDays: 1 },
    paused: false,
    ...overrides,
  };
}

/** `2026-03-29T03:00+02:00` → `2026-03-29T01:00:00.000Z`: expectations are written in wall time with the offset. */
export const iso = (text: string): string => new Date(text).toISOString();

/** The next `count` occurrences strictly after `after`. */
export function nextRuns(s: Schedule, after: string, count: number, timeZone = PARIS): string[] {
  const out: string[] = [];
  let t = new Date(after);
  for (let i = 0; i < count; i++) {
    const n = nextRun(s, t, timeZone);
    if (!n) break;
    out.push(n.toISOString());
    t = n;
  }
  return out;
}
