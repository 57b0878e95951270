// The VAT summary of a period from order files (the runs' kept sources, issue 10): each file
// is read as a stream, each document booked with the profile as a run would, and the booked
// entries summed (domain/accounting/vat-summary.ts). Nothing is written: the UI offers the
// summary as a page and as a CSV download.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { readOrderXml } from '../adapters/drop-folder/order-xml.js';
import { bookDocument } from '../domain/accounting/book.js';
import { createVatAccumulator, type VatSummary } from '../domain/accounting/vat-summary.js';
import { describeDocument, documentKey, type IsoDate } from '../domain/document.js';
import { DocumentError } from '../domain/errors.js';
import type { Profile } from '../domain/profile.js';

export interface VatReportOptions {
  profile: Profile;
  /** Inclusive bounds on the entry date of sales and credit notes; undefined: open. */
  from?: IsoDate;
  to?: IsoDate;
  /** For profiles that date entries "today": the date the runs used is not kept, so this one is (unless a source gives its own). */
  today: IsoDate;
  /** Given: only documents it says are booked count (the profile's transfer ledger), not those a run left out or failed. */
  isBooked?: (key: string) => boolean;
}

/** A kept source file, with the date its run booked "today" entries on (the run's local start date). */
export interface VatReportSource {
  file: string;
  today?: IsoDate;
}

/** A document (or a whole file) left out of the summary, and why. */
export interface VatReportProblem {
  file: string;
  document?: string;
  message: string;
}

export interface VatReport {
  summary: VatSummary;
  problems: VatReportProblem[];
}

function messageOf(error: unknown): string {
  if (error instanceof DocumentError) return error.problem;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Books the documents of the kept source files and sums their VAT. A document in several
 * files (kept sources of runs that re-read it) counts once, the first file's, as the
 * transfer ledger books it once;
 * documents the profile does not import are left out, as in a run.
 */
export async function buildVatReport(
  sources: readonly (string | VatReportSource)[],
  options: VatReportOptions,
): Promise<VatReport> {
  const { profile } = options;
  const accumulator = createVatAccumulator({ from: options.from, to: options.to });
  const problems: VatReportProblem[] = [];
  const seen = new Set<string>();
  for (const source of sources) {
    const { file, today = options.today } = typeof source === 'string' ? { file: source } : source;
    const name = path.basename(file);
    try {
      for await (const item of readOrderXml(createReadStream(file), { file: name })) {
        if (!item.ok) {
          problems.push({ file: name, document: item.error.document, message: item.error.problem });
          continue;
        }
        const doc = item.document;
        const key = documentKey(doc);
        if (seen.has(key) || options.isBooked?.(key) === false) continue;
        seen.add(key);
        if (doc.type === 'ORDER' ? !profile.features.orders : !profile.features.creditNotes) continue;
        try {
          accumulator.add(bookDocument(doc, profile.accounting, { today }));
        } catch (error) {
          problems.push({ file: name, document: describeDocument(doc), message: messageOf(error) });
        }
      }
    } catch (error) {
      // An unreadable file (not well-formed, missing): its other documents cannot be read; the other files go on.
      problems.push({ file: name, message: messageOf(error) });
    }
  }
  return { summary: accumulator.summary(), problems };
}
