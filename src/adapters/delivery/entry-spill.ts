// Sorting a file's entries by date, or by journal then date, without holding them in memory:
// entries are appended to one scratch file per (journal, day) bucket, then read back bucket by bucket
// in order. Buckets are few (journals × days of the period) while entries may be millions,
// so memory holds the bucket names and a bounded write buffer, never the entries; within a
// bucket the booking order is kept (a stable sort).
import { createReadStream, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Entry } from '../../domain/entry.js';
import { compareEntries } from '../../domain/format/render.js';

/**
 * One entry as spilled: its sort key and what the caller needs back at drain. The outbox
 * spills the entry's rendered records rather than the entry itself, so that reading back
 * costs no JSON revival of amounts and no second rendering.
 */
export interface SpilledEntry<T> {
  journal: Entry['journal'];
  date: Entry['date'];
  payload: T;
}

/** How a payload becomes one line of a bucket file and back: `encode` must give no line break. */
export interface SpillCodec<T> {
  encode(payload: T): string;
  decode(line: string): T;
}

/** JSON escapes line breaks: any JSON value fits on one line. */
const JSON_CODEC: SpillCodec<never> = {
  encode: (payload) => JSON.stringify(payload),
  decode: (line) => JSON.parse(line) as never,
};

export interface EntrySpill<T> {
  add(entries: readonly SpilledEntry<T>[]): Promise<void>;
  /** Every payload added, in `order`; booking order is kept among equals. */
  drain(): AsyncGenerator<T>;
  dispose(): Promise<void>;
}

interface Bucket {
  journal: string;
  date: string;
  file: string;
  pending: string[];
}

/** Flush the write buffers past this many characters. */
const BUFFER_LIMIT = 4 * 1024 * 1024;

/** `T` travels as one line per entry, JSON unless the caller gives a leaner codec. */
export async function createEntrySpill<T>(
  order: 'date' | 'journal-date',
  codec: SpillCodec<T> = JSON_CODEC,
): Promise<EntrySpill<T>> {
  const dir = await fs.mkdtemp(path.join(tmpdir(), 'comptoir-sort-'));
  const buckets = new Map<string, Bucket>();
  let buffered = 0;

  async function flush(): Promise<void> {
    for (const bucket of buckets.values()) {
      if (bucket.pending.length === 0) continue;
      await fs.appendFile(bucket.file, bucket.pending.join(''));
      bucket.pending = [];
    }
    buffered = 0;
  }

  return {
    async add(entries) {
      for (const entry of entries) {
        const key = `${entry.journal}\u0000${entry.date}`;
        let bucket = buckets.get(key);
        if (!bucket) {
          bucket = {
            journal: entry.journal,
            date: entry.date,
            file: path.join(dir, `${buckets.size}.jsonl`),
            pending: [],
          };
          buckets.set(key, bucket);
        }
        const text = `${codec.encode(entry.payload)}\n`;
        bucket.pending.push(text);
        buffered += text.length;
      }
      if (buffered > BUFFER_LIMIT) await flush();
    },

    async *drain() {
      await flush();
      // Buckets were created in booking order, and the sort is stable.
      const ordered = [...buckets.values()].sort((a, b) => compareEntries(order, a, b));
      for (const bucket of ordered) {
        // Lines split by hand: readline's per-line events cost more than the decoding here.
        let rest = '';
        for await (const chunk of createReadStream(bucket.file, {
          encoding: 'utf8',
          highWaterMark: 1024 * 1024,
        })) {
          const text = rest + (chunk as string);
          let from = 0;
          let end = text.indexOf('\n');
          while (end !== -1) {
            if (end > from) yield codec.decode(text.slice(from, end));
            from = end + 1;
            end = text.indexOf('\n', from);
          }
          rest = text.slice(from);
        }
        if (rest) yield codec.decode(rest);
      }
    },

    async dispose() {
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
