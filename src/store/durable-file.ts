// Writes that survive a crash or a power cut: a whole-file rewrite goes to a temporary
// file that is fsynced, renamed over the old one, then the folder is fsynced, so the file
// on disk is always the old version or the new one, never a mix or an empty file.
// lowdb's JSONFile (steno) renames without any fsync: after a power cut the new name can
// point at a file whose content never reached the disk. DurableJSONFile replaces it.
import { constants, promises as fs } from 'node:fs';
import path from 'node:path';
import type { Adapter } from 'lowdb';

/** Folders some file systems cannot open or fsync (not an error: nothing more can be done there). */
const NO_DIR_SYNC = new Set(['EISDIR', 'EINVAL', 'EPERM', 'ENOTSUP', 'EBADF', 'EACCES']);

/** Makes a new name (create, rename, link) in `dir` durable. */
export async function syncFolder(dir: string): Promise<void> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(dir, constants.O_RDONLY);
    await handle.sync();
  } catch (error) {
    if (!NO_DIR_SYNC.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

/** Replaces `file` by `text`: temporary file, fsync, rename, folder fsync. */
export async function writeFileDurably(file: string, text: string): Promise<void> {
  const dir = path.dirname(file);
  await fs.mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  const handle = await fs.open(tmp, 'w');
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(tmp, file);
  } catch (error) {
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await syncFolder(dir);
}

/** A lowdb adapter like JSONFile, with durable writes, one at a time, in call order. */
export class DurableJSONFile<T> implements Adapter<T> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly file: string) {}

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    return JSON.parse(text) as T;
  }

  write(data: T): Promise<void> {
    // Serialised here, at call time: a later write always lands after an earlier one.
    const text = JSON.stringify(data, null, 2);
    const next = this.queue.catch(() => undefined).then(() => writeFileDurably(this.file, text));
    this.queue = next;
    return next;
  }
}
