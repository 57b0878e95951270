// A pipeline over a real data folder, Bree workers and a WooCommerce simulator, for the
// scheduler, preview and notification tests. "Restart" closes it as the appliance's
// close() does and opens a new one on the same data.
import fs from 'node:fs/promises';
import path from 'node:path';
import { defaultDropFolderProfile } from '../../src/domain/presets/format-france.js';
import { parseProfile } from '../../src/domain/profile-schema.js';
import type { Profile } from '../../src/domain/profile.js';
import type { RunRecord } from '../../src/domain/run.js';
import { JobRunner } from '../../src/jobs/job-runner.js';
import { Pipeline, type PipelineDeps } from '../../src/pipeline/pipeline.js';
import { dataLayout } from '../../src/store/data-layout.js';
import { ledgerFile, loadBookedKeys } from '../../src/store/ledger.js';
import { RunStore } from '../../src/store/runs.js';
import type { WoocommerceSimulator } from '../simulators/woocommerce.js';

/** The simulator's orders are from 2017: the pipeline's clock runs at real speed from 2017-12-31 10:00. */
const SHIFT = Date.now() - Date.parse('2017-12-31T09:00:00Z');
export const shiftedNow = (): Date => new Date(Date.now() - SHIFT);

export function shopProfile(root: string, sim: WoocommerceSimulator, overrides: object = {}): Profile {
  const base = defaultDropFolderProfile('boutique', path.join(root, 'inbox'), path.join(root, 'outbox'));
  const parsed = parseProfile(
    {
      id: 'boutique',
      name: 'Boutique',
      source: {
        type: 'woocommerce',
        url: sim.url,
        consumerKey: sim.consumerKey,
        consumerSecret: sim.consumerSecret,
      },
      accounting: { customers: { customerAccount: { mode: 'per-customer', prefix: 'WEB', length: 8 } } },
      import: { period: 'this-year' },
      ...overrides,
    },
    base,
  );
  if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
  return parsed.profile;
}

export interface Harness {
  root: string;
  runs: RunStore;
  jobs: JobRunner;
  pipeline: Pipeline;
  /** As the appliance's close(): stop runs in progress (grace), then the workers and logs. */
  close(graceMs?: number): Promise<void>;
}

export async function openHarness(
  root: string,
  extra: Partial<Pick<PipelineDeps, 'afterRun'>> = {},
): Promise<Harness> {
  await fs.mkdir(path.join(root, 'outbox'), { recursive: true });
  const runs = await RunStore.open(root);
  const jobs = new JobRunner();
  const pipeline = new Pipeline({
    layout: dataLayout(root),
    runs,
    jobs,
    timeZone: 'Europe/Paris',
    now: shiftedNow,
    ...extra,
  });
  return {
    root,
    runs,
    jobs,
    pipeline,
    async close(graceMs = 300) {
      await pipeline.shutdown(graceMs);
      await jobs.stop(graceMs);
      await runs.close();
    },
  };
}

export const bookedKeys = (root: string, profileId = 'boutique'): Promise<Set<string>> =>
  loadBookedKeys(ledgerFile(dataLayout(root).ledgerDir, profileId));

/** Piece numbers (FEC column 9) of the sales journal's customer lines, over every outbox file. */
export async function outboxPieces(root: string): Promise<string[]> {
  const dir = path.join(root, 'outbox');
  const pieces: string[] = [];
  for (const name of (await fs.readdir(dir)).filter((n) => !n.startsWith('.')).sort()) {
    const lines = (await fs.readFile(path.join(dir, name), 'utf8')).split('\r\n').slice(1);
    for (const l of lines.map((line) => line.split('\t'))) {
      if (l[0] === 'VTE' && l[4] === '411000') pieces.push(l[8] ?? '');
    }
  }
  return pieces.sort();
}

export const ended = (run: RunRecord | undefined): boolean => !!run && run.status !== 'running';
