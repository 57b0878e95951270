// The main thread's side of a run: record it, hand the conversion to a Bree worker, then
// publish the outputs and record the transfers (intent → publish → commit), and settle the
// source (a dropped file goes to archive/ or failed/; a shop's documents are kept as order
// XML in the run's folder). Runs of one profile never overlap.
import fs from 'node:fs/promises';
import path from 'node:path';
import { chooseFreeName, keepCopy, publishTo } from '../adapters/delivery/publish.js';
import { localDate, localMonth, localTime } from '../clock.js';
import type { IsoDate } from '../domain/document.js';
import type { FormatDefinition } from '../domain/format/definition.js';
import { expandFileName } from '../domain/format/file-name.js';
import type { Profile } from '../domain/profile.js';
import {
  emptyCounts,
  statusOf,
  type ErrorLine,
  type RunFile,
  type RunRecord,
  type RunTask,
} from '../domain/run.js';
import type { ConvertJobData, ConvertJobMessage, ConvertJobSource } from '../jobs/convert-file.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { logger } from '../log.js';
import type { DataLayout } from '../store/data-layout.js';
import {
  Ledger,
  ledgerFile,
  type LedgerSource,
  type PendingIntent,
  type PublishStep,
} from '../store/ledger.js';
import { LetteringStore, letteringFile, type LetteringCodes } from '../store/lettering.js';
import type { RunStore } from '../store/runs.js';
import { RunCancelledError, type ConvertEvent, type ConvertResult } from './convert.js';
import {
  ALREADY_TRANSFERRED,
  checkNotImported,
  duplicateAside,
  DuplicateFileError,
  fileSha256,
  setAsideReason,
  type SetAside,
} from './dropped-duplicates.js';
import type { PreviewResult } from './preview.js';
import { previewShop } from './preview-run.js';
import { profileFormats } from './profile-formats.js';
import { recoverProfile } from './recovery.js';
import { shopQuery } from './shop-query.js';
import { moveAndKeep, writeReason } from './source-files.js';

const log = logger('pipeline');

export interface PipelineDeps {
  layout: DataLayout;
  runs: RunStore;
  jobs: JobRunner;
  timeZone: string;
  now?: () => Date;
  /** Formats designed in the format editor, besides the predefined ones. */
  formats?: () => FormatDefinition[];
  /**
   * Called once a run is recorded as ended (deliveries, notifications). A failure there is
   * logged: the run itself is done and its transfers recorded.
   */
  afterRun?: (run: RunRecord, profile: Profile) => Promise<void> | void;
  /**
   * Called once a run's files are in the outbox, before its transfers are committed (the
   * deliveries are queued): a crash can then never leave booked documents whose files are
   * not queued. Recovery calls it again for a publish it finishes, so it must be idempotent.
   */
  published?: (runId: number, profile: Profile, files: RunFile[]) => Promise<void>;
}

/** A run of a shop profile: which documents, for which period. */
export interface ShopRunRequest {
  task: 'orders' | 'creditnotes';
  /** Inclusive; by default the profile's period (import.period, shop-query.ts). */
  from?: IsoDate;
  to?: IsoDate;
  includeTransferred?: boolean;
  /** Ledger keys of documents unticked in the preview: left out of this run (preview.ts). */
  excludeDocuments?: string[];
  /** Called once the run is recorded, before any work: the UI links to its page. */
  onStarted?: (run: RunRecord) => void;
}

/** How long a stopped run's worker may take to stop between documents before it is terminated. */
export const STOP_GRACE_MS = 5000;

/** `aside`: a dropped file imported before, or of which nothing could be booked (dropped-duplicates.ts). */
type Outcome = Exclude<ConvertJobMessage, { type: 'event' }> | ({ type: 'aside' } & SetAside);

