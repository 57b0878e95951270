// `comptoir run <profile.json> [--task orders|creditnotes] [--from d] [--to d]
//  [--include-transferred] [--out dir] [--deliver url] [--data dir] [--json]` (cli.md):
// one run of a profile's source — a shop's API or its drop folder — booked, written and
// delivered, with the transfers recorded in the ledger of --data, so that a second run
// books nothing twice. The same pipeline as the appliance, Bree worker included.
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isIgnoredName } from '../adapters/drop-folder/watcher.js';
import { ConfigError } from '../domain/errors.js';
import { parseAmount, ZERO } from '../domain/money.js';
import type { Profile } from '../domain/profile.js';
import type { RunRecord } from '../domain/run.js';
import { JobRunner } from '../jobs/job-runner.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { dataLayout } from '../store/data-layout.js';
import { lockDataFolder, type DataLock } from '../store/data-lock.js';
import { RunStore } from '../store/runs.js';
import { loadProfileFile } from './profile-file.js';
import {
  deliverAll,
  describeProblem,
  exitStatus,
  parseDestinations,
  printSummary,
  type CommandIO,
  type RunSummary,
} from './summary.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function options(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      task: { type: 'string', default: 'orders' },
      from: { type: 'string' },
      to: { type: 'string' },
      'include-transferred': { type: 'boolean', default: false },
      out: { type: 'string', default: './out' },
      data: { type: 'string', default: './data' },
      deliver: { type: 'string', multiple: true, default: [] },
      json: { type: 'boolean', default: false },
    },
  });
}

function optionProblems(values: ReturnType<typeof options>['values'], positionals: string[]): string[] {
  const problems: string[] = [];
  if (positionals.length !== 1) problems.push('usage: comptoir run <profile.json> [options] (see cli.md)');
  if (values.task !== 'orders' && values.task !== 'creditnotes')
    problems.push('--task is orders or creditnotes');
  for (const name of ['from', 'to'] as const) {
    const value = values[name];
    if (value !== undefined && !DATE.test(value)) problems.push(`--${name} ${value}: a date YYYY-MM-DD`);
  }
  return problems;
}

/** A profile file without an id gets one from its file name, so its ledger stays the same run after run. */
function profileId(profile: Profile, file: string): string {
  if (profile.id !== 'cli') return profile.id;
  return path.basename(file, path.extname(file)).replace(/[^\w-]+/g, '-') || 'cli';
}

async function droppedFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && !isIgnoredName(e.name))
    .map((e) => path.join(dir, e.name))
    .sort();
}

async function summarize(
  runs: RunRecord[],
  store: RunStore,
  outDir: string,
  decimals: number,
  io: CommandIO,
): Promise<RunSummary> {
  const summary: RunSummary = {
    read: 0,
    booked: 0,
    failed: 0,
    ignored: 0,
    entries: 0,
    lines: 0,
    debit: '0.00',
    credit: '0.00',
    files: [],
  };
  let debit = ZERO;
  let credit = ZERO;
  for (const run of runs) {
    for (const key of ['read', 'booked', 'failed', 'ignored', 'entries', 'lines'] as const)
      summary[key] += run.counts[key];
    debit = debit.plus(parseAmount(run.debit));
    credit = credit.plus(parseAmount(run.credit));
    summary.files.push(...run.files.filter((f) => f.kind !== 'source').map((f) => path.join(outDir, f.name)));
    for (const line of await store.errors(run.id)) io.stderr.write(`${describeProblem(line)}\n`);
  }
  // The runs' totals are exact decimal strings at the profile's precision: their sum keeps it.
  return { ...summary, debit: debit.toFixed(decimals), credit: credit.toFixed(decimals) };
}

export async function runCommand(args: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = options(args);
  } catch (error) {
    io.stderr.write(`comptoir run: ${(error as Error).message}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  const problems = optionProblems(values, positionals);
  const destinations = parseDestinations(values.deliver ?? [], 'run', io);
  if (problems.length > 0 || !destinations) {
    for (const p of problems) io.stderr.write(`comptoir run: ${p}\n`);
    return 2;
  }
  const file = positionals[0] ?? '';
  const outDir = path.resolve(values.out ?? './out');
  let profile: Profile;
  try {
    profile = await loadProfileFile(file, outDir);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`comptoir run: ${error.message}\n`);
    return 2;
  }
  profile = { ...profile, id: profileId(profile, file), target: { ...profile.target, outbox: outDir } };
  await fs.mkdir(outDir, { recursive: true });

  const layout = dataLayout(path.resolve(values.data ?? './data'));
  // The data folder has one writer: an appliance serving it, or this run (store/data-lock.ts).
  let lock: DataLock;
  try {
    lock = await lockDataFolder(layout.root);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`comptoir run: ${error.message}\n`);
    return 2;
  }
  const store = await RunStore.open(layout.root);
  const jobs = new JobRunner();
  const pipeline = new Pipeline({
    layout,
    runs: store,
    jobs,
    timeZone: io.env.COMPTOIR_TZ || 'Europe/Paris',
  });
  try {
    await pipeline.recover([profile]);
    let runs: RunRecord[];
    if (profile.source.type === 'dropfolder') {
      const files = await droppedFiles(profile.source.path);
      runs = [];
      for (const dropped of files) runs.push(await pipeline.processDroppedFile(profile, dropped));
    } else {
      const task = values.task === 'creditnotes' ? 'creditnotes' : 'orders';
      const request = {
        task,
        from: values.from,
        to: values.to,
        includeTransferred: values['include-transferred'],
      } as const;
      runs = [await pipeline.processShop(profile, request)];
    }
    const summary = await summarize(runs, store, outDir, profile.accounting.rounding.decimals, io);
    const deliveries = await deliverAll(summary.files, destinations, io);
    const result: RunSummary = { ...summary, ...(destinations.length > 0 ? { deliveries } : {}) };
    printSummary(result, values.json ?? false, io);
    const whole = runs.find((r) => r.status === 'failed' && r.counts.read === 0 && r.message);
    if (whole) {
      io.stderr.write(`comptoir run: ${whole.message}\n`);
      return 2;
    }
    return exitStatus(result);
  } finally {
    await jobs.stop();
    await store.close();
    await lock.release();
  }
}
