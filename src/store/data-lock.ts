// One appliance per data folder: the store has a single writer (STYLE.md, "Jobs and store"),
// and two appliances on the same folder would book the same dropped file twice. The lock is
// data/comptoir.lock, created exclusively, holding the owner's pid and its start time. A
// lock left by a process that died (kill -9, power cut) is stale and taken over: its pid
// no longer runs, or now belongs to another process (another start time: pids are reused,
// and in a container the appliance is often pid 1 at every start).
import { readFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../domain/errors.js';
import { syncFolder } from './durable-file.js';

export const LOCK_NAME = 'comptoir.lock';

interface LockContent {
  pid: number;
  /** /proc/<pid>/stat's start time (clock ticks since boot); absent off Linux. */
  startTime?: string;
  since: string;
}

/** Locks held by this process: a second start on the same folder in one process is refused too. */
const held = new Set<string>();

/** Field 22 of /proc/<pid>/stat, and whether the process is a zombie (dead, not yet reaped). */
function procStat(pid: number): { startTime: string; zombie: boolean } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { startTime: fields[19] ?? '', zombie: fields[0] === 'Z' };
  } catch {
    return undefined;
  }
}

function isRunning(owner: LockContent): boolean {
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return false;
  if (owner.pid === process.pid) return false; // an earlier life of this pid (not in `held`)
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = procStat(owner.pid);
  if (!stat) return true; // not Linux: the pid runs, assume it is the owner
  if (stat.zombie) return false;
  return owner.startTime === undefined || owner.startTime === stat.startTime;
}

async function readOwner(file: string): Promise<LockContent | undefined> {
  try {
    return JSON.parse(await fs.readFile(file, 'utf8')) as LockContent;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Torn or empty (the owner died while writing it): nobody holds it.
    return { pid: -1, since: '' };
  }
}

export interface DataLock {
  readonly file: string;
  release(): Promise<void>;
}

/**
 * Takes the data folder's lock, or throws ConfigError naming the process that holds it.
 * Released by release() (the appliance's close); a crash leaves a stale lock, taken over
 * at the next start.
 */
export async function lockDataFolder(dataDir: string): Promise<DataLock> {
  const file = path.join(path.resolve(dataDir), LOCK_NAME);
  if (held.has(file)) throw busy(dataDir, { pid: process.pid, since: '' });
  await fs.mkdir(path.dirname(file), { recursive: true });
  const mine: LockContent = {
    pid: process.pid,
    startTime: procStat(process.pid)?.startTime,
    since: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const handle = await fs.open(file, 'wx', 0o644);
      try {
        await handle.writeFile(`${JSON.stringify(mine)}\n`);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await syncFolder(path.dirname(file));
      held.add(file);
      return { file, release: () => release(file) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(file);
    if (owner && isRunning(owner)) throw busy(dataDir, owner);
    // Stale. Renamed away, then checked: if another start took the stale lock over in
    // between, what was renamed is its fresh lock, which is put back (link: never over a lock).
    const aside = `${file}.stale-${process.pid}`;
    try {
      await fs.rename(file, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      continue;
    }
    const moved = await readOwner(aside);
    if (moved && owner && moved.pid !== owner.pid && isRunning(moved)) {
      await fs.link(aside, file).catch(() => undefined);
    }
    await fs.rm(aside, { force: true });
  }
  throw new ConfigError([
    `Could not take the lock ${file}: it keeps changing. Is another Comptoir starting?`,
  ]);
}

async function release(file: string): Promise<void> {
  if (!held.delete(file)) return;
  const owner = await readOwner(file);
  if (owner?.pid === process.pid) await fs.rm(file, { force: true });
}

function busy(dataDir: string, owner: LockContent): ConfigError {
  return new ConfigError([
    `The data folder ${dataDir} is in use by another Comptoir (process ${owner.pid}` +
      `${owner.since ? `, since ${owner.since}` : ''}). Only one appliance may use a data folder: ` +
      `stop the other one, or give this one another COMPTOIR_DATA_DIR. If no other Comptoir runs, ` +
      `remove ${path.join(dataDir, LOCK_NAME)}.`,
  ]);
}
