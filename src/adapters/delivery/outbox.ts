// The outbox folder (FEATURES.md §6): a file is written under a hidden temporary name in
// the same folder, then published under its final name in one step, so a program watching
// the folder never reads half a file, and a published file is never overwritten.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Entry } from '../../domain/entry.js';
import type { FormatDefinition } from '../../domain/format/definition.js';
import { createRenderer, type AuxiliaryTracker, type RendererOptions } from '../../domain/format/render.js';
import { createEntrySpill, type SpillCodec } from './entry-spill.js';
import { openRecordFile, TEMP_PREFIX, TEMP_SUFFIX } from './record-file.js';

export { TEMP_PREFIX, TEMP_SUFFIX };

export interface OutboxFile {
  readonly tmpPath: string;
  /** Entry lines written so far (the header and auxiliary-account records are not counted). */
  readonly lineCount: number;
  /** Renders the whole entry before writing any of it: a rendering error leaves the file as it was. */
  writeEntry(entry: Entry, entryNumber: number): Promise<void>;
  /**
   * Same, for the entries of one document numbered from `firstEntryNumber`: all of them or
   * none. With a format ordered by journal and date the numbers are given at close instead.
   */
  writeEntries(entries: readonly Entry[], firstEntryNumber: number): Promise<void>;
  /** Flushes and fsyncs; the file keeps its temporary name until publishFile. */
  close(): Promise<{ tmpPath: string; lines: number; bytes: number }>;
  /** Closes and removes the temporary file. */
  abort(): Promise<void>;
}

/** Auxiliary accounts a document adds, kept apart until its records are written. */
function pendingTracker(known: Set<string>): AuxiliaryTracker & { commit(): void } {
  const added = new Set<string>();
  return {
    has: (account) => known.has(account) || added.has(account),
    add: (account) => void added.add(account),
    commit: () => added.forEach((account) => known.add(account)),
  };
}

export async function openOutboxFile(
  dir: string,
  format: FormatDefinition,
  options: RendererOptions = {},
): Promise<OutboxFile> {
  const renderer = createRenderer(format, options);
  const file = await openRecordFile(dir, format, renderer.header());
  // One name per customer of the file: bounded by the customers, not by the lines.
  const known = new Set<string>();

  function render(entries: readonly Entry[], firstEntryNumber: number) {
    const tracker = pendingTracker(known);
    const texts: string[] = [];
    let lines = 0;
    entries.forEach((entry, index) => {
      const records = renderer.entryRecords(entry, firstEntryNumber + index);
      texts.push(...renderer.auxiliaryRecords(entry, firstEntryNumber + index, tracker), ...records);
      lines += records.length;
    });
    return { texts, lines, commit: tracker.commit };
  }

  async function write(entries: readonly Entry[], firstEntryNumber: number): Promise<void> {
    const { texts, lines, commit } = render(entries, firstEntryNumber);
    await file.writeRecords(texts, lines);
    commit();
  }

  const order = format.orderBy ?? 'input';
  if (order === 'input') {
    return {
      tmpPath: file.tmpPath,
      get lineCount() {
        return file.lineCount;
      },
      writeEntry: (entry, entryNumber) => write([entry], entryNumber),
      writeEntries: write,
      close: () => file.close(),
      abort: () => file.abort(),
    };
  }

  // Ordered by date (FEC): a sale's bank entry is booked after the sale but may be dated
  // before it, so writing in booking order would break "EcritureNum increasing with
  // EcritureDate within a journal" (Test Compta Demat rejects that). Entries are spilled
  // to disk (entry-spill.ts) and numbered as they are read back sorted, at close; memory
  // stays bounded whatever the size of the run. Each document is rendered when it is added,
  // so a value the format cannot hold fails that document alone, as in input order; what is
  // spilled is that rendering with the number left blank (renderer.entryTemplates), so the
  // close only splices numbers in instead of rendering every entry a second time.
  const spill = await createEntrySpill<SpilledRecords>(order, RECORDS_CODEC);
  let lines = 0;
  async function add(entries: readonly Entry[], firstEntryNumber: number): Promise<void> {
    // All of the document's entries are rendered before any is spilled: all of them or none.
    const rendered = entries.map((entry, index) => {
      const { records, auxiliary } = renderer.entryTemplates(entry, firstEntryNumber + index);
      const payload: SpilledRecords = { piece: entry.pieceNumber, records };
      if (auxiliary.length > 0) payload.auxiliary = auxiliary.map((a) => [a.account, a.record]);
      return { journal: entry.journal, date: entry.date, payload };
    });
    await spill.add(rendered);
    for (const { payload } of rendered) lines += payload.records.length;
  }

  async function drainNumbered(): Promise<void> {
    let texts: string[] = [];
    let count = 0;
    let numbered = 0;
    for await (const { piece, records, auxiliary } of spill.drain()) {
      const number = ++numbered;
      for (const [account, record] of auxiliary ?? []) {
        if (known.has(account)) continue;
        known.add(account);
        texts.push(renderer.fillEntryNumber(record, number, piece, 'auxiliary'));
      }
      for (const record of records) texts.push(renderer.fillEntryNumber(record, number, piece));
      count += records.length;
      // One encode and one write per batch: fewer, larger chunks for the file stream.
      if (texts.length >= WRITE_BATCH) {
        await file.writeRecords(texts, count);
        texts = [];
        count = 0;
      }
    }
    if (texts.length > 0) await file.writeRecords(texts, count);
  }

  return {
    tmpPath: file.tmpPath,
    get lineCount() {
      return lines;
    },
    writeEntry: (entry, entryNumber) => add([entry], entryNumber),
    writeEntries: add,
    async close() {
      try {
        await drainNumbered();
        return await file.close();
      } finally {
        await spill.dispose();
      }
    },
    async abort() {
      await spill.dispose();
      await file.abort();
    },
  };
}

