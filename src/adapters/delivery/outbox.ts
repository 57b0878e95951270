// The outbox folder (FEATURES.md §6): a file is written under a hidden temporary name in
// the same folder, then published under its final name in one step, so a program watching
// the folder never reads half a file, and a published file is never overwritten.
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { promises as fs, type WriteStream } from 'node:fs';
import path from 'node:path';
import type { Entry } from '../../domain/entry.js';
import type { FormatDefinition } from '../../domain/format/definition.js';
import { createEncoder } from '../../domain/format/encode.js';
import { createRenderer } from '../../domain/format/render.js';

/** Temporary files start with a dot (ignored by folder watchers and most sync tools). */
export const TEMP_PREFIX = '.comptoir-';
export const TEMP_SUFFIX = '.tmp';

export interface OutboxFile {
  readonly tmpPath: string;
  /** Entry lines written so far (the header is not counted). */
  readonly lineCount: number;
  /** Renders the whole entry before writing any of it: a rendering error leaves the file as it was. */
  writeEntry(entry: Entry, entryNumber: number): Promise<void>;
  /** Same, for the entries of one document numbered from `firstEntryNumber`: all of them or none. */
  writeEntries(entries: readonly Entry[], firstEntryNumber: number): Promise<void>;
  /** Flushes and fsyncs; the file keeps its temporary name until publishFile. */
  close(): Promise<{ tmpPath: string; lines: number; bytes: number }>;
  /** Closes and removes the temporary file. */
  abort(): Promise<void>;
}

export async function openOutboxFile(
  dir: string,
  format: FormatDefinition,
  options: { bookCurrency?: string } = {},
): Promise<OutboxFile> {
  const renderer = createRenderer(format, options);
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

  /** Records joined by the separator, which goes between records only (header included). */
  function join(texts: readonly string[]): string {
    const body = texts.join(format.recordSeparator);
    return records === 0 ? body : format.recordSeparator + body;
  }

  async function writeRecords(texts: readonly string[], entryLines: number): Promise<void> {
    if (texts.length === 0) return;
    const chunk = encoder.encode(join(texts));
    records += texts.length;
    lines += entryLines;
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
    const header = renderer.header();
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

    async writeEntry(entry, entryNumber) {
      assertOpen();
      const texts = renderer.entryRecords(entry, entryNumber);
      await writeRecords(texts, texts.length);
    },

    async writeEntries(entries, firstEntryNumber) {
      assertOpen();
      const texts = entries.flatMap((entry, index) => renderer.entryRecords(entry, firstEntryNumber + index));
      await writeRecords(texts, texts.length);
    },

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

export interface TemporaryFile {
  path: string;
  size: number;
  mtimeMs: number;
}

/** Temporary files left in the outbox (e.g. by a crash), for the pipeline's recovery to decide on. */
export async function listTemporaries(dir: string): Promise<TemporaryFile[]> {
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: TemporaryFile[] = [];
  for (const name of names) {
    if (!name.startsWith(TEMP_PREFIX) || !name.endsWith(TEMP_SUFFIX)) continue;
    const file = path.resolve(dir, name);
    try {
      const stat = await fs.stat(file);
      if (stat.isFile()) found.push({ path: file, size: stat.size, mtimeMs: stat.mtimeMs });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error; // removed meanwhile: not a temporary any more
    }
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}
