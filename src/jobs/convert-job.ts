// One run's conversion, as a worker runs it (convert-file.ts) — a dropped file, or a shop's
// documents for a period. It reads the ledger (read-only), books and writes temporary
// outbox files, posting journal lines as it goes and its result at the end; the main
// thread publishes and records.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createConnector, type DocumentQuery, type ShopSource } from '../adapters/shops/connector.js';
import { createRecordingLetteringAllocator } from '../domain/accounting/lettering.js';
import { documentKey } from '../domain/document.js';
import { ParseError } from '../domain/errors.js';
import type { FormatDefinition } from '../domain/format/definition.js';
import type { Profile } from '../domain/profile.js';
import {
  convertDocuments,
  convertOrderStream,
  RunCancelledError,
  type ConvertEvent,
  type ConvertOptions,
  type ConvertResult,
} from '../pipeline/convert.js';
import { previewEntries, type PreviewEntry } from '../pipeline/preview.js';
import { shopDocuments } from '../pipeline/shop-documents.js';
import { loadBookedKeys } from '../store/ledger.js';

export type ConvertJobSource =
  | { kind: 'file'; file: string; fileName: string }
  /** `sourceFile`: where the documents read are kept as order XML. */
  | { kind: 'shop'; query: DocumentQuery; sourceFile: string };

export interface ConvertJobData {
  source: ConvertJobSource;
  profile: Profile;
  format: FormatDefinition;
  /** Resolved by the main thread, which holds the formats designed in the editor. */
  customersFormat?: FormatDefinition;
  outDir: string;
  today: string;
  ledgerFile: string;
  includeTransferred: boolean;
  /** Book without keeping files; the result carries the entry list (pipeline/preview.ts). */
  preview?: boolean;
  /** Documents unticked in a preview: left out, untransferred. */
  excludeDocuments?: string[];
  /** Last lettering code per customer account kept for the profile (store/lettering.ts): codes continue from them. */
  lettering?: Record<string, string>;
}

export type ConvertJobMessage =
  | { type: 'event'; event: ConvertEvent }
  /** `lettering`: the last code this run gave per account, for the main thread to record before publishing. */
  | { type: 'result'; result: ConvertResult; preview?: PreviewEntry[]; lettering?: Record<string, string> }
  /** `code`/`params`: for the pages to say it in their language (ParseError). */
  | {
      type: 'unreadable';
      message: string;
      line?: number;
      column?: number;
      code?: string;
      params?: Record<string, string>;
    }
  | { type: 'cancelled'; message: string }
  | { type: 'fatal'; message: string };

async function convert(data: ConvertJobData, options: ConvertOptions): Promise<ConvertResult> {
  const { source } = data;
  if (source.kind === 'file') {
    const { size } = await stat(source.file);
    const input = createReadStream(source.file);
    const percentRead = (): number | undefined =>
      size > 0 ? Math.min(100, Math.floor((input.bytesRead / size) * 100)) : undefined;
    return convertOrderStream(input, { ...options, fileName: source.fileName, percentRead });
  }
  const connector = createConnector(data.profile.source as ShopSource);
  // No state filter set: the states that mean "paid" on this shop (format-france.md).
  const states = source.query.states ?? (await connector.readConfiguration()).defaultStates;
  const query = { ...source.query, states };
  return convertDocuments(shopDocuments(connector, query, source.sourceFile), options);
}

/**
 * Runs one conversion to its end. Never throws: every outcome is posted. `stopping` is
 * asked between documents ('cancel' from the main thread).
 */
export async function runConvertJob(
  data: ConvertJobData,
  post: (message: ConvertJobMessage) => void,
  stopping: () => boolean,
): Promise<void> {
  try {
    // Credit notes "of transferred orders only" need the ledger even when transferred
    // documents are included again.
    const onlyTransferredOrders = data.profile.import.creditNotes === 'transferred-orders';
    const ledgerKeys =
      data.includeTransferred && !onlyTransferredOrders
        ? new Set<string>()
        : await loadBookedKeys(data.ledgerFile);
    const booked = data.includeTransferred ? new Set<string>() : ledgerKeys;
    const preview: PreviewEntry[] | undefined = data.preview ? [] : undefined;
    const decimals = data.profile.accounting.rounding.decimals;
    const lettering = createRecordingLetteringAllocator(new Map(Object.entries(data.lettering ?? {})));
    const result = await convert(data, {
      profile: data.profile,
      format: data.format,
      customersFormat: data.customersFormat,
      outDir: data.outDir,
      today: data.today,
      letteringCode: lettering.allocate,
      isBooked: (key) => booked.has(key),
      ...(onlyTransferredOrders && {
        isOrderBooked: (shopKey: string, orderKey: string) =>
          ledgerKeys.has(documentKey({ type: 'ORDER', shopKey, orderKey })),
      }),
      onEvent: (event) => post({ type: 'event', event }),
      shouldStop: stopping,
      preview: data.preview,
      excludeDocuments: data.excludeDocuments ? new Set(data.excludeDocuments) : undefined,
      onBooked: preview && ((doc) => preview.push(...previewEntries(doc, preview.length + 1, decimals))),
    });
    post({ type: 'result', result, preview, lettering: lettering.allocated() });
  } catch (error) {
    if (error instanceof ParseError) {
      post({
        type: 'unreadable',
        message: error.message,
        line: error.line,
        column: error.column,
        ...(error.code !== 'parse' && { code: error.code, params: error.params }),
      });
    } else if (error instanceof RunCancelledError) {
      post({ type: 'cancelled', message: error.message });
    } else {
      // A shop that cannot be reached or refuses the key gives a ShopError whose message
      // says what to do, without secrets.
      post({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
    }
  }
}
