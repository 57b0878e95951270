// What the fault campaigns share: the built appliance (dist/cli.js serve) as a child
// process, a seeded random source printed so that a failing campaign can be replayed
// (FAULT_SEED=<n>), the store checks made after every kill, and what the outbox and the
// ledger say was booked.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { dataLayout } from '../../src/store/data-layout.js';
import type { DeliveryRecord } from '../../src/store/deliveries.js';
import { SettingsStore } from '../../src/store/settings.js';
import { waitFor } from '../helpers/wait.js';

export const CLI = path.resolve('dist/cli.js');

/** mulberry32: small, seeded, good enough to pick kill moments and file names. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FAULT_SEED from the environment, else a new one; printed either way. */
export function campaignSeed(name: string): number {
  const seed = process.env.FAULT_SEED ? Number(process.env.FAULT_SEED) : Math.floor(Math.random() * 2 ** 31);
  process.stdout.write(`[${name}] seed ${seed} (replay with FAULT_SEED=${seed})\n`);
  return seed;
}

export interface ApplianceProcess {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  /** Resolves with the address once the server listens. */
  url: (timeoutMs?: number) => Promise<string>;
}

export function spawnAppliance(env: Record<string, string>): ApplianceProcess {
  const child = spawn(process.execPath, [CLI, 'serve'], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      COMPTOIR_HOST: '127.0.0.1',
      COMPTOIR_PORT: '0',
      COMPTOIR_LOG: 'silent',
      COMPTOIR_TZ: 'Europe/Paris',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = async (timeoutMs = 30_000): Promise<string> => {
    let ended = false;
    void exited.then(() => (ended = true));
    return waitFor(
      () => {
        if (ended) throw new Error(`the appliance exited before listening:\n${output}`);
        return /listening on (http:\S+)/.exec(output)?.[1];
      },
      timeoutMs,
      'the appliance to listen',
    );
  };
  return { child, output: () => output, exited, url };
}

/** SIGKILL, and waits for the process to be reaped (a zombie would still hold its pid). */
export async function kill9(app: ApplianceProcess): Promise<void> {
  if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
  await app.exited;
}

export async function stop(app: ApplianceProcess): Promise<number | null> {
  app.child.kill('SIGTERM');
  return app.exited;
}

/** Peak resident memory of a process so far, in MB (VmHWM); undefined once it is gone. */
export function peakRssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmHWM:\s+(\d+) kB/.exec(status)?.[1];
    return kb ? Number(kb) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

export async function listFiles(
  dir: string,
  filter: (name: string) => boolean = () => true,
): Promise<string[]> {
  try {
    return (await fs.readdir(dir)).filter(filter).sort();
  } catch {
    return [];
  }
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(full)));
    else out.push(full);
  }
  return out;
}

/**
 * The store after a kill: every JSON document parses; every complete line of every JSONL
 * file parses (a torn last line, without its line break, is tolerated: readLines skips
 * it by design and appendLines starts the next record on a line of its own); and an
 * append-only file only grew: what it held at the previous check is still its beginning
 * (the old version, or the new one — never a rewrite).
 */
