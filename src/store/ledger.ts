// The transfer ledger: which documents are booked for a profile. Append-only, one file
// per profile, with a two-step write so that a crash never books a document twice nor
// loses one:
//   1. intent  — the run's document keys and the files that will carry them
//                (temporary files already written and fsynced);
//   2. the files are published under their final names;
//   3. commit  — the documents count as booked.
// At start-up an intent without its commit is rolled forward (its temporary files are
// published) by the pipeline's recovery, then committed.
// A dropped file's SHA-256 rides in its run's intent: the file counts as imported exactly
// when its documents count as booked (pipeline/dropped-duplicates.ts), so a crash never
// marks as seen a file whose documents were not booked, nor forgets one whose were.
import path from 'node:path';
import type { PublishStep } from '../adapters/delivery/publish.js';
import { appendLines, readLines } from './jsonl.js';

export type { PublishStep };

/** The dropped file a run read: its content's SHA-256 and its name when dropped. */
export interface LedgerSource {
  sha256: string;
  name: string;
}

/** A dropped file already imported: which run booked its documents. */
export interface ImportedSource extends LedgerSource {
  run: number;
}

type LedgerRecord =
  | { t: 'intent'; run: number; at: string; keys: string[]; files: PublishStep[]; source?: LedgerSource }
  | { t: 'commit'; run: number; at: string }
  | { t: 'abort'; run: number; at: string; reason: string }
  | { t: 'reset'; at: string; keys: string[] | 'ALL' };

export interface PendingIntent {
  run: number;
  keys: string[];
  files: PublishStep[];
  source?: LedgerSource;
}

export function ledgerFile(ledgerDir: string, profileId: string): string {
  return path.join(ledgerDir, `${profileId}.jsonl`);
}

interface Folded {
  booked: Set<string>;
  pending: Map<number, PendingIntent>;
  /** By SHA-256. */
  sources: Map<string, ImportedSource>;
}

function addSource(sources: Map<string, ImportedSource>, intent: PendingIntent | undefined): void {
  if (intent?.source) sources.set(intent.source.sha256, { ...intent.source, run: intent.run });
}

async function fold(file: string): Promise<Folded> {
  const booked = new Set<string>();
  const pending = new Map<number, PendingIntent>();
  const sources = new Map<string, ImportedSource>();
  for await (const record of readLines<LedgerRecord>(file)) {
    if (record.t === 'intent') {
      pending.set(record.run, {
        run: record.run,
        keys: record.keys,
        files: record.files,
        source: record.source,
      });
    } else if (record.t === 'commit') {
      for (const key of pending.get(record.run)?.keys ?? []) booked.add(key);
      addSource(sources, pending.get(record.run));
      pending.delete(record.run);
    } else if (record.t === 'abort') {
      pending.delete(record.run);
    } else {
      // Any reset forgets the files seen: their documents may be wanted again (the
      // per-document check still skips those that stay booked).
      sources.clear();
      if (record.keys === 'ALL') booked.clear();
      else for (const key of record.keys) booked.delete(key);
    }
  }
  return { booked, pending, sources };
}

/** Read-only view for workers: the keys booked for a profile. */
export async function loadBookedKeys(file: string): Promise<Set<string>> {
  return (await fold(file)).booked;
}

/** The main thread's handle on one profile's ledger; it is the only writer. */
export class Ledger {
  private constructor(
    readonly file: string,
    private readonly booked: Set<string>,
    private readonly pendingIntents: Map<number, PendingIntent>,
    private readonly sources: Map<string, ImportedSource>,
  ) {}

  static async open(file: string): Promise<Ledger> {
    const { booked, pending, sources } = await fold(file);
    return new Ledger(file, booked, pending, sources);
  }

  /** The committed run that imported a dropped file of this content, if any. */
  importedSource(sha256: string): ImportedSource | undefined {
    return this.sources.get(sha256);
  }

  has(key: string): boolean {
    return this.booked.has(key);
  }

  get size(): number {
    return this.booked.size;
  }

  pending(): PendingIntent[] {
    return [...this.pendingIntents.values()];
  }

  /** `source`: the dropped file the run read, seen once the run commits. */
  async intent(run: number, keys: string[], files: PublishStep[], source?: LedgerSource): Promise<void> {
    const record: LedgerRecord = { t: 'intent', run, at: new Date().toISOString(), keys, files };
    if (source) record.source = source;
    await appendLines(this.file, [record]);
    this.pendingIntents.set(run, { run, keys, files, source });
  }

  async commit(run: number): Promise<void> {
    await appendLines(this.file, [{ t: 'commit', run, at: new Date().toISOString() }]);
    for (const key of this.pendingIntents.get(run)?.keys ?? []) this.booked.add(key);
    addSource(this.sources, this.pendingIntents.get(run));
    this.pendingIntents.delete(run);
  }

  async abort(run: number, reason: string): Promise<void> {
    await appendLines(this.file, [{ t: 'abort', run, at: new Date().toISOString(), reason }]);
    this.pendingIntents.delete(run);
  }

  /** "Reset transferred documents" by id list or ALL (FEATURES.md §2). */
  async reset(keys: string[] | 'ALL'): Promise<void> {
    await appendLines(this.file, [{ t: 'reset', at: new Date().toISOString(), keys }]);
    this.sources.clear();
    if (keys === 'ALL') this.booked.clear();
    else for (const key of keys) this.booked.delete(key);
  }
}
