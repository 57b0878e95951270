// Bree job: convert one dropped file in a worker thread. It reads the ledger (read-only),
// parses, books and writes a temporary outbox file, posting journal lines as it goes and
// its result at the end; the main thread publishes and records.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import type { FormatDefinition } from '../domain/format/definition.js';
import type { Profile } from '../domain/profile.js';
import { ParseError } from '../domain/errors.js';
import {
  convertOrderStream,
  RunCancelledError,
  type ConvertEvent,
  type ConvertResult,
} from '../pipeline/convert.js';
import { loadBookedKeys } from '../store/ledger.js';

export interface ConvertJobData {
  file: string;
  fileName: string;
  profile: Profile;
  format: FormatDefinition;
  outDir: string;
  today: string;
  ledgerFile: string;
}

export type ConvertJobMessage =
  | { type: 'event'; event: ConvertEvent }
  | { type: 'result'; result: ConvertResult }
  | { type: 'unreadable'; message: string; line?: number; column?: number }
  | { type: 'cancelled'; message: string }
  | { type: 'fatal'; message: string };

const data = workerData as ConvertJobData;
let stopping = false;
const post = (message: ConvertJobMessage): void => parentPort?.postMessage(message);

// Bree's stop() posts 'cancel': stop between documents, leaving them untransferred.
parentPort?.on('message', (message) => {
  if (message === 'cancel') stopping = true;
});
// The listener must not keep the worker alive once the conversion is over.
parentPort?.unref();

try {
  const booked = await loadBookedKeys(data.ledgerFile);
  const { size } = await stat(data.file);
  const source = createReadStream(data.file);
  const result = await convertOrderStream(source, {
    profile: data.profile,
    format: data.format,
    outDir: data.outDir,
    today: data.today,
    fileName: data.fileName,
    isBooked: (key) => booked.has(key),
    onEvent: (event) => post({ type: 'event', event }),
    shouldStop: () => stopping,
    percentRead: () => (size > 0 ? Math.min(100, Math.floor((source.bytesRead / size) * 100)) : undefined),
  });
  post({ type: 'result', result });
} catch (error) {
  if (error instanceof ParseError) {
    post({ type: 'unreadable', message: error.message, line: error.line, column: error.column });
  } else if (error instanceof RunCancelledError) {
    post({ type: 'cancelled', message: error.message });
  } else {
    post({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
  }
}
