// The main thread's side of a drop-folder run: record the run, hand the file to a Bree
// worker, then publish the outputs and record the transfers (intent → publish → commit),
// and move the source to archive/ or failed/. Runs of one profile never overlap.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { localDate, localMonth, localTime } from '../clock.js';
import type { FormatDefinition } from '../domain/format/definition.js';
import { expandFileName } from '../domain/format/file-name.js';
import { getFormat } from '../domain/format/predefined/index.js';
import type { Profile } from '../domain/profile.js';
import { emptyCounts, statusOf, type RunFile, type RunRecord } from '../domain/run.js';
import type { ConvertJobMessage } from '../jobs/convert-file.js';
import type { JobRunner } from '../jobs/job-runner.js';
import { logger } from '../log.js';
import type { DataLayout } from '../store/data-layout.js';
import { Ledger, ledgerFile, type PublishStep } from '../store/ledger.js';
import type { RunStore } from '../store/runs.js';
import type { ConvertEvent, ConvertResult } from './convert.js';
import { chooseFreeName, keepCopy, publishTo } from '../adapters/delivery/publish.js';
import { recoverProfile } from './recovery.js';

const log = logger('pipeline');

export interface PipelineDeps {
  layout: DataLayout;
  runs: RunStore;
  jobs: JobRunner;
  timeZone: string;
  now?: () => Date;
}

type Outcome = Exclude<ConvertJobMessage, { type: 'event' }>;

async function sha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function splitName(fileName: string): { base: string; ext: string } {
  const ext = path.extname(fileName);
  return { base: path.basename(fileName, ext), ext: ext.slice(1) };
}

export class Pipeline {
  private readonly ledgers = new Map<string, Ledger>();
  private readonly chains = new Map<string, Promise<unknown>>();

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

  /** Finishes what a crash interrupted, before any new run (recovery.ts). */
  async recover(profiles: Profile[]): Promise<void> {
    const interrupted = await this.deps.runs.closeInterrupted(this.now().toISOString());
    for (const run of interrupted) log.warn('run interrupted by a restart', { run: run.id });
    for (const profile of profiles) await recoverProfile(profile, await this.ledger(profile.id));
  }

