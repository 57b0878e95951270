// A text file of records written as a stream under a hidden temporary name in the outbox:
// BOM, optional header, records joined by the record separator, then fsync. Entries files
// (outbox.ts) and customers files (customers-file.ts) are both written through it.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { promises as fs, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { FormatDefinition } from '../../domain/format/definition.js';
import { createEncoder } from '../../domain/format/encode.js';

/** Temporary files start with a dot (ignored by folder watchers and most sync tools). */
export const TEMP_PREFIX = '.comptoir-';
export const TEMP_SUFFIX = '.tmp';

export interface RecordFile {
  readonly tmpPath: string;
  /** Lines counted so far (what the caller said each write holds; the header is not counted). */
  readonly lineCount: number;
  /** Writes records (joined by the separator) as one chunk; `lines` is what they count for. */
  writeRecords(texts: readonly string[], lines: number): Promise<void>;
  close(): Promise<{ tmpPath: string; lines: number; bytes: number }>;
  abort(): Promise<void>;
}

export async function openRecordFile(
  dir: string,
  format: FormatDefinition,
  header: string | null,
): Promise<RecordFile> {
  const encoder = createEncoder(format);
  await fs.mkdir(dir, { recursive: true });
  const tmpPath = path.resolve(dir, `${TEMP_PREFIX}${randomBytes(8).toString('hex')}${TEMP_SUFFIX}`);
  const handle = await fs.open(tmpPath, 'wx');
  // autoClose off: the descriptor must stay open after the stream ends, for fsync.
  const stream: WriteStream = handle.createWriteStream({ autoClose: false, highWaterMark: 64 * 1024 });
  let failure: Error | undefined;
  stream.on('error', (error) => {
    failure = error;
  });

  let records = 0;
  let lines = 0;
  let bytes = 0;
  let state: 'open' | 'closed' | 'aborted' = 'open';
  const separator = encoder.encode(format.recordSeparator);

  async function write(chunk: Buffer): Promise<void> {
    if (failure) throw failure;
    bytes += chunk.length;
    // Backpressure: wait for the stream to drain so a long run never piles up in memory.
    if (!stream.write(chunk)) await once(stream, 'drain'); // rejects if the stream fails
    if (failure) throw failure;
  }

  function assertOpen(): void {
    if (state !== 'open') throw new Error(`outbox file ${tmpPath} is ${state}`);
  }

  async function writeRecords(texts: readonly string[], count: number): Promise<void> {
    assertOpen();
    if (texts.length === 0) return;
    // The separator goes between records only (header included).
    const body = texts.join(format.recordSeparator);
    const chunk = encoder.encode(records === 0 ? body : format.recordSeparator + body);
    records += texts.length;
    lines += count;
    await write(chunk);
  }

  async function finish(): Promise<void> {
    if (!stream.writableEnded) {
      stream.end();
      await once(stream, 'finish');
    }
  }

  /** The stream holds a reference on the handle until it closes: handle.close() would wait forever. */
  async function release(): Promise<void> {
    if (!stream.closed) {
      // Destroying with writes still queued errors them (ERR_STREAM_DESTROYED; the 'error'
      // listener above takes it): on release (abort) those bytes are meant to be thrown away.
      const closed = new Promise<void>((resolve) => stream.once('close', () => resolve()));
      stream.destroy();
      await closed;
    }
    await handle.close();
  }

  try {
    const bom = encoder.bom();
    if (bom.length > 0) await write(bom);
    if (header !== null) await writeRecords([header], 0);
  } catch (error) {
    await release();
    await fs.rm(tmpPath, { force: true });
    throw error;
  }

  return {
    tmpPath,
    get lineCount() {
      return lines;
    },
    writeRecords,

    async close() {
      assertOpen();
      if (failure) throw failure; // 'finish' would never come
      if (format.finalRecordSeparator && records > 0) await write(separator);
      await finish();
      if (failure) throw failure;
      await handle.sync();
      await release();
      state = 'closed';
      return { tmpPath, lines, bytes };
    },

    async abort() {
      if (state === 'aborted') return;
      const wasOpen = state === 'open';
      state = 'aborted';
      if (wasOpen) await release();
      await fs.rm(tmpPath, { force: true });
    },
  };
}