/** An entry's records as spilled, the number left blank; `auxiliary`: [account, record]. */
interface SpilledRecords {
  piece: string;
  records: string[];
  auxiliary?: [string, string][];
}

// A spilled entry as one line: its texts joined by STX, the piece first, then the count of
// auxiliary pairs, the pairs and the records. Records are cleaned of control characters
// but the format's own strings (record start and end) and the piece are not: a text that
// holds a line break, STX or a backslash travels as JSON behind a backslash instead.
const STX = '\u0002';
// eslint-disable-next-line no-control-regex -- STX is the separator, so it must be escaped
const NEEDS_JSON = /[\n\r\u0002\\]/;

function encodeText(text: string): string {
  return NEEDS_JSON.test(text) ? `\\${JSON.stringify(text)}` : text;
}

function decodeText(text: string): string {
  return text.charCodeAt(0) === 92 ? (JSON.parse(text.slice(1)) as string) : text; // 92: "\\"
}

const RECORDS_CODEC: SpillCodec<SpilledRecords> = {
  encode({ piece, records, auxiliary }) {
    const texts = [encodeText(piece), String(auxiliary?.length ?? 0)];
    for (const [account, record] of auxiliary ?? []) texts.push(encodeText(account), encodeText(record));
    for (const record of records) texts.push(encodeText(record));
    return texts.join(STX);
  },
  decode(line) {
    const texts = line.split(STX).map(decodeText);
    const pairs = Number(texts[1]);
    const payload: SpilledRecords = { piece: texts[0] ?? '', records: texts.slice(2 + 2 * pairs) };
    if (pairs > 0) {
      payload.auxiliary = [];
      for (let i = 0; i < pairs; i++)
        payload.auxiliary.push([texts[2 + 2 * i] ?? '', texts[3 + 2 * i] ?? '']);
    }
    return payload;
  },
};

/** Records per write when draining the spill (about 256 KB of FEC text). */
const WRITE_BATCH = 2048;

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
