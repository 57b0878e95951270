// PreviewResult → what the entry list prints: amounts and dates formatted for the
// language, and each document's entry numbers for the import form (sync-form.ts).
import type { PreviewEntry, PreviewResult } from '../pipeline/preview.js';
import type { Formatter } from './format.js';
import type { Translate } from './i18n.js';
import { documentText } from './journal-text.js';

export interface PreviewLineView {
  account: string;
  accountLabel: string;
  customerAccount: string;
  label: string;
  taxCode: string;
  taxRate: string;
  debit: string;
  credit: string;
  paymentMode: string;
}

export interface PreviewEntryView {
  number: number;
  documentKey: string;
  document: string;
  createsCustomer: boolean;
  journal: string;
  date: string;
  pieceNumber: string;
  reference: string;
  label: string;
  currency: string;
  lines: PreviewLineView[];
  debit: string;
  credit: string;
}

export interface PreviewView {
  /** The period read, as the heading shows it. */
  from: string;
  to: string;
  counts: PreviewResult['counts'];
  debit: string;
  credit: string;
  entries: PreviewEntryView[];
  /** One line per document, "<entry numbers>:<ledger key>": the import form's `docs` field. */
  docs: string;
  errors: PreviewResult['errors'];
}

/** 2017-04-01 → 01/04/2017 (both languages write day/month/year, format.ts). */
function day(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

function entryView(entry: PreviewEntry, fmt: Formatter, t?: Translate): PreviewEntryView {
  const amount = (value: string): string => (/^0(\.0+)?$/.test(value) ? '' : fmt.amount(value));
  return {
    number: entry.number,
    documentKey: entry.documentKey,
    document: t ? documentText(entry.document, t) : entry.document,
    createsCustomer: entry.createsCustomer,
    journal: entry.journal,
    date: day(entry.date),
    pieceNumber: entry.pieceNumber,
    reference: entry.reference,
    label: entry.label,
    currency:
      entry.currencyRate === '1' ? entry.currencyCode : `${entry.currencyCode} × ${entry.currencyRate}`,
    lines: entry.lines.map((line) => ({
      account: line.account,
      accountLabel: line.accountLabel,
      customerAccount: line.customerAccount ?? '',
      label: line.label,
      taxCode: line.taxCode ?? '',
      taxRate: line.taxRate ? fmt.amount(line.taxRate) : '',
      // An empty cell reads better than 0,00 in the column a line does not use.
      debit: amount(line.debit),
      credit: amount(line.credit),
      paymentMode: line.paymentMode ?? '',
    })),
    debit: fmt.amount(entry.debit),
    credit: fmt.amount(entry.credit),
  };
}

export function previewView(
  preview: PreviewResult,
  period: { from: string; to: string },
  fmt: Formatter,
  /** The page's language for the documents' names; without it they stay as the run wrote them. */
  t?: Translate,
): PreviewView {
  const numbersOf = new Map<string, number[]>();
  for (const entry of preview.entries) {
    numbersOf.set(entry.documentKey, [...(numbersOf.get(entry.documentKey) ?? []), entry.number]);
  }
  return {
    from: day(period.from),
    to: day(period.to),
    counts: preview.counts,
    debit: fmt.amount(preview.debit),
    credit: fmt.amount(preview.credit),
    entries: preview.entries.map((entry) => entryView(entry, fmt, t)),
    docs: [...numbersOf].map(([key, numbers]) => `${numbers.join(',')}:${key}`).join('\n'),
    errors: preview.errors,
  };
}
