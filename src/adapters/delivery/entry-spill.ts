// Sorting a file's entries by date, or by journal then date, without holding them in memory:
// entries are appended to one scratch file per (journal, day) bucket, then read back bucket by bucket
// in order. Buckets are few (journals × days of the period) while entries may be millions,
// so memory holds the bucket names and a bounded write buffer, never the entries; within a
// bucket the booking order is kept (a stable sort).
import Big from 'big.js';
import { createReadStream, promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { Entry, EntryLine } from '../../domain/entry.js';
import { compareEntries } from '../../domain/format/render.js';

export interface EntrySpill {
  add(entries: readonly Entry[]): Promise<void>;
  /** Every entry added, in `order`; booking order is kept among equals. */
  drain(): AsyncGenerator<Entry>;
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

type StoredLine = Omit<EntryLine, 'debit' | 'credit' | 'taxRate' | 'currencyAmount'> & {
  debit: string;
  credit: string;
  taxRate?: string;
  currencyAmount?: string;
};
type StoredEntry = Omit<Entry, 'lines' | 'currencyRate'> & { currencyRate: string; lines: StoredLine[] };

/** Amounts travel as their exact decimal strings (Big's toJSON), and come back as Big. */
function revive(text: string): Entry {
  const stored = JSON.parse(text) as StoredEntry;
  return {
    ...stored,
    currencyRate: Big(stored.currencyRate),
    lines: stored.lines.map(({ debit, credit, taxRate, currencyAmount, ...rest }) => ({
      ...rest,
      debit: Big(debit),
      credit: Big(credit),
      ...(taxRate === undefined ? {} : { taxRate: Big(taxRate) }),
      ...(currencyAmount === undefined ? {} : { currencyAmount: Big(currencyAmount) }),
    })),
  };
}

export async function createEntrySpill(order: 'date' | 'journal-date'): Promise<EntrySpill> {
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
        const text = `${JSON.stringify(entry)}\n`;
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
        const lines = createInterface({ input: createReadStream(bucket.file, 'utf8'), crlfDelay: Infinity });
        for await (const line of lines) if (line) yield revive(line);
      }
    },

    async dispose() {
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
