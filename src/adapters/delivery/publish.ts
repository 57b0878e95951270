// Giving outbox files their final names: atomically, never over an existing file, and in
// a way a crash can finish. link() fails with EEXIST instead of replacing; filesystems
// without hard links (some SMB/NFS shares, FAT) get an existence check, then rename().
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import { DeliveryError } from '../../domain/errors.js';

/** A temporary file and the final name it is to get (the ledger records both beforehand). */
export interface PublishStep {
  tmpPath: string;
  finalPath: string;
  /** What the file holds, for the deliveries a recovery queues (absent from older intents). */
  kind?: 'entries' | 'customers';
}

const NO_LINK = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS', 'EMLINK']);
const NO_DIR_SYNC = new Set(['EISDIR', 'EINVAL', 'EPERM', 'ENOTSUP', 'EBADF']);
const MAX_ATTEMPTS = 10_000;

const codeOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException).code;

async function exists(file: string): Promise<boolean> {
  try {
    await fs.lstat(file);
    return true;
  } catch (error) {
    if (codeOf(error) === 'ENOENT') return false;
    throw error;
  }
}

/** Makes a rename or link durable; some file systems cannot fsync a directory, which is not an error. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch (error) {
    if (!NO_DIR_SYNC.has(codeOf(error) ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

function candidate(dir: string, base: string, extension: string, attempt: number): string {
  const ext = extension ? `.${extension}` : '';
  return path.join(dir, attempt === 1 ? `${base}${ext}` : `${base}-${attempt}${ext}`);
}

function checkBaseName(base: string): void {
  if (!base || /[/\\]/.test(base)) throw new DeliveryError(`"${base}" is not a valid file name`, false);
}

/** `base.ext`, else `base-2.ext`, `base-3.ext`…: the first name neither on disk nor in `taken`. */
export async function chooseFreeName(
  dir: string,
  base: string,
  extension: string,
  taken: ReadonlySet<string> = new Set(),
): Promise<string> {
  checkBaseName(base);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const file = candidate(path.resolve(dir), base, extension, attempt);
    if (!taken.has(file) && !(await exists(file))) return file;
  }
  throw new DeliveryError(`no free name for ${base} in ${dir} after ${MAX_ATTEMPTS} attempts`, false);
}

/** Gives the temporary file its final name; throws EEXIST rather than replace a file. */
export async function publishTo(step: PublishStep): Promise<void> {
  try {
    await fs.link(step.tmpPath, step.finalPath);
    await fs.unlink(step.tmpPath);
  } catch (error) {
    if (!NO_LINK.has(codeOf(error) ?? '')) throw error;
    if (await exists(step.finalPath)) {
      throw Object.assign(new Error(`${step.finalPath} already exists`), { code: 'EEXIST' });
    }
    await fs.rename(step.tmpPath, step.finalPath);
  }
  await syncDirectory(path.dirname(step.finalPath));
}

/**
 * Publishes under `base.ext`, or `base-2.ext`, `-3`… when taken: two runs never overwrite
 * each other's file. Returns the final path.
 */
export async function publishFile(
  tmpPath: string,
  dir: string,
  base: string,
  extension: string,
): Promise<string> {
  checkBaseName(base);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const finalPath = candidate(path.resolve(dir), base, extension, attempt);
    try {
      await publishTo({ tmpPath, finalPath });
      return finalPath;
    } catch (error) {
      if (codeOf(error) !== 'EEXIST') throw error;
    }
  }
  throw new DeliveryError(`no free name for ${base} in ${dir} after ${MAX_ATTEMPTS} attempts`, false);
}

/**
 * Finishes a publish that a crash interrupted. Final name present → done (remove a
 * leftover temporary); only the temporary → publish it; neither → the file was published
 * and already taken away by its reader.
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
