// One order file through the pipeline: read documents as a stream → book each one →
// write its entries to a temporary outbox file. Used by the Bree job (appliance) and by
// `comptoir convert` (no server). Publishing the file and recording the transfers are the
// caller's, because only the main thread writes the store.
import { readOrderXml } from '../adapters/drop-folder/order-xml.js';
import { ALREADY_TRANSFERRED } from './dropped-duplicates.js';
import { openCustomersFile, type CustomersFile } from '../adapters/delivery/customers-file.js';
import { openOutboxFile, type OutboxFile } from '../adapters/delivery/outbox.js';
import { assertBalanced, bookDocument } from '../domain/accounting/book.js';
import { createReconciliation } from '../domain/accounting/reconciliation.js';
import { createLetteringAllocator, type LetteringAllocator } from '../domain/accounting/lettering.js';
import { describeDocument, documentKey, type IsoDate, type SalesDocument } from '../domain/document.js';
import type { BookedDocument } from '../domain/entry.js';
import { DocumentError } from '../domain/errors.js';
import type { FormatDefinition } from '../domain/format/definition.js';
import { FormatError } from '../domain/format/errors.js';
import { getFormat } from '../domain/format/predefined/index.js';
import { sum, toDecimalString, ZERO, type Amount } from '../domain/money.js';
import type { Profile } from '../domain/profile.js';
import {
  emptyCounts,
  type ErrorLine,
  type JournalLine,
  type RunCounts,
  type RunReconciliation,
} from '../domain/run.js';

/** A document as a source yields it: readable, or refused with the reason (its position and, when known, its id). */
export type DocumentItem =
  | { ok: true; index: number; document: SalesDocument }
  | { ok: false; index: number; id?: string; error: DocumentError };

export type ConvertEvent =
  | { type: 'journal'; line: Omit<JournalLine, 'at'> }
  | { type: 'error'; line: Omit<ErrorLine, 'at'> }
  | { type: 'progress'; done: number; percent?: number };

export interface ConvertOptions {
  profile: Profile;
  format: FormatDefinition;
  /**
   * Layout of the customers file; by default the predefined format the profile's target
   * names, else the one the entries format goes with. None: no customers file.
   */
  customersFormat?: FormatDefinition;
  /** Folder of the temporary file: the outbox, so that publishing is a rename. */
  outDir: string;
  today: IsoDate;
  /** File name shown in error lines. */
  fileName?: string;
  isBooked?: (key: string) => boolean;
  /** Given: a credit note is booked only once its order is (import.creditNotes 'transferred-orders'). */
  isOrderBooked?: (shopKey: string, orderKey: string) => boolean;
  onEvent?: (event: ConvertEvent) => void;
  /** How much of the input has been read so far, 0–100, for progress reports. */
  percentRead?: () => number | undefined;
  /** Checked between documents; a stop leaves every document untransferred. */
  shouldStop?: () => boolean;
  /** Lettering codes; by default AA, AB… per account from this file (give one seeded from the store to continue across runs). */
  letteringCode?: LetteringAllocator;
  /** Book without keeping anything: the temporary files are removed and `outputs` is empty (preview.ts). */
  preview?: boolean;
  /** Ledger keys of documents left out (unticked in the preview); they stay untransferred. */
  excludeDocuments?: ReadonlySet<string>;
  /** Each document booked and written, with its entries (the preview's entry list). */
  onBooked?: (booked: BookedDocument) => void;
}

export interface ConvertOutput {
  kind: 'entries' | 'customers';
  tmpPath: string;
  lines: number;
}

export interface ConvertResult {
  counts: RunCounts;
  /** Decimal strings. */
  debit: string;
  credit: string;
  /** Ledger keys of the documents written to the outputs. */
  bookedKeys: string[];
  /** Temporary files to publish; empty when nothing was booked. */
  outputs: ConvertOutput[];
  /** What a controller checks: totals per journal and account, customer debits vs documents. */
  reconciliation: RunReconciliation;
}

export class RunCancelledError extends Error {
  constructor() {
    super('The run was stopped before its end; no document of it was transferred');
  }
}

const PROGRESS_EVERY = 100;

type SkipReason = Pick<JournalLine, 'message' | 'code' | 'params'>;

