// Dashboard figures (FEATURES.md §11) from run summaries: per profile and in total, for one
// month of the appliance's zone — documents exported, entries written, failures, and a
// series per day. Pure: the caller passes the runs, the month and the zone.
import { parseAmount, sum, toDecimalString } from './money.js';
import type { RunRecord } from './run.js';
import { wallTimeAt } from './zoned-time.js';

export interface DayFigures {
  /** YYYY-MM-DD in the appliance's zone. */
  date: string;
  documents: number;
  entries: number;
  failures: number;
}

export interface Figures {
  /** Documents booked and written (exported). */
  documents: number;
  entries: number;
  lines: number;
  /** Documents that failed. */
  failures: number;
  runs: number;
  failedRuns: number;
  /** Total debit written, decimal string. */
  debit: string;
  /** One per day of the month, in order, days without runs included (a chart's x axis). */
  days: DayFigures[];
}

export interface ProfileFigures extends Figures {
  profileId: string;
  profileName: string;
}

export interface Dashboard {
  /** YYYY-MM. */
  month: string;
  total: Figures;
  profiles: ProfileFigures[];
}

const pad = (n: number): string => String(n).padStart(2, '0');
const HOUR_MS = 3_600_000;

function daysOf(month: string): string[] {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const count = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${pad(i + 1)}`);
}

function figuresOf(runs: RunRecord[], month: string, dayOf: (run: RunRecord) => string): Figures {
  const days = new Map(daysOf(month).map((date) => [date, { date, documents: 0, entries: 0, failures: 0 }]));
  for (const run of runs) {
    const day = days.get(dayOf(run));
    if (!day) continue;
    day.documents += run.counts.booked;
    day.entries += run.counts.entries;
    day.failures += run.counts.failed;
  }
  return {
    documents: runs.reduce((n, r) => n + r.counts.booked, 0),
    entries: runs.reduce((n, r) => n + r.counts.entries, 0),
    lines: runs.reduce((n, r) => n + r.counts.lines, 0),
    failures: runs.reduce((n, r) => n + r.counts.failed, 0),
    runs: runs.length,
    failedRuns: runs.filter((r) => r.status === 'failed').length,
    debit: toDecimalString(sum(runs.map((r) => parseAmount(r.debit))), 2),
    days: [...days.values()],
  };
}

/**
 * Figures of the runs started in `month` (YYYY-MM) in `timeZone`, on the day they started
 * (as the run list shows them); a run still going counts once it has ended.
 */
export function dashboardFor(runs: RunRecord[], month: string, timeZone: string): Dashboard {
  // Intl is the cost of a dashboard over thousands of runs, so it is asked once per UTC hour
  // for the zone's offset (offsets only change on the hour), not once per run.
  const offsets = new Map<number, number>();
  // Each run's day is asked for three times (month filter, total, its profile).
  const days = new Map<RunRecord, string>();
  const dayOf = (run: RunRecord): string => days.get(run) ?? remember(run);
  const remember = (run: RunRecord): string => {
    const ms = Date.parse(run.startedAt);
    const hour = Math.floor(ms / HOUR_MS);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const w = wallTimeAt(new Date(hour * HOUR_MS), timeZone);
      offset = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - hour * HOUR_MS;
      offsets.set(hour, offset);
    }
    const wall = new Date(ms + offset);
    const day = `${wall.getUTCFullYear()}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
    days.set(run, day);
    return day;
  };
  const inMonth = runs.filter((r) => r.status !== 'running' && dayOf(r).startsWith(`${month}-`));
  const byProfile = new Map<string, RunRecord[]>();
  for (const run of inMonth) {
    const list = byProfile.get(run.profileId);
    if (list) list.push(run);
    else byProfile.set(run.profileId, [run]);
  }
  const profiles = [...byProfile.entries()]
    .map(([profileId, list]) => ({
      profileId,
      // The latest name: a profile renamed during the month shows once, under its current name.
      profileName: list[list.length - 1]?.profileName ?? profileId,
      ...figuresOf(list, month, dayOf),
    }))
    .sort((a, b) => a.profileName.localeCompare(b.profileName));
  return { month, total: figuresOf(inMonth, month, dayOf), profiles };
}

/** The first instant worth reading for a month's dashboard: a day before, for any zone. */
export function monthLowerBound(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m - 1, 1) - 86_400_000).toISOString();
}