export async function checkStore(root: string, previous: Map<string, string>): Promise<string[]> {
  const problems: string[] = [];
  for (const file of await walk(root)) {
    const rel = path.relative(root, file);
    if (rel.startsWith('inbox') || rel.startsWith('outbox') || /\/(source|files)\//.test(rel)) continue;
    if (file.endsWith('.json')) {
      const text = await fs.readFile(file, 'utf8');
      try {
        JSON.parse(text);
      } catch (error) {
        problems.push(`${rel} does not parse: ${(error as Error).message}`);
      }
    } else if (file.endsWith('.jsonl')) {
      const text = await fs.readFile(file, 'utf8');
      const lines = text.split('\n');
      lines.pop(); // after the last line break: empty, or a torn line (tolerated)
      lines.forEach((line, index) => {
        if (line === '') return;
        try {
          JSON.parse(line);
        } catch {
          // A torn line followed by a line break: only the fragment a kill left, then later records.
          if (!isTornFragment(line))
            problems.push(`${rel} line ${index + 1} does not parse: ${line.slice(0, 80)}`);
        }
      });
      const before = previous.get(rel);
      if (before !== undefined && !text.startsWith(before))
        problems.push(`${rel} was rewritten, not appended to`);
      previous.set(rel, text.slice(0, text.lastIndexOf('\n') + 1));
    }
  }
  return problems;
}

/** A prefix of a JSON record cut by a kill (starts like one, never closes). */
function isTornFragment(line: string): boolean {
  return line.startsWith('{') && !line.endsWith('}');
}

/** Keys of the documents each committed run booked, from a ledger file (one list per run). */
export async function committedKeys(ledgerFile: string): Promise<string[][]> {
  const intents = new Map<number, string[]>();
  const committed: string[][] = [];
  const text = await fs.readFile(ledgerFile, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    let record: { t: string; run: number; keys?: string[] };
    try {
      record = JSON.parse(line) as typeof record;
    } catch {
      continue;
    }
    if (record.t === 'intent') intents.set(record.run, record.keys ?? []);
    if (record.t === 'commit') committed.push(intents.get(record.run) ?? []);
  }
  return committed;
}

/** How many times each order reference is booked in the FEC files of a folder (sales journal, customer line). */
export async function outboxBookings(outbox: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const name of await listFiles(outbox, (n) => n.endsWith('.txt') && !n.startsWith('.'))) {
    const text = await fs.readFile(path.join(outbox, name), 'utf8');
    for (const line of text.split(/\r?\n/).slice(1)) {
      const cells = line.split('\t');
      if (cells[0] !== 'VTE' || !cells[4]?.startsWith('411')) continue;
      const ref = cells[8] ?? '';
      counts.set(ref, (counts.get(ref) ?? 0) + 1);
    }
  }
  return counts;
}

/** Booked order keys from a ledger, with how many committed runs booked each. */
export async function ledgerBookings(ledgerFile: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const keys of await committedKeys(ledgerFile)) {
    for (const key of keys) {
      const order = key.split('/order/')[1] ?? key;
      counts.set(order, (counts.get(order) ?? 0) + 1);
    }
  }
  return counts;
}

/** Waits until no order file is left in the inbox and every run has ended. */
export async function waitIdle(url: string, inbox: string, timeoutMs: number): Promise<void> {
  await waitFor(
    async () => {
      const left = await listFiles(inbox, (n) => n.endsWith('.xml'));
      if (left.length > 0) return false;
      const health = await fetch(`${url}/healthz`).catch(() => undefined);
      return health?.ok === true;
    },
    timeoutMs,
    'the inbox to empty',
  );
}

/**
 * Writes settings into a data folder before the appliance starts, as the web UI would have
 * (secrets sealed with `secretKey`, which the appliance then gets in COMPTOIR_SECRET_KEY).
 */
export async function seedSettings(
  root: string,
  secretKey: Buffer,
  edit: (settings: SettingsStore) => Promise<void>,
): Promise<void> {
  await fs.mkdir(root, { recursive: true });
  await edit(await SettingsStore.open(dataLayout(root).settingsFile, secretKey));
}

/** The delivery queue as the appliance last wrote it (data/deliveries.jsonl: the last record of an id wins). */
export async function deliveryRecords(root: string): Promise<DeliveryRecord[]> {
  const byId = new Map<number, DeliveryRecord>();
  const text = await fs.readFile(dataLayout(root).deliveriesFile, 'utf8').catch(() => '');
  for (const line of text.split('\n')) {
    try {
      const record = JSON.parse(line) as DeliveryRecord;
      byId.set(record.id, record);
    } catch {
      continue; // the empty end, or a line torn by a kill
    }
  }
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/**
 * A destination folder against the outbox: every outbox file there once under its own
 * name, byte for byte, and nothing else (no temporary upload left, no partial file).
 */
export async function deliveredProblems(outbox: string, destination: string): Promise<string[]> {
  const problems: string[] = [];
  const published = await listFiles(outbox, (n) => !n.startsWith('.'));
  const delivered = await listFiles(destination);
  for (const name of published) {
    if (!delivered.includes(name)) {
      problems.push(`${name}: not at the destination`);
      continue;
    }
    const [sent, kept] = await Promise.all([
      fs.readFile(path.join(destination, name)),
      fs.readFile(path.join(outbox, name)),
    ]);
    if (!sent.equals(kept))
      problems.push(`${name}: ${sent.length} bytes delivered, ${kept.length} in the outbox`);
  }
  for (const name of delivered)
    if (!published.includes(name)) problems.push(`${name}: at the destination, not in the outbox`);
  return problems;
}