/** Why a document is left out before booking, or undefined to book it. */
function skipReason(
  doc: SalesDocument,
  key: string,
  seen: Set<string>,
  options: ConvertOptions,
): SkipReason | undefined {
  if (seen.has(key))
    return { message: 'appears a second time in this file; booked once', code: 'skip.repeated' };
  if (options.isBooked?.(key)) return { message: ALREADY_TRANSFERRED, code: 'skip.transferred' };
  const { features } = options.profile;
  if (doc.type === 'ORDER' && !features.orders)
    return { message: 'orders are not imported by this profile', code: 'skip.orders' };
  if (doc.type === 'CREDITNOTE' && !features.creditNotes)
    return { message: 'credit notes are not imported by this profile', code: 'skip.creditNotes' };
  if (doc.type === 'CREDITNOTE' && options.isOrderBooked?.(doc.shopKey, doc.orderKey) === false)
    return {
      message: `order ${doc.orderKey} not transferred yet; ignored`,
      code: 'skip.orderNotTransferred',
      params: { order: doc.orderKey },
    };
  return undefined;
}

function documentFailure(error: unknown, name: string, fileName?: string): Omit<ErrorLine, 'at'> {
  if (error instanceof DocumentError) {
    return {
      file: fileName,
      document: error.document,
      field: error.field,
      message: error.problem,
      fix: error.fix,
      // Only coded errors carry their values: the pages translate those (web/journal-text.ts).
      ...(error.params && { code: error.code, params: error.params }),
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    file: fileName,
    document: name,
    message,
    fix: 'Check this document in the source, then drop the file again',
    code: 'document.unexpected',
  };
}

function formatFailure(error: FormatError, name: string, fileName?: string): Omit<ErrorLine, 'at'> {
  return {
    file: fileName,
    document: name,
    field: error.field,
    message: error.message,
    fix: 'Change this value in the source, or choose a format (or encoding) that can hold it',
    code: 'format.value',
  };
}

function customersFormatOf(options: ConvertOptions): FormatDefinition | undefined {
  if (options.customersFormat) return options.customersFormat;
  const id = options.profile.target.customersFormat || options.format.customersFormat;
  const format = id ? getFormat(id) : undefined;
  return format?.kind === 'customers' ? format : undefined;
}

/** An order file (order-xml.md) through the pipeline, read as a stream of documents. */
export function convertOrderStream(
  input: NodeJS.ReadableStream | AsyncIterable<Buffer>,
  options: ConvertOptions,
): Promise<ConvertResult> {
  const emit = options.onEvent ?? (() => undefined);
  const documents = readOrderXml(input, {
    file: options.fileName,
    onUnknownElement: (element) =>
      options.profile.debug &&
      emit({
        type: 'journal',
        line: {
          level: 'debug',
          message: `Unknown element <${element}> ignored`,
          code: 'xml.unknownElement',
          params: { name: element },
        },
      }),
  });
  return convertDocuments(documents, options);
}

/**
 * Documents from any source (an order file, a shop connector) through the pipeline: each is
 * booked and its entries written whole, or reported with what to fix while the others go on.
 */
export async function convertDocuments(
  documents: AsyncIterable<DocumentItem>,
  options: ConvertOptions,
): Promise<ConvertResult> {
  const reconciliation = createReconciliation(
    options.profile.accounting.bookCurrency,
    options.profile.accounting.rounding.decimals,
  );
  const emit = options.onEvent ?? (() => undefined);
  const counts = emptyCounts();
  const seen = new Set<string>();
  const letteringCode = options.letteringCode ?? createLetteringAllocator();
  const bookedKeys: string[] = [];
  let debit: Amount = ZERO;
  let credit: Amount = ZERO;
  const entries: OutboxFile = await openOutboxFile(options.outDir, options.format, {
    bookCurrency: options.profile.accounting.bookCurrency,
    accountLength: options.profile.accounting.accountLength,
  });
  const customersFormat = customersFormatOf(options);
  let customers: CustomersFile | undefined;
  try {
    if (customersFormat) customers = await openCustomersFile(options.outDir, customersFormat);
    for await (const item of documents) {
      if (options.shouldStop?.()) throw new RunCancelledError();
      counts.read++;
      if (counts.read % PROGRESS_EVERY === 0) {
        emit({ type: 'progress', done: counts.read, percent: options.percentRead?.() });
      }
      if (!item.ok) {
        counts.failed++;
        emit({
          type: 'error',
          line: documentFailure(item.error, item.id ?? `document #${item.index}`, options.fileName),
        });
        continue;
      }
      const doc = item.document;
      const key = documentKey(doc);
      const name = describeDocument(doc);
      const skip = skipReason(doc, key, seen, options);
      seen.add(key);
      if (skip) {
        counts.ignored++;
        emit({ type: 'journal', line: { level: 'info', document: name, ...skip } });
        continue;
      }
      if (options.excludeDocuments?.has(key)) {
        counts.ignored++;
        emit({
          type: 'journal',
          line: {
            level: 'info',
            document: name,
            message: 'left out in the preview; not transferred',
            code: 'preview.leftOut',
          },
        });
        continue;
      }
      let booked: BookedDocument;
      try {
        booked = bookDocument(doc, options.profile.accounting, { today: options.today, letteringCode });
        booked.entries.forEach(assertBalanced);
      } catch (error) {
        counts.failed++;
        emit({ type: 'error', line: documentFailure(error, name, options.fileName) });
        emit({
          type: 'journal',
          line: {
            level: 'error',
            document: name,
            message: 'not booked (see the error log)',
            code: 'document.notBooked',
          },
        });
        continue;
      }
      // A document is in the file whole or not at all: its entries are balanced, then all
      // rendered before any byte is written (a value the format cannot hold fails it alone).
      // The customer record goes first: one without its entries (if they then fail) only
      // creates an account, while entries without their account would not import.
      try {
        if (customers && booked.customer) await customers.writeCustomer(booked.customer);
        await entries.writeEntries(booked.entries, counts.entries + 1);
      } catch (error) {
        if (!(error instanceof FormatError)) throw error;
        counts.failed++;
        emit({ type: 'error', line: formatFailure(error, name, options.fileName) });
        continue;
      }
      for (const entry of booked.entries) {
        counts.entries++;
        counts.lines += entry.lines.length;
        debit = debit.plus(sum(entry.lines.map((l) => l.debit)));
        credit = credit.plus(sum(entry.lines.map((l) => l.credit)));
      }
      counts.booked++;
      bookedKeys.push(key);
      reconciliation.addBooked(booked, {
        type: doc.type,
        totalPaidTaxIncl: doc.totals.paidTaxIncl,
        currencyRate: doc.currencyRate,
        order: `${doc.shopKey}/${doc.orderKey}`,
      });
      options.onBooked?.(booked);
      const count = booked.entries.length;
      const message = `booked: ${count} ${count > 1 ? 'entries' : 'entry'}`;
      emit({
        type: 'journal',
        line: {
          level: 'info',
          document: name,
          message,
          code: 'document.booked',
          params: { count: String(count) },
        },
      });
      for (const note of booked.codedNotes ?? booked.notes.map((text) => ({ message: text })))
        emit({ type: 'journal', line: { level: 'info', document: name, ...note } });
    }
  } catch (error) {
    await entries.abort();
    await customers?.abort();
    throw error;
  }
  emit({ type: 'progress', done: counts.read, percent: 100 });
  const outputs: ConvertOutput[] = [];
  if (counts.booked > 0 && !options.preview) {
    const closed = await entries.close();
    outputs.push({ kind: 'entries', tmpPath: closed.tmpPath, lines: closed.lines });
  } else {
    await entries.abort();
  }
  if (customers && counts.booked > 0 && customers.lineCount > 0 && !options.preview) {
    const closed = await customers.close();
    outputs.push({ kind: 'customers', tmpPath: closed.tmpPath, lines: closed.lines });
  } else {
    await customers?.abort();
  }
  const decimals = options.profile.accounting.rounding.decimals;
  // The failed and ignored documents are in the run's error log and journal already.
  const full = reconciliation.report();
  const report: RunReconciliation = {
    bookCurrency: full.bookCurrency,
    counts: full.counts,
    journals: full.journals,
    accounts: full.accounts,
    total: full.total,
    sales: full.sales,
    creditNotes: full.creditNotes,
    ok: full.ok,
    warnings: full.warnings,
  };
  return {
    counts,
    debit: toDecimalString(debit, decimals),
    credit: toDecimalString(credit, decimals),
    bookedKeys,
    outputs,
    reconciliation: report,
  };
}
