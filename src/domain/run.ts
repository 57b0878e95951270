// What is recorded of each run (FEATURES.md §7, §9).
import type { ReconciliationReport } from './accounting/reconciliation.js';

export type RunStatus = 'running' | 'succeeded' | 'partly' | 'failed';

export type RunTask = 'orders' | 'creditnotes' | 'drop-folder';

export interface RunCounts {
  read: number;
  booked: number;
  failed: number;
  /** Already transferred, or filtered out. */
  ignored: number;
  entries: number;
  lines: number;
}

export interface RunFile {
  /** Kind of file: the source as read, the entries file, the customers file. */
  kind: 'source' | 'entries' | 'customers';
  /** File name shown to the user. */
  name: string;
  /** Absolute path where the appliance keeps it. */
  path: string;
}

/** The run's reconciliation (accounting/reconciliation.ts) without the per-document lists, which the error log and journal hold. */
export type RunReconciliation = Omit<ReconciliationReport, 'failed' | 'ignored'>;

export interface RunRecord {
  id: number;
  profileId: string;
  profileName: string;
  task: RunTask;
  status: RunStatus;
  /** ISO timestamps. */
  startedAt: string;
  endedAt?: string;
  durationMs?: number;
  counts: RunCounts;
  /** Total debit and credit written, decimal strings. */
  debit: string;
  credit: string;
  /** Progress while running: documents done so far. */
  done: number;
  /** Progress while running: how much of the source has been read, 0–100 (a streamed file's document count is unknown until its end). */
  percent?: number;
  files: RunFile[];
  /** Totals per journal and account, and the customer check, when documents were booked. */
  reconciliation?: RunReconciliation;
  /** One-line reason when the whole run failed. */
  message?: string;
  /** The reason's code and values, for the pages to say it in their language (web/journal-text.ts). */
  messageCode?: MessageCode;
  /** When retention removed its journal and error log (the summary is kept). */
  journalPrunedAt?: string;
}

/**
 * What a line says, for the pages to say it in their language: a stable code and its
 * values (web/journal-text.ts). `message` stays in English for logs, the CLI and older
 * readers; a line without a code, or whose code a catalogue lacks, is shown as `message`.
 */
export interface MessageCode {
  code?: string;
  params?: Record<string, string>;
}

export interface JournalLine extends MessageCode {
  at: string;
  level: 'info' | 'warn' | 'error' | 'debug';
  /** The document it concerns, when it concerns one. */
  document?: string;
  message: string;
}

/** `code` names both texts: runError.<code>.problem and runError.<code>.fix in the catalogues. */
export interface ErrorLine extends MessageCode {
  at: string;
  /** Which file, which document, which field, what to do. */
  file?: string;
  document?: string;
  field?: string;
  message: string;
  fix: string;
}

export function emptyCounts(): RunCounts {
  return { read: 0, booked: 0, failed: 0, ignored: 0, entries: 0, lines: 0 };
}

/** succeeded when nothing failed, failed when nothing was booked but something failed, partly otherwise. */
export function statusOf(counts: RunCounts, fatal: boolean): RunStatus {
  if (fatal) return 'failed';
  if (counts.failed === 0) return 'succeeded';
  return counts.booked === 0 ? 'failed' : 'partly';
}