/** How one kind of source enters a run and leaves it. */
interface RunSource {
  task: RunTask;
  /** The job's view of the source, once the run exists (and its folder). */
  jobSource(run: RunRecord): Promise<ConvertJobSource>;
  /** After a readable run: the source file the run keeps. */
  kept(run: RunRecord, started: Date): Promise<RunFile | undefined>;
  /** After an unreadable one (or one set aside): what to do, and the source file kept, if any. */
  failed(
    run: RunRecord,
    reason: string,
    started: Date,
    aside?: SetAside,
  ): Promise<{ fix: string; file?: RunFile }>;
  /** The dropped file the run read, recorded with its intent (dropped-duplicates.ts). */
  ledgerSource?: () => LedgerSource | undefined;
  includeTransferred: boolean;
  excludeDocuments?: string[];
  onStarted?: (run: RunRecord) => void;
}

/** The code and values the pages translate a failed run's error line by (web/journal-text.ts). */
function runFailureCode(
  outcome: Exclude<Outcome, { type: 'result' | 'cancelled' }>,
): Pick<ErrorLine, 'code' | 'params'> {
  if (outcome.type === 'aside') return { code: outcome.code, params: outcome.params };
  if (outcome.type === 'unreadable') {
    const position = { line: String(outcome.line ?? 0), column: String(outcome.column ?? 0) };
    return outcome.code
      ? { code: outcome.code, params: { ...outcome.params, ...position } }
      : { code: 'file.unreadable', params: { reason: outcome.message } };
  }
  return {};
}

export class Pipeline {
  private readonly ledgers = new Map<string, Ledger>();
  private readonly letterings = new Map<string, LetteringStore>();
  private readonly chains = new Map<string, Promise<unknown>>();
  /** Runs queued or going, per profile: the scheduler skips a due run rather than queue it. */
  private readonly busy = new Map<string, number>();
  /** Runs asked to stop: whatever their worker ends with, they end as stopped. */
  private readonly stopping = new Set<number>();
  /** Per run going: documents skipped as already transferred (a file of only those is a duplicate). */
  private readonly alreadyTransferred = new Map<number, number>();
  private closing = false;

