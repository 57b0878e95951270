// Run history. The index is append-only (runs/runs.jsonl: a snapshot of a run when it
// starts and when it ends; the last snapshot of an id wins); each run's journal and
// error log are append-only files in runs/<id>/. No write rewrites the history.
import { createWriteStream, type WriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ErrorLine, JournalLine, RunRecord, RunStatus, RunTask } from '../domain/run.js';
import { dataLayout, runDir, type DataLayout } from './data-layout.js';
import { appendLines, readAll, readLines } from './jsonl.js';
import { RunIndex } from './run-index.js';

export interface RunQuery {
  profileId?: string;
  task?: RunTask;
  status?: RunStatus;
  /** Runs started from this instant (ISO 8601, included) … */
  from?: string;
  /** … to this one (excluded). */
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface RunPage {
  runs: RunRecord[];
  total: number;
  page: number;
  pageSize: number;
}

/** What the web layer reads. */
export interface RunReader {
  list(query?: RunQuery): Promise<RunPage>;
  get(id: number): Promise<RunRecord | undefined>;
  journal(id: number): Promise<JournalLine[]>;
  errors(id: number): Promise<ErrorLine[]>;
  running(): RunRecord[];
  /** The data folder: a run's kept files are served only when they really lie inside it. */
  readonly dataDir: string;
}

interface OpenLogs {
  journal: WriteStream;
  errors: WriteStream;
}

export class RunStore implements RunReader {
  private readonly logs = new Map<number, OpenLogs>();
  private readonly records = new Map<number, RunRecord>();
  /** The list's filters over compact columns (run-index.ts), and the runs in progress. */
  private readonly index = new RunIndex();
  private readonly runningIds = new Set<number>();

  private constructor(
    private readonly layout: DataLayout,
    records: Iterable<RunRecord>,
    private nextId: number,
  ) {
    for (const record of records) this.remember(record);
  }

  static async open(root: string): Promise<RunStore> {
    const layout = dataLayout(root);
    await fs.mkdir(layout.runsDir, { recursive: true });
    const records = new Map<number, RunRecord>();
    let max = 0;
    for await (const record of readLines<RunRecord>(layout.runsIndex)) {
      records.set(record.id, record);
      max = Math.max(max, record.id);
    }
    return new RunStore(
      layout,
      [...records.values()].sort((a, b) => a.id - b.id),
      max + 1,
    );
  }

  /** Stores the latest snapshot of a run and keeps the indexes in step. */
  private remember(record: RunRecord): void {
    this.records.set(record.id, record);
    this.index.set(record);
    if (record.status === 'running') this.runningIds.add(record.id);
    else this.runningIds.delete(record.id);
  }

  get dataDir(): string {
    return this.layout.root;
  }

  /** The folder that holds a run's journal, error log and kept files. */
  dir(id: number): string {
    return runDir(this.layout, id);
  }

  async create(fields: Omit<RunRecord, 'id'>): Promise<RunRecord> {
    const record: RunRecord = { id: this.nextId++, ...fields };
    await fs.mkdir(this.dir(record.id), { recursive: true });
    await appendLines(this.layout.runsIndex, [record]);
    this.remember(record);
    return record;
  }

  /** Progress updates stay in memory: only start and end snapshots are written. */
  progress(id: number, done: number, percent?: number): void {
    const record = this.records.get(id);
    if (!record) return;
    record.done = done;
    if (percent !== undefined) record.percent = percent;
  }

  async finish(record: RunRecord): Promise<void> {
    await this.closeLogs(record.id);
    await appendLines(this.layout.runsIndex, [record]);
    this.remember(record);
  }

  /** Runs left "running" by a crash are closed as failed; their documents are handled by the ledger's recovery. */
  async closeInterrupted(now: string): Promise<RunRecord[]> {
    const interrupted = this.running();
    for (const run of interrupted) {
      await this.finish({
        ...run,
        status: 'failed',
        endedAt: now,
        message: 'Interrupted by a restart of the appliance',
      });
    }
    return interrupted;
  }

  journalLine(id: number, line: JournalLine): void {
    this.openLogs(id).journal.write(`${JSON.stringify(line)}\n`);
  }

  errorLine(id: number, line: ErrorLine): void {
    this.openLogs(id).errors.write(`${JSON.stringify(line)}\n`);
  }

  async list(query: RunQuery = {}): Promise<RunPage> {
    const pageSize = Math.min(Math.max(query.pageSize ?? 25, 1), 200);
    const page = Math.max(query.page ?? 1, 1);
    const { ids, total } = this.index.page(
      {
        profileId: query.profileId,
        task: query.task,
        status: query.status,
        from: query.from === undefined ? undefined : Date.parse(query.from),
        to: query.to === undefined ? undefined : Date.parse(query.to),
      },
      (page - 1) * pageSize,
      pageSize,
    );
    return { runs: ids.map((id) => this.records.get(id) as RunRecord), total, page, pageSize };
  }

  async get(id: number): Promise<RunRecord | undefined> {
    return this.records.get(id);
  }

  running(): RunRecord[] {
    return [...this.runningIds].sort((a, b) => a - b).map((id) => this.records.get(id) as RunRecord);
  }

  /** Every run started from this instant on (the dashboard's month), oldest first. */
  since(from: string): RunRecord[] {
    return this.index.since(Date.parse(from)).map((id) => this.records.get(id) as RunRecord);
  }

  /**
   * Retention: the journal and error log of runs ended more than `days` days ago are
   * removed; their summaries stay in the index (with `journalPrunedAt`) and so do their
   * kept files. Returns how many runs were pruned.
   */
  async prune(days: number, now: Date = new Date()): Promise<number> {
    const limit = now.getTime() - days * 86_400_000;
    const old = this.index
      .all()
      .map((id) => this.records.get(id) as RunRecord)
      .filter(
        (r) => r.status !== 'running' && !r.journalPrunedAt && r.endedAt && Date.parse(r.endedAt) < limit,
      );
    for (const run of old) {
      await this.closeLogs(run.id);
      for (const name of ['journal.jsonl', 'errors.jsonl'])
        await fs.rm(path.join(this.dir(run.id), name), { force: true });
    }
    const pruned = old.map((r) => ({ ...r, journalPrunedAt: now.toISOString() }));
    if (pruned.length > 0) await appendLines(this.layout.runsIndex, pruned);
    for (const record of pruned) this.remember(record);
    return pruned.length;
  }

  async journal(id: number): Promise<JournalLine[]> {
    return readAll<JournalLine>(path.join(this.dir(id), 'journal.jsonl'));
  }

  async errors(id: number): Promise<ErrorLine[]> {
    return readAll<ErrorLine>(path.join(this.dir(id), 'errors.jsonl'));
  }

  async close(): Promise<void> {
    await Promise.all([...this.logs.keys()].map((id) => this.closeLogs(id)));
  }

  private openLogs(id: number): OpenLogs {
    let logs = this.logs.get(id);
    if (!logs) {
      logs = {
        journal: createWriteStream(path.join(this.dir(id), 'journal.jsonl'), { flags: 'a' }),
        errors: createWriteStream(path.join(this.dir(id), 'errors.jsonl'), { flags: 'a' }),
      };
      this.logs.set(id, logs);
    }
    return logs;
  }

  private async closeLogs(id: number): Promise<void> {
    const logs = this.logs.get(id);
    if (!logs) return;
    this.logs.delete(id);
    await Promise.all(
      [logs.journal, logs.errors].map((s) => new Promise<void>((resolve) => s.end(() => resolve()))),
    );
  }
}
