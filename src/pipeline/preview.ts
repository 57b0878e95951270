// The entry list shown before an import (FEATURES.md §7): the documents are fetched and
// booked exactly as a run would, but nothing is written to the outbox nor to the ledger.
// The user unticks entries, then runs "for the rest": a normal run given the unticked
// entries' documents as `excludeDocuments`. A document is booked whole or not at all (its
// sale and payment entries balance the customer account together), so unticking one
// entry leaves out every entry of its document.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { BookedDocument } from '../domain/entry.js';
import { sum, toDecimalString } from '../domain/money.js';
import type { ErrorLine, RunCounts } from '../domain/run.js';

/** One line of an entry, amounts as decimal strings (it crosses the worker boundary). */
export interface PreviewLine {
  account: string;
  accountLabel: string;
  customerAccount?: string;
  label: string;
  taxCode?: string;
  taxRate?: string;
  debit: string;
  credit: string;
  paymentMode?: string;
}

export interface PreviewEntry {
  /** 1, 2… in the order the run would write them. */
  number: number;
  /** Ledger key of the document: what `excludeDocuments` takes. */
  documentKey: string;
  /** "order 6", as in the journals. */
  document: string;
  /** Whether the run would create the customer's account (a customers file record). */
  createsCustomer: boolean;
  journal: string;
  date: string;
  pieceNumber: string;
  reference: string;
  label: string;
  currencyCode: string;
  currencyRate: string;
  lines: PreviewLine[];
  debit: string;
  credit: string;
}

export interface PreviewResult {
  counts: RunCounts;
  /** Totals over every entry, decimal strings. */
  debit: string;
  credit: string;
  entries: PreviewEntry[];
  /** Documents that would fail, with what to fix. */
  errors: Omit<ErrorLine, 'at'>[];
}

/** The entries of one booked document, numbered from `first`. */
export function previewEntries(booked: BookedDocument, first: number, decimals: number): PreviewEntry[] {
  const text = (amount: Parameters<typeof toDecimalString>[0]): string => toDecimalString(amount, decimals);
  return booked.entries.map((entry, i) => ({
    number: first + i,
    documentKey: booked.documentKey,
    document: booked.document,
    createsCustomer: booked.customer !== undefined,
    journal: entry.journal,
    date: entry.date,
    pieceNumber: entry.pieceNumber,
    reference: entry.reference,
    label: entry.label,
    currencyCode: entry.currencyCode,
    currencyRate: entry.currencyRate.toString(),
    lines: entry.lines.map((line) => ({
      account: line.account,
      accountLabel: line.accountLabel,
      customerAccount: line.auxiliaryAccount,
      label: line.label,
      taxCode: line.taxCode,
      taxRate: line.taxRate?.toString(),
      debit: text(line.debit),
      credit: text(line.credit),
      paymentMode: line.paymentMode,
    })),
    debit: text(sum(entry.lines.map((l) => l.debit))),
    credit: text(sum(entry.lines.map((l) => l.credit))),
  }));
}

/** The documents to leave out of the run for the rest: those of the unticked entries. */
export function documentsOf(entries: PreviewEntry[], unticked: Iterable<number>): string[] {
  const numbers = new Set(unticked);
  return [...new Set(entries.filter((e) => numbers.has(e.number)).map((e) => e.documentKey))];
}

/** A scratch folder for the preview's unwritten files, removed once it is done. */
export async function withScratchDir<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-preview-'));
  try {
    return await work(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
