// RunRecord → what the templates print: every value already formatted for the language.
import type {
  ErrorLine,
  JournalLine,
  RunReconciliation,
  RunRecord,
  RunStatus,
  RunTask,
} from '../domain/run.js';
import type { Formatter } from './format.js';
import type { Translate } from './i18n.js';
import { documentText, errorTexts, journalText } from './journal-text.js';

export const RUN_STATUSES: RunStatus[] = ['running', 'succeeded', 'partly', 'failed'];
export const RUN_TASKS: RunTask[] = ['orders', 'creditnotes', 'drop-folder'];

export interface RunView {
  id: number;
  url: string;
  profileName: string;
  task: string;
  status: RunStatus;
  statusText: string;
  running: boolean;
  start: string;
  end: string;
  duration: string;
  counts: RunRecord['counts'];
  done: number;
  /** Progress bar maximum: at least 1, so that an empty run does not divide by zero. */
  progressMax: number;
  /** Share of the source read, when the run reports it. */
  percent: number | undefined;
  debit: string;
  credit: string;
  message: string | undefined;
  files: { index: number; kind: string; name: string; url: string }[];
}

export function runView(run: RunRecord, t: Translate, fmt: Formatter, now = Date.now()): RunView {
  const running = run.status === 'running';
  const durationMs = run.durationMs ?? (running ? now - Date.parse(run.startedAt) : undefined);
  return {
    id: run.id,
    url: `/runs/${run.id}`,
    profileName: run.profileName,
    task: t(`task.${run.task}`),
    status: run.status,
    statusText: t(`status.${run.status}`),
    running,
    start: fmt.dateTime(run.startedAt),
    end: fmt.dateTime(run.endedAt),
    duration: fmt.duration(durationMs),
    counts: run.counts,
    done: run.done,
    progressMax: Math.max(run.counts.read, run.done, 1),
    percent: run.percent,
    debit: fmt.amount(run.debit),
    credit: fmt.amount(run.credit),
    message: run.message && journalText({ message: run.message, ...run.messageCode }, t, fmt),
    files: run.files.map((file, index) => ({
      index,
      kind: t(`file.${file.kind}`),
      name: file.name,
      url: `/runs/${run.id}/files/${index}`,
    })),
  };
}

export function journalView(lines: JournalLine[], t: Translate, fmt: Formatter) {
  return lines.map((line) => ({
    time: fmt.dateTime(line.at),
    level: line.level,
    levelText: t(`level.${line.level}`),
    document: documentText(line.document ?? '', t),
    message: journalText(line, t, fmt),
  }));
}

export function errorsView(lines: ErrorLine[], t: Translate, fmt: Formatter) {
  return lines.map((line) => {
    const { problem, fix } = errorTexts(line, t, fmt);
    return {
      time: fmt.dateTime(line.at),
      file: line.file ?? '',
      document: documentText(line.document ?? '', t),
      field: line.field ?? '',
      message: problem,
      fix,
    };
  });
}

/** The run's reconciliation with its amounts written for display (amounts stay strings). */
export function reconciliationView(report: RunReconciliation | undefined, fmt: Formatter) {
  if (!report) return undefined;
  const money = <T extends { debit: string; credit: string }>(row: T): T => ({
    ...row,
    debit: fmt.amount(row.debit),
    credit: fmt.amount(row.credit),
  });
  return {
    ok: report.ok,
    warnings: report.warnings,
    sales: { customer: fmt.amount(report.sales.customer), documents: fmt.amount(report.sales.documents) },
    creditNotes: {
      customer: fmt.amount(report.creditNotes.customer),
      documents: fmt.amount(report.creditNotes.documents),
    },
    journals: report.journals.map(money),
    accounts: report.accounts.map(money),
  };
}
