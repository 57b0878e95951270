// Lettering codes continue across runs and restarts (issue 10): each run of a profile goes
// through the real pipeline (Bree worker, intent → publish → commit) and letters the same
// customer's paid sale with the next code of that account; a restart of the store and the
// pipeline goes on from the codes kept in the data folder; another profile counts on its own;
// a reset of transferred documents does not give a code again. The FEC files written pass
// `comptoir check-fec`.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFecCommand } from '../../src/commands/check-fec.js';
import { runCommand } from '../../src/commands/run.js';
import { defaultDropFolderProfile } from '../../src/domain/presets/format-france.js';
import type { Profile } from '../../src/domain/profile.js';
import { JobRunner } from '../../src/jobs/job-runner.js';
import { setQuiet } from '../../src/log.js';
import { Pipeline } from '../../src/pipeline/pipeline.js';
import { dataLayout } from '../../src/store/data-layout.js';
import { readAll } from '../../src/store/jsonl.js';
import { letteringFile } from '../../src/store/lettering.js';
import { RunStore } from '../../src/store/runs.js';
import { ordersFile, type TestOrder } from '../helpers/orders.js';

setQuiet(true);

let root: string;

interface Appliance {
  runs: RunStore;
  jobs: JobRunner;
  pipeline: Pipeline;
}

/** The store and the pipeline as the appliance opens them at start-up (recovery included). */
async function start(profiles: Profile[]): Promise<Appliance> {
  const runs = await RunStore.open(root);
  const jobs = new JobRunner();
  const pipeline = new Pipeline({ layout: dataLayout(root), runs, jobs, timeZone: 'Europe/Paris' });
  await pipeline.recover(profiles);
  return { runs, jobs, pipeline };
}

async function stop(app: Appliance): Promise<void> {
  await app.pipeline.shutdown(300);
  await app.jobs.stop(300);
  await app.runs.close();
}

function profileNamed(id: string): Profile {
  const profile = defaultDropFolderProfile(id, path.join(root, id, 'inbox'), path.join(root, id, 'outbox'));
  return { ...profile, name: id };
}

let dropped = 0;
/** Drops one file of orders into the profile's inbox and runs it; returns the FEC records written. */
async function runOrders(app: Appliance, profile: Profile, orders: TestOrder[]): Promise<string[][]> {
  const inbox = profile.source.type === 'dropfolder' ? profile.source.path : '';
  await fs.mkdir(inbox, { recursive: true });
  await fs.mkdir(profile.target.outbox, { recursive: true });
  const file = path.join(inbox, `orders-${++dropped}.xml`);
  await fs.writeFile(file, ordersFile(orders));
  const run = await app.pipeline.processDroppedFile(profile, file);
  expect(run.status).toBe('succeeded');
  const entries = run.files.find((f) => f.kind === 'entries');
  expect(entries).toBeDefined();
  // The run keeps a copy of what it published; check the published file itself.
  const published = path.join(profile.target.outbox, entries!.name);
  const text = await fs.readFile(published, 'utf8');
  expect(await checkFec(published)).toBe(0);
  return text
    .split('\r\n')
    .slice(1)
    .filter((l) => l !== '')
    .map((l) => l.split('\t'));
}

/** `comptoir check-fec` on a copy named as the law names a FEC. */
async function checkFec(file: string): Promise<number> {
  const dir = path.join(root, 'check', String(dropped));
  await fs.mkdir(dir, { recursive: true });
  const named = path.join(dir, '123456789FEC20261231.txt');
  await fs.copyFile(file, named);
  let out = '';
  const sink = { write: (s: string) => ((out += s), true) } as unknown as NodeJS.WritableStream;
  const code = await checkFecCommand([named], { stdout: sink, stderr: sink } as never);
  if (code !== 0) console.error(out);
  return code;
}

/** "piece account:auxiliary code" of the lettered lines (EcritureLet, column 14), sorted (FEC orders entries by date). */
const lettered = (records: string[][]): string[] =>
  records
    .filter((r) => r[13])
    .map((r) => `${r[8]} ${r[4]}:${r[6]} ${r[13]}`)
    .sort();

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-lettering-runs-'));
});

afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('lettering codes across runs and restarts', () => {
  it('continue per customer account from run to run, after a restart, per profile, and after a reset', async () => {
    const shopA = profileNamed('shop-a');
    const shopB = profileNamed('shop-b');
    let app = await start([shopA, shopB]);

    // First run: the sale of customer 39 and its payment (the card payment assumed) lettered AA.
    expect(lettered(await runOrders(app, shopA, [{ key: '101' }]))).toEqual([
      '101 411000:WEB00039 AA',
      '101 411000:WEB00039 AA',
    ]);
    // Second run, same customer: AB; another customer starts at AA.
    expect(lettered(await runOrders(app, shopA, [{ key: '102' }, { key: '103', customer: '40' }]))).toEqual([
      '102 411000:WEB00039 AB',
      '102 411000:WEB00039 AB',
      '103 411000:WEB00040 AA',
      '103 411000:WEB00040 AA',
    ]);

    // Restart: a new store and pipeline on the same data folder continue from the kept codes.
    await stop(app);
    app = await start([shopA, shopB]);
    expect(lettered(await runOrders(app, shopA, [{ key: '104' }, { key: '105', customer: '40' }]))).toEqual([
      '104 411000:WEB00039 AC',
      '104 411000:WEB00039 AC',
      '105 411000:WEB00040 AB',
      '105 411000:WEB00040 AB',
    ]);

    // Another profile on the same data folder counts on its own.
    expect(lettered(await runOrders(app, shopB, [{ key: '101' }]))).toEqual([
      '101 411000:WEB00039 AA',
      '101 411000:WEB00039 AA',
    ]);

    // A reset of transferred documents books 101 again, with a new code: AA stays 101's first booking.
    const ledger = await app.pipeline.ledger(shopA.id);
    await ledger.reset('ALL');
    expect(lettered(await runOrders(app, shopA, [{ key: '101' }]))).toEqual([
      '101 411000:WEB00039 AD',
      '101 411000:WEB00039 AD',
    ]);
    await stop(app);

    // What the store keeps: per profile, the codes each run gave (only the accounts it moved on).
    const kept = await readAll<{ run: number; codes: Record<string, string> }>(
      letteringFile(dataLayout(root).letteringDir, shopA.id),
    );
    expect(kept.map((r) => r.codes)).toEqual([
      { WEB00039: 'AA' },
      { WEB00039: 'AB', WEB00040: 'AA' },
      { WEB00039: 'AC', WEB00040: 'AB' },
      { WEB00039: 'AD' },
    ]);
  });

  it('`comptoir run` continues the codes kept in its --data folder', async () => {
    const inbox = path.join(root, 'cli', 'inbox');
    const out = path.join(root, 'cli', 'out');
    const data = path.join(root, 'cli', 'data');
    await fs.mkdir(inbox, { recursive: true });
    const profileFile = path.join(root, 'cli', 'profile.json');
    await fs.writeFile(
      profileFile,
      JSON.stringify({ id: 'cli-shop', name: 'CLI', source: { type: 'dropfolder', path: inbox } }),
    );
    let stdout = '';
    const sink = (write: (s: string) => void) => ({ write: (s: string) => (write(s), true) }) as never;
    const io = {
      stdin: process.stdin,
      stdout: sink((s) => (stdout += s)),
      stderr: sink(() => undefined),
      env: { COMPTOIR_TZ: 'Europe/Paris' },
    };
    const codes: string[][] = [];
    for (const key of ['401', '402']) {
      await fs.writeFile(path.join(inbox, `${key}.xml`), ordersFile([{ key }]));
      stdout = '';
      expect(await runCommand([profileFile, '--out', out, '--data', data, '--json'], io)).toBe(0);
      const [file] = (JSON.parse(stdout) as { files: string[] }).files;
      const text = await fs.readFile(file!, 'utf8');
      codes.push(
        lettered(
          text
            .split('\r\n')
            .slice(1)
            .map((l) => l.split('\t')),
        ),
      );
    }
    expect(codes).toEqual([
      ['401 411000:WEB00039 AA', '401 411000:WEB00039 AA'],
      ['402 411000:WEB00039 AB', '402 411000:WEB00039 AB'],
    ]);
  });

  it('a crash after publishing, before the commit, does not give the published codes again', async () => {
    const shopC = profileNamed('shop-c');
    let app = await start([shopC]);
    expect(lettered(await runOrders(app, shopC, [{ key: '301' }]))).toEqual([
      '301 411000:WEB00039 AA',
      '301 411000:WEB00039 AA',
    ]);
    await stop(app);
    // The crash: the ledger's last record (the commit) never reached the disk.
    const ledgerPath = path.join(dataLayout(root).ledgerDir, `${shopC.id}.jsonl`);
    const records = (await fs.readFile(ledgerPath, 'utf8')).trimEnd().split('\n');
    expect(JSON.parse(records.at(-1)!)).toMatchObject({ t: 'commit' });
    await fs.writeFile(ledgerPath, `${records.slice(0, -1).join('\n')}\n`);

    app = await start([shopC]); // recovery rolls the intent forward and commits it
    expect(lettered(await runOrders(app, shopC, [{ key: '301' }, { key: '302' }]))).toEqual([
      '302 411000:WEB00039 AB',
      '302 411000:WEB00039 AB',
    ]);
    await stop(app);
  });
});