  /** Queues a dropped file behind the profile's running work; resolves with its run. */
  processDroppedFile(profile: Profile, file: string): Promise<RunRecord> {
    const previous = this.chains.get(profile.id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(() => this.runFile(profile, file));
    this.chains.set(profile.id, next);
    return next;
  }

  /** Waits for every queued run to end. */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.chains.values()]);
  }

  private async runFile(profile: Profile, file: string): Promise<RunRecord> {
    const { runs } = this.deps;
    const started = this.now();
    const fileName = path.basename(file);
    const run = await runs.create({
      profileId: profile.id,
      profileName: profile.name,
      task: 'drop-folder',
      status: 'running',
      startedAt: started.toISOString(),
      counts: emptyCounts(),
      debit: '0.00',
      credit: '0.00',
      done: 0,
      files: [],
    });
    const journal = (level: 'info' | 'warn' | 'error', message: string): void =>
      runs.journalLine(run.id, { at: new Date().toISOString(), level, message });
    try {
      const stat = await fs.stat(file);
      journal('info', `File ${fileName} received (${stat.size} bytes, SHA-256 ${await sha256(file)})`);
      const format = getFormat(profile.target.entriesFormat);
      if (!format)
        throw new Error(`The profile's entries format "${profile.target.entriesFormat}" does not exist`);
      const outcome = await this.convertInWorker(run, profile, format, file, started);
      return await this.settle(run, profile, format, file, outcome, started);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      log.error('run failed', { run: run.id, error });
      return this.settle(run, profile, undefined, file, { type: 'fatal', message }, started);
    }
  }

  private async convertInWorker(
    run: RunRecord,
    profile: Profile,
    format: FormatDefinition,
    file: string,
    started: Date,
  ): Promise<Outcome> {
    let outcome: Outcome = { type: 'fatal', message: 'The conversion ended without a result' };
    const data = {
      file,
      fileName: path.basename(file),
      profile,
      format,
      outDir: profile.target.outbox,
      today: localDate(started, this.deps.timeZone),
      ledgerFile: ledgerFile(this.deps.layout.ledgerDir, profile.id),
    };
    await this.deps.jobs.run('convert-file', data, (message) => {
      const m = message as ConvertJobMessage;
      if (m.type === 'event') this.onEvent(run, m.event);
      else outcome = m;
    });
    return outcome;
  }

  private onEvent(run: RunRecord, event: ConvertEvent): void {
    const at = new Date().toISOString();
    if (event.type === 'progress') this.deps.runs.progress(run.id, event.done, event.percent);
    else if (event.type === 'journal') this.deps.runs.journalLine(run.id, { at, ...event.line });
    else {
      this.deps.runs.errorLine(run.id, { at, ...event.line });
      this.deps.runs.journalLine(run.id, {
        at,
        level: 'error',
        document: event.line.document,
        message: event.line.message,
      });
    }
  }

  private async settle(
    run: RunRecord,
    profile: Profile,
    format: FormatDefinition | undefined,
    file: string,
    outcome: Outcome,
    started: Date,
  ): Promise<RunRecord> {
    const { runs } = this.deps;
    const at = new Date().toISOString();
    let record: RunRecord = { ...run };
    if (outcome.type === 'result') {
      const files = format ? await this.publish(run, profile, format, outcome.result, started) : [];
      const source = await this.moveSource(run, profile, file, 'archive', started);
      record = {
        ...record,
        counts: outcome.result.counts,
        debit: outcome.result.debit,
        credit: outcome.result.credit,
        done: outcome.result.counts.read,
        files: [source, ...files],
        status: statusOf(outcome.result.counts, false),
      };
    } else if (outcome.type === 'cancelled') {
      record = { ...record, status: 'failed', message: outcome.message };
    } else {
      const fix =
        outcome.type === 'unreadable'
          ? 'Correct the file (see the line and column) and drop it again into the inbox'
          : "Check the file and drop it again; if it happens again, send this run's journal to support";
      runs.errorLine(run.id, { at, file: path.basename(file), message: outcome.message, fix });
      const source = await this.moveAside(run, profile, file, outcome.message, fix, started);
      record = { ...record, status: 'failed', message: outcome.message, files: source ? [source] : [] };
    }
    const ended = this.now();
    record = { ...record, endedAt: ended.toISOString(), durationMs: ended.getTime() - started.getTime() };
    runs.journalLine(run.id, {
      at: ended.toISOString(),
      level: 'info',
      message: `Run ended: ${record.status}`,
    });
    await runs.finish(record);
    return record;
  }

  /** intent → publish → commit (store/ledger.ts); each file is kept in the run's folder too. */
  private async publish(
    run: RunRecord,
    profile: Profile,
    format: FormatDefinition,
    result: ConvertResult,
    started: Date,
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
    await ledger.intent(
      run.id,
      result.bookedKeys,
      steps.map(({ tmpPath, finalPath }) => ({ tmpPath, finalPath })),
    );
    for (const step of steps) await publishTo(step);
    await ledger.commit(run.id);
    for (const step of steps) {
      this.deps.runs.journalLine(run.id, {
        at: new Date().toISOString(),
        level: 'info',
        message: `Written to the outbox: ${path.basename(step.finalPath)}`,
      });
    }
    return files;
  }

  private async moveSource(
    run: RunRecord,
    profile: Profile,
    file: string,
    folder: 'archive',
    started: Date,
  ): Promise<RunFile> {
    const inbox = profile.source.type === 'dropfolder' ? profile.source.path : path.dirname(file);
    const target = path.join(inbox, folder, localMonth(started, this.deps.timeZone));
    const moved = await this.moveInto(file, target);
    const kept = path.join(this.deps.runs.dir(run.id), 'source', path.basename(moved));
    await keepCopy(moved, kept);
    this.deps.runs.journalLine(run.id, {
      at: new Date().toISOString(),
      level: 'info',
      message: `Source file archived as ${path.relative(inbox, moved)}`,
    });
    return { kind: 'source', name: path.basename(moved), path: kept };
  }

  /** An unreadable file goes to failed/ with `<name>.error.txt` beside it; never deleted. */
  private async moveAside(
    run: RunRecord,
    profile: Profile,
    file: string,
    reason: string,
    fix: string,
    started: Date,
  ): Promise<RunFile | undefined> {
    const inbox = profile.source.type === 'dropfolder' ? profile.source.path : path.dirname(file);
    try {
      const moved = await this.moveInto(file, path.join(inbox, 'failed'));
      const text = [
        `Comptoir could not convert ${path.basename(file)}.`,
        `Reason: ${reason}`,
        `What to do: ${fix}.`,
        `Run #${run.id}, ${started.toISOString()}, profile ${profile.name}.`,
        '',
      ].join('\n');
      await fs.writeFile(`${moved}.error.txt`, text, 'utf8');
      this.deps.runs.journalLine(run.id, {
        at: new Date().toISOString(),
        level: 'error',
        message: `Source file moved to failed/${path.basename(moved)}`,
      });
      const kept = path.join(this.deps.runs.dir(run.id), 'source', path.basename(moved));
      await keepCopy(moved, kept);
      return { kind: 'source', name: path.basename(moved), path: kept };
    } catch (error) {
      log.error('could not move a failed file aside', { run: run.id, file, error });
      return undefined;
    }
  }

  private async moveInto(file: string, dir: string): Promise<string> {
    await fs.mkdir(dir, { recursive: true });
    const { base, ext } = splitName(path.basename(file));
    const target = await chooseFreeName(dir, base, ext);
    await fs.rename(file, target);
    return target;
  }
}
