// The synchronisation screen's forms, read and checked. No server state is kept between
// the preview and the import: the preview's parameters travel back as hidden fields, and
// the entry checkboxes say which documents to leave out.
import type { ShopRunRequest } from '../pipeline/pipeline.js';
import type { Translate } from './i18n.js';

export type SyncTask = ShopRunRequest['task'];

/** What the period form holds, as typed (shown back as is when refused). */
export interface SyncValues {
  task: SyncTask;
  from: string;
  to: string;
  includeTransferred: boolean;
}

export type SyncFormResult =
  | { ok: true; values: SyncValues; request: ShopRunRequest }
  | { ok: false; values: SyncValues; errors: Record<string, string> };

type Body = Record<string, unknown>;

export function text(body: Body, name: string, max = 200): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

/**
 * Every value a field sent. The form parser (qs) turns more than 20 repeated names into an
 * object keyed by index rather than an array.
 */
export function list(body: Body, name: string): string[] {
  const value = body[name];
  if (typeof value === 'string') return [value];
  const values = Array.isArray(value)
    ? value
    : value && typeof value === 'object'
      ? Object.values(value)
      : [];
  return values.filter((v): v is string => typeof v === 'string');
}

/** YYYY-MM-DD naming a real day (2025-02-30 is refused). */
export function isIsoDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function readSyncForm(body: Body, t: Translate): SyncFormResult {
  const values: SyncValues = {
    task: text(body, 'task') === 'creditnotes' ? 'creditnotes' : 'orders',
    from: text(body, 'from', 40),
    to: text(body, 'to', 40),
    includeTransferred: text(body, 'includeTransferred') !== '',
  };
  const errors: Record<string, string> = {};
  for (const name of ['from', 'to'] as const) {
    if (values[name] === '') errors[name] = t('sync.error.dateRequired');
    else if (!isIsoDay(values[name])) errors[name] = t('sync.error.dateFormat');
  }
  // ISO days compare as text.
  if (!errors.from && !errors.to && values.from > values.to) errors.from = t('sync.error.fromAfterTo');
  if (Object.keys(errors).length > 0) return { ok: false, values, errors };
  return {
    ok: true,
    values,
    request: {
      task: values.task,
      from: values.from,
      to: values.to,
      includeTransferred: values.includeTransferred,
    },
  };
}

/** Ledger keys are short; a longer line is not one of ours. */
const MAX_KEY = 300;
/**
 * The form parser (qs) keeps the first 1000 fields and drops the rest silently: a form
 * without the script refuses rather than lose ticked entries past that.
 */
export const MAX_PLAIN_ENTRIES = 900;
const MAX_DOCUMENTS = 50_000;

export type Selection = { ok: true; excluded: string[] } | { ok: false; reason: 'bad' | 'tooMany' };

function keyLines(value: string): string[] | undefined {
  // Browsers send line breaks in a field as CRLF.
  const lines = value.split(/\r?\n/).filter((line) => line !== '');
  if (lines.length > MAX_DOCUMENTS || lines.some((line) => line.length > MAX_KEY)) return undefined;
  return lines;
}

/**
 * The documents to leave out of an import (a document is booked whole or not at all,
 * preview.ts, so one unticked entry leaves out its document).
 * - With public/sync.js (`selection=js`): `exclude` holds the unticked documents' keys, one
 *   per line; the checkboxes are not sent, so the form stays small whatever the list's size.
 * - Without it: `docs` holds one line per document, "<its entry numbers>:<ledger key>", and
 *   each ticked box sends `keep` = its entry number.
 */
export function importSelection(body: Body): Selection {
  if (text(body, 'selection') === 'js') {
    const excluded = keyLines(typeof body.exclude === 'string' ? body.exclude : '');
    return excluded ? { ok: true, excluded: [...new Set(excluded)] } : { ok: false, reason: 'bad' };
  }
  const kept = list(body, 'keep');
  if (kept.length >= MAX_PLAIN_ENTRIES) return { ok: false, reason: 'tooMany' };
  const keep = new Set(kept);
  const docs = keyLines(typeof body.docs === 'string' ? body.docs : '');
  if (!docs) return { ok: false, reason: 'bad' };
  const excluded: string[] = [];
  for (const doc of docs) {
    const colon = doc.indexOf(':');
    const numbers = doc.slice(0, colon).split(',');
    const key = doc.slice(colon + 1);
    if (colon < 1 || key === '' || !numbers.every((n) => /^\d{1,7}$/.test(n)))
      return { ok: false, reason: 'bad' };
    if (numbers.some((n) => !keep.has(n))) excluded.push(key);
  }
  return { ok: true, excluded: [...new Set(excluded)] };
}
