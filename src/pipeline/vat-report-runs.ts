// The VAT summary of a profile for a period, from its runs (the page /vat and its CSV): the
// source files the runs kept are booked again (vat-report.ts), keeping only the documents
// the transfer ledger holds as booked.
//
// Which runs: a document's entry date (order, invoice or credit-note date, or the run's day)
// is never after the day its run started, so runs started before the period cannot hold a
// document of it; runs started after it can (last month imported today). So only the runs
// started since the period's first day (less a margin for time zones) are read, whatever
// the length of the history; the run index is in memory, the files read are theirs alone.
import { localDate } from '../clock.js';
import type { IsoDate } from '../domain/document.js';
import { addDays } from '../domain/period.js';
import type { Profile } from '../domain/profile.js';
import type { RunRecord } from '../domain/run.js';
import type { RunReader } from '../store/runs.js';
import { buildVatReport, type VatReport, type VatReportSource } from './vat-report.js';

export interface VatReportOfRunsOptions {
  profile: Profile;
  from: IsoDate;
  to: IsoDate;
  /** The appliance's time zone: a run's "today" is its local start date. */
  timeZone: string;
  /** The profile's transfer ledger: documents a run read but did not book (failed, left out) do not count. */
  isBooked?: (key: string) => boolean;
  /**
   * The ledger's count of booked documents: with the runs read, what the report depends
   * on (a reset lowers it; booking again is a new run). Given, reports are cached.
   */
  bookedCount?: number;
  now?: Date;
}

/**
 * Reports already computed, by everything they depend on: booking a month's files again
 * takes a second with thousands of runs, and the page is opened again and again while
 * nothing changed. Any new run, reset or settings change is a new key.
 */
const CACHE_SIZE = 16;
const cache = new Map<string, VatReport>();

function cacheKey(options: VatReportOfRunsOptions, runs: RunRecord[], today: IsoDate): string | undefined {
  if (options.bookedCount === undefined) return undefined;
  const runPart = runs.map((run) => `${run.id}:${run.status}:${run.endedAt ?? ''}`).join(',');
  const { profile } = options;
  return JSON.stringify([
    profile.id,
    profile.accounting,
    options.from,
    options.to,
    today,
    options.bookedCount,
    runPart,
  ]);
}

function remember(key: string, report: VatReport): void {
  cache.delete(key);
  cache.set(key, report);
  for (const old of cache.keys()) {
    if (cache.size <= CACHE_SIZE) break;
    cache.delete(old);
  }
}

/** A shop's dates and the appliance's clock may be a day apart; two days keep clear of it. */
const MARGIN_DAYS = 2;
const PAGE = 200;

/** The profile's runs that booked something, started since `since`, oldest first. */
async function bookingRuns(runs: RunReader, profileId: string, since: string): Promise<RunRecord[]> {
  const found: RunRecord[] = [];
  for (let page = 1; ; page++) {
    const result = await runs.list({ profileId, from: since, page, pageSize: PAGE });
    found.push(...result.runs);
    if (page * result.pageSize >= result.total) break;
  }
  return found
    .filter((run) => (run.status === 'succeeded' || run.status === 'partly') && run.counts.booked > 0)
    .sort((a, b) => a.id - b.id);
}

export async function buildVatReportOfRuns(
  runs: RunReader,
  options: VatReportOfRunsOptions,
): Promise<VatReport> {
  const since = `${addDays(options.from, -MARGIN_DAYS)}T00:00:00.000Z`;
  const found = await bookingRuns(runs, options.profile.id, since);
  const today = localDate(options.now ?? new Date(), options.timeZone);
  const key = cacheKey(options, found, today);
  const cached = key === undefined ? undefined : cache.get(key);
  if (cached) return cached;
  const sources: VatReportSource[] = found.flatMap((run) => {
    const runDay = localDate(new Date(run.startedAt), options.timeZone);
    return run.files
      .filter((file) => file.kind === 'source')
      .map((file) => ({ file: file.path, today: runDay }));
  });
  const report = await buildVatReport(sources, {
    profile: options.profile,
    from: options.from,
    to: options.to,
    today,
    isBooked: options.isBooked,
  });
  if (key !== undefined) remember(key, report);
  return report;
}