  constructor(private readonly deps: PipelineDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  async ledger(profileId: string): Promise<Ledger> {
    let ledger = this.ledgers.get(profileId);
    if (!ledger) {
      ledger = await Ledger.open(ledgerFile(this.deps.layout.ledgerDir, profileId));
      this.ledgers.set(profileId, ledger);
    }
    return ledger;
  }

  /** The profile's lettering codes already used (store/lettering.ts). */
  async lettering(profileId: string): Promise<LetteringStore> {
    let store = this.letterings.get(profileId);
    if (!store) {
      store = await LetteringStore.open(letteringFile(this.deps.layout.letteringDir, profileId));
      this.letterings.set(profileId, store);
    }
    return store;
  }

  /** Finishes what a crash interrupted, before any new run (recovery.ts). */
  async recover(profiles: Profile[]): Promise<void> {
    const interrupted = await this.deps.runs.closeInterrupted(this.now().toISOString());
    for (const run of interrupted) log.warn('run interrupted by a restart', { run: run.id });
    for (const profile of profiles) {
      await recoverProfile(profile, await this.ledger(profile.id), (intent) =>
        this.afterPublish(intent.run, profile, this.intentFiles(intent)),
      );
    }
  }

  /** The files an intent names, as the run keeps them (its copies, made before the intent). */
  private intentFiles(intent: PendingIntent): RunFile[] {
    return intent.files.map((step) => {
      const name = path.basename(step.finalPath);
      return {
        kind: step.kind ?? 'entries',
        name,
        path: path.join(this.deps.runs.dir(intent.run), 'files', name),
      };
    });
  }

  /** PipelineDeps.published; a failure is logged, the transfers are committed all the same. */
  private async afterPublish(runId: number, profile: Profile, files: RunFile[]): Promise<void> {
    try {
      await this.deps.published?.(runId, profile, files);
    } catch (error) {
      log.error('after-publish work failed', { run: runId, error });
    }
  }

  /** Queues a dropped file behind the profile's running work; resolves with its run. */
  processDroppedFile(profile: Profile, file: string): Promise<RunRecord> {
    return this.enqueue(profile, () => this.execute(profile, this.droppedFile(profile, file)));
  }

  /** Queues one run of a shop profile's source. */
  processShop(profile: Profile, request: ShopRunRequest): Promise<RunRecord> {
    return this.enqueue(profile, () =>
      this.execute(profile, {
        ...this.shopSource(profile, request),
        excludeDocuments: request.excludeDocuments,
        onStarted: request.onStarted,
      }),
    );
  }

  /** Waits for every queued run to end. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.chains.values()]);
  }

  /** Whether a run of this profile is going or queued. */
  isBusy(profileId: string): boolean {
    return (this.busy.get(profileId) ?? 0) > 0;
  }

  /**
   * Stops a run: its worker gets 'cancel' and stops between documents, or is terminated
   * after graceMs. Nothing of it is published nor recorded in the ledger, so its documents
   * stay untransferred. False when the run is not going.
   */
  stopRun(runId: number, graceMs = STOP_GRACE_MS): boolean {
    const run = this.deps.runs.running().find((r) => r.id === runId);
    if (!run) return false;
    this.stopping.add(runId);
    this.deps.jobs.cancel(`run-${runId}`, graceMs);
    return true;
  }

  /** For the appliance's stop: queued runs do not start, running ones are stopped. */
  async shutdown(graceMs = STOP_GRACE_MS): Promise<void> {
    this.closing = true;
    for (const run of this.deps.runs.running()) this.stopRun(run.id, graceMs);
    await this.idle();
  }

  /** The entry list of a shop import, written nowhere (preview.ts); not queued, as it changes nothing. */
  async preview(profile: Profile, request: ShopRunRequest): Promise<PreviewResult> {
    const lettering = profile.accounting.lettering ? (await this.lettering(profile.id)).last() : undefined;
    return previewShop(this.deps, profile, request, lettering);
  }

  private enqueue(profile: Profile, work: () => Promise<RunRecord>): Promise<RunRecord> {
    const previous = this.chains.get(profile.id) ?? Promise.resolve();
    this.busy.set(profile.id, (this.busy.get(profile.id) ?? 0) + 1);
    const next = previous
      .catch(() => undefined)
      .then(() => {
        // A dropped file then stays in the inbox; a shop's documents stay untransferred.
        if (this.closing) throw new Error('The appliance is stopping: run not started');
        return work();
      })
      .finally(() => this.busy.set(profile.id, (this.busy.get(profile.id) ?? 1) - 1));
    this.chains.set(profile.id, next);
    return next;
  }

  private droppedFile(profile: Profile, file: string): RunSource {
    const inbox = profile.source.type === 'dropfolder' ? profile.source.path : path.dirname(file);
    const runDir = (run: RunRecord): string => this.deps.runs.dir(run.id);
    let sha256 = '';
    return {
      task: 'drop-folder',
      includeTransferred: false,
      jobSource: async (run) => {
        const { size } = await fs.stat(file);
        sha256 = await fileSha256(file);
        this.deps.runs.journalLine(run.id, {
          at: new Date().toISOString(),
          level: 'info',
          message: `File ${path.basename(file)} received (${size} bytes, SHA-256 ${sha256})`,
          code: 'file.received',
          params: { name: path.basename(file), size: String(size), sha256 },
        });
        checkNotImported(await this.ledger(profile.id), sha256);
        return { kind: 'file', file, fileName: path.basename(file) };
      },
      ledgerSource: () => (sha256 ? { sha256, name: path.basename(file) } : undefined),
      kept: async (run, started) => {
        const month = localMonth(started, this.deps.timeZone);
        const { moved, runFile } = await moveAndKeep(file, path.join(inbox, 'archive', month), runDir(run));
        this.deps.runs.journalLine(run.id, {
          at: new Date().toISOString(),
          level: 'info',
          message: `Source file archived as ${path.relative(inbox, moved)}`,
          code: 'file.archived',
          params: { path: path.relative(inbox, moved) },
        });
        return runFile;
      },
      failed: async (run, reason, started, aside) => {
        const fix =
          aside?.fix ?? 'Correct the file (see the line and column) and drop it again into the inbox';
        try {
          const { moved, runFile } = await moveAndKeep(file, path.join(inbox, 'failed'), runDir(run));
          await writeReason(moved, [
            aside?.heading ?? `Comptoir could not convert ${path.basename(file)}.`,
            `Reason: ${reason}`,
            `What to do: ${fix}.`,
            `Run #${run.id}, ${started.toISOString()}, profile ${profile.name}.`,
          ]);
          this.deps.runs.journalLine(run.id, {
            at: new Date().toISOString(),
            level: 'error',
            message: `Source file moved to failed/${path.basename(moved)}`,
            code: 'file.movedToFailed',
            params: { name: path.basename(moved) },
          });
          return { fix, file: runFile };
        } catch (error) {
          log.error('could not move a failed file aside', { run: run.id, file, error });
          return { fix };
        }
      },
    };
  }

  private shopSource(profile: Profile, request: ShopRunRequest): RunSource {
    let sourceFile = '';
    const keep = (): RunFile => ({ kind: 'source', name: path.basename(sourceFile), path: sourceFile });
    return {
      task: request.task,
      includeTransferred: request.includeTransferred ?? false,
      jobSource: async (run) => {
        const dir = this.deps.runs.dir(run.id);
        const query = shopQuery(profile.import, request, localDate(this.now(), this.deps.timeZone));
        const { from = '', to = '' } = query;
        this.deps.runs.journalLine(run.id, {
          at: new Date().toISOString(),
          level: 'info',
          message: `Reading ${request.task === 'orders' ? `orders by ${query.dateField ?? 'order'} date` : 'credit notes'} from ${from} to ${to}`,
          ...(request.task === 'orders'
            ? { code: 'shop.readingOrders', params: { dateField: query.dateField ?? 'order', from, to } }
            : { code: 'shop.readingCreditNotes', params: { from, to } }),
        });
        sourceFile = path.join(
          dir,
          'source',
          `${request.task === 'orders' ? 'Commandes' : 'Avoirs'}-${from}-${to}.xml`,
        );
        await fs.mkdir(path.dirname(sourceFile), { recursive: true });
        return { kind: 'shop', query, sourceFile };
      },
      kept: async () => keep(),
      failed: async () => ({
        fix: 'Check the shop connection (address, key and its permissions), then run again',
        file: sourceFile ? keep() : undefined,
      }),
    };
  }

  private async execute(profile: Profile, source: RunSource): Promise<RunRecord> {
    const started = this.now();
    const run = await this.deps.runs.create({
      profileId: profile.id,
      profileName: profile.name,
      task: source.task,
      status: 'running',
      startedAt: started.toISOString(),
      counts: emptyCounts(),
      debit: '0.00',
      credit: '0.00',
      done: 0,
      files: [],
    });
    source.onStarted?.(run);
    let format: FormatDefinition | undefined;
    let outcome: Outcome;
    try {
      const formats = profileFormats(profile, this.deps.formats?.());
      format = formats.format;
      const data: ConvertJobData = {
        source: await source.jobSource(run),
        profile,
        format,
        customersFormat: formats.customersFormat,
        outDir: profile.target.outbox,
        today: localDate(started, this.deps.timeZone),
        ledgerFile: ledgerFile(this.deps.layout.ledgerDir, profile.id),
        includeTransferred: source.includeTransferred,
        excludeDocuments: source.excludeDocuments,
        // Runs of a profile never overlap: the previous one's codes are recorded by now.
        lettering: profile.accounting.lettering ? (await this.lettering(profile.id)).last() : undefined,
      };
      outcome = await this.convertInWorker(run, data);
    } catch (error) {
      if (error instanceof DuplicateFileError) {
        const name = source.ledgerSource?.()?.name ?? '';
        outcome = { type: 'aside', ...duplicateAside(error, name) };
      } else {
        log.error('run failed', { run: run.id, error });
        outcome = { type: 'fatal', message: error instanceof Error ? error.message : String(error) };
      }
    }
    return this.settle(run, profile, format, source, outcome, started);
  }

  private async convertInWorker(run: RunRecord, data: ConvertJobData): Promise<Outcome> {
    let outcome: Outcome = { type: 'fatal', message: 'The conversion ended without a result' };
    const stopped: Outcome = { type: 'cancelled', message: new RunCancelledError().message };
    if (this.stopping.delete(run.id) || this.closing) return stopped;
    try {
      await this.deps.jobs.run(
        'convert-file',
        { ...data },
        (message) => {
          const m = message as ConvertJobMessage;
          if (m.type === 'event') this.onEvent(run, m.event);
          else outcome = m;
        },
        { key: `run-${run.id}` },
      );
    } catch (error) {
      // A worker terminated after its grace period ends with an error, not a message.
      if (!this.stopping.has(run.id)) throw error;
    }
    const wasStopped = this.stopping.delete(run.id);
    // Stopped, unless it finished first: a complete result is still published.
    const ended = outcome as Outcome; // set by the message callback
    return ended.type !== 'result' && wasStopped ? stopped : ended;
  }

  private onEvent(run: RunRecord, event: ConvertEvent): void {
    const at = new Date().toISOString();
    if (event.type === 'progress') this.deps.runs.progress(run.id, event.done, event.percent);
    else if (event.type === 'journal') {
      if (event.line.message === ALREADY_TRANSFERRED)
        this.alreadyTransferred.set(run.id, (this.alreadyTransferred.get(run.id) ?? 0) + 1);
      this.deps.runs.journalLine(run.id, { at, ...event.line });
    } else {
      this.deps.runs.errorLine(run.id, { at, ...event.line });
      // The error line's code: the journal shows its problem (runError.<code>.problem).
      this.deps.runs.journalLine(run.id, {
        at,
        level: 'error',
        document: event.line.document,
        message: event.line.message,
        ...(event.line.code && { code: event.line.code, params: event.line.params }),
      });
    }
  }

  private async settle(
    run: RunRecord,
    profile: Profile,
    format: FormatDefinition | undefined,
    source: RunSource,
    outcome: Outcome,
    started: Date,
  ): Promise<RunRecord> {
    const { runs } = this.deps;
    let record: RunRecord = { ...run };
    const skipped = this.alreadyTransferred.get(run.id) ?? 0;
    this.alreadyTransferred.delete(run.id);
    // A dropped file of which nothing was booked goes to failed/, not archive/.
    const aside =
      outcome.type === 'result' && source.task === 'drop-folder'
        ? setAsideReason(outcome.result.counts, skipped, source.ledgerSource?.()?.name ?? '')
        : undefined;
    if (aside && outcome.type === 'result') {
      record = { ...record, counts: outcome.result.counts, done: outcome.result.counts.read };
      outcome = { type: 'aside', ...aside };
    }
    if (outcome.type === 'result') {
      const files = format
        ? await this.publish(
            run,
            profile,
            format,
            outcome.result,
            started,
            outcome.lettering,
            source.ledgerSource?.(),
          )
        : [];
      const kept = await source.kept(run, started);
      record = {
        ...record,
        counts: outcome.result.counts,
        debit: outcome.result.debit,
        credit: outcome.result.credit,
        done: outcome.result.counts.read,
        reconciliation: outcome.result.counts.booked > 0 ? outcome.result.reconciliation : undefined,
        files: kept ? [kept, ...files] : files,
        status: statusOf(outcome.result.counts, false),
      };
    } else if (outcome.type === 'cancelled') {
      // Stopped by the user, a dropped file goes to failed/ (the rescan would run it again at
      // once); stopped by a shutdown, it stays in the inbox for the next start.
      const { file } =
        !this.closing && source.task === 'drop-folder'
          ? await source.failed(run, outcome.message, started)
          : { file: undefined };
      record = {
        ...record,
        status: 'failed',
        message: outcome.message,
        messageCode: { code: 'run.cancelled' },
        files: file ? [file] : [],
      };
    } else {
      const { fix, file } = await source.failed(
        run,
        outcome.message,
        started,
        outcome.type === 'aside' ? outcome : undefined,
      );
      const fileName = source.task === 'drop-folder' ? file?.name : undefined;
      // A shop's failures say what to do in the shop's own words: kept as they are.
      const coded = source.task === 'drop-folder' ? runFailureCode(outcome) : {};
      runs.errorLine(run.id, {
        at: new Date().toISOString(),
        file: fileName,
        message: outcome.message,
        fix,
        ...coded,
      });
      record = {
        ...record,
        status: 'failed',
        message: outcome.message,
        ...(coded.code && { messageCode: coded }),
        files: file ? [file] : [],
      };
    }
    const ended = this.now();
    record = { ...record, endedAt: ended.toISOString(), durationMs: ended.getTime() - started.getTime() };
    runs.journalLine(run.id, {
      at: ended.toISOString(),
      level: 'info',
      message: `Run ended: ${record.status}`,
      code: 'run.ended',
      params: { status: record.status },
    });
    await runs.finish(record);
    try {
      await this.deps.afterRun?.(record, profile);
    } catch (error) {
      log.error('after-run work failed', { run: record.id, error });
    }
    return record;
  }

  /** intent → publish → commit (store/ledger.ts); each file is kept in the run's folder too. */
  private async publish(
    run: RunRecord,
    profile: Profile,
    format: FormatDefinition,
    result: ConvertResult,
    started: Date,
    lettering?: LetteringCodes,
    ledgerSource?: LedgerSource,
  ): Promise<RunFile[]> {
    if (result.outputs.length === 0) return [];
    const ledger = await this.ledger(profile.id);
    const vars = { now: localTime(started, this.deps.timeZone), profile: profile.name, run: run.id };
    const taken = new Set<string>();
    const steps: (PublishStep & { kind: RunFile['kind'] })[] = [];
    for (const output of result.outputs) {
      const template =
        output.kind === 'entries' ? profile.target.entriesFileName : profile.target.customersFileName;
      const finalPath = await chooseFreeName(
        profile.target.outbox,
        expandFileName(template, vars),
        format.extension,
        taken,
      );
      taken.add(finalPath);
      steps.push({ kind: output.kind, tmpPath: output.tmpPath, finalPath });
    }
    const files: RunFile[] = [];
    for (const step of steps) {
      const name = path.basename(step.finalPath);
      const kept = path.join(this.deps.runs.dir(run.id), 'files', name);
      await keepCopy(step.tmpPath, kept);
      files.push({ kind: step.kind, name, path: kept });
    }
    // Before the intent: once it is written the files may be published (by recovery too),
    // so the codes they carry must already be kept (store/lettering.ts).
    await (await this.lettering(profile.id)).record(run.id, lettering);
    await ledger.intent(
      run.id,
      result.bookedKeys,
      steps.map(({ tmpPath, finalPath, kind }) => ({
        tmpPath,
        finalPath,
        ...((kind === 'entries' || kind === 'customers') && { kind }),
      })),
      ledgerSource,
    );
    for (const step of steps) await publishTo(step);
    await this.afterPublish(run.id, profile, files);
    await ledger.commit(run.id);
    for (const step of steps) {
      this.deps.runs.journalLine(run.id, {
        at: new Date().toISOString(),
        level: 'info',
        message: `Written to the outbox: ${path.basename(step.finalPath)}`,
        code: 'outbox.written',
        params: { name: path.basename(step.finalPath) },
      });
    }
    return files;
  }
}
