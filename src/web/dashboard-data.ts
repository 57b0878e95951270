// The runs a month's dashboard reads, through the run reader's period query: only the runs
// started in the month (plus a day on each side, for any time zone), never the whole history.
import { type Dashboard, dashboardFor, monthLowerBound } from '../domain/dashboard.js';
import type { RunRecord } from '../domain/run.js';
import { wallTimeAt } from '../domain/zoned-time.js';
import type { RunReader } from '../store/runs.js';

const DAY_MS = 86_400_000;
/** The reader's largest page. */
const PAGE_SIZE = 200;
/** The month's last runs listed under the figures. */
const LATEST = 10;

const pad = (n: number): string => String(n).padStart(2, '0');

/** `YYYY-MM` of a real month (years 2000–2999), else undefined. */
export function parseMonth(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^(2\d{3})-(0[1-9]|1[0-2])$/.exec(value);
  return m ? value : undefined;
}

export function monthOf(instant: Date, timeZone: string): string {
  const t = wallTimeAt(instant, timeZone);
  return `${t.year}-${pad(t.month)}`;
}

export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(year, m - 1 + by, 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
}

/** The first instant not worth reading: a day after the month ends, for any zone. */
export function monthUpperBound(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 1) + DAY_MS).toISOString();
}

/** A reader that can also give a period in one pass (RunStore.since). */
export type PeriodReader = RunReader & { since?(from: string): RunRecord[] };

/** Runs started around the month, newest first. */
export async function runsAround(runs: PeriodReader, month: string): Promise<RunRecord[]> {
  const query = { from: monthLowerBound(month), to: monthUpperBound(month), pageSize: PAGE_SIZE };
  // One pass over the index instead of one per page: the month of a busy drop folder can
  // hold thousands of runs, and each page of list() filters and sorts the whole history.
  if (typeof runs.since === 'function') {
    const to = Date.parse(query.to);
    return runs
      .since(query.from)
      .filter((r) => Date.parse(r.startedAt) < to)
      .reverse();
  }
  const first = await runs.list({ ...query, page: 1 });
  const out = [...first.runs];
  const pages = Math.ceil(first.total / PAGE_SIZE);
  for (let page = 2; page <= pages; page++) out.push(...(await runs.list({ ...query, page })).runs);
  return out;
}

export async function monthDashboard(
  runs: PeriodReader,
  month: string,
  timeZone: string,
): Promise<{ dashboard: Dashboard; latest: RunRecord[] }> {
  const around = await runsAround(runs, month);
  const dashboard = dashboardFor(around, month, timeZone);
  // Newest first: stop at the tenth of the month (each check asks Intl for the zone's time).
  const latest: RunRecord[] = [];
  for (const run of around) {
    if (latest.length === LATEST) break;
    if (run.status !== 'running' && monthOf(new Date(run.startedAt), timeZone) === month) latest.push(run);
  }
  return { dashboard, latest };
}
