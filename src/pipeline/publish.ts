// Publishing outbox files under their final names, and finishing interrupted publishes.
// A final name is chosen (free) and recorded in the ledger's intent before the file
// gets it, so a crash at any point can be rolled forward without writing a file twice.
import fs from 'node:fs/promises';
import path from 'node:path';
import type { PublishStep } from '../store/ledger.js';

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}

/** `base.ext`, else `base-2.ext`, `base-3.ext`…: two runs never overwrite each other's file. */
export async function chooseFreeName(dir: string, base: string, extension: string, taken = new Set<string>()) {
  const ext = extension ? `.${extension}` : '';
  for (let n = 1; ; n++) {
    const candidate = path.join(dir, n === 1 ? `${base}${ext}` : `${base}-${n}${ext}`);
    if (!taken.has(candidate) && !(await exists(candidate))) return candidate;
  }
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } catch {
    // Some filesystems (network shares) refuse to fsync a directory; the rename is still atomic.
  } finally {
    await handle.close();
  }
}

/**
 * Gives a temporary file its final name. link() never replaces an existing file, so an
 * existing final name fails loudly instead of being overwritten; filesystems without hard
 * links get a rename after the existence check.
 */
export async function publishTo(step: PublishStep): Promise<void> {
  try {
    await fs.link(step.tmpPath, step.finalPath);
    await fs.unlink(step.tmpPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw error;
    if (await exists(step.finalPath)) throw new Error(`${step.finalPath} already exists; not overwritten`);
    await fs.rename(step.tmpPath, step.finalPath);
  }
  await syncDir(path.dirname(step.finalPath));
}

/**
 * Finishes a publish that a crash interrupted. Final name present → done (remove a
 * leftover temporary); only the temporary → publish it; neither → the file was
 * published and already taken away by its reader.
 */
export async function rollForward(step: PublishStep): Promise<'published' | 'already'> {
  const [hasFinal, hasTmp] = await Promise.all([exists(step.finalPath), exists(step.tmpPath)]);
  if (hasTmp && !hasFinal) {
    await publishTo(step);
    return 'published';
  }
  if (hasTmp) await fs.unlink(step.tmpPath);
  return 'already';
}

/** Keeps a run's copy of a file: a hard link when the folders share a filesystem, else a copy. */
export async function keepCopy(source: string, target: string): Promise<void> {
  await fs.mkdir(path.dirname(target), { recursive: true });
  try {
    await fs.link(source, target);
  } catch {
    await fs.copyFile(source, target);
  }
}
