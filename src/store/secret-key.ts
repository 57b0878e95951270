// The appliance's own secret (32 random bytes in data/secret.key, mode 600): signs
// session cookies and encrypts stored shop keys and passwords (secret-box.ts).
// Made once, at first start, so that it survives a power cut whole and is never replaced:
// a temporary file is written and fsynced, then linked under the final name (link, unlike
// rename, fails when the name exists: two first starts at once end with one key, the
// first one linked), then the folder is fsynced. The final name never shows a partial key.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { syncFolder } from './durable-file.js';

const KEY_BYTES = 32;

/** The key in the file; undefined when there is no file yet. */
async function readKey(file: string): Promise<Buffer | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length === KEY_BYTES) return key;
  throw new Error(`${file} does not hold a 32-byte key; move it aside to have a new one made`);
}

/** What link() answers on file systems without hard links (some network shares and bind mounts). */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS']);

/**
 * Without hard links: an exclusive create (still never replaces a key), then fsync. A
 * crash in between can leave a short file; the next start then refuses with a clear message.
 */
async function copyExclusive(tmp: string, file: string): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(await fs.readFile(tmp));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
}

/** Writes the key under its final name unless one is there already; false when one was. */
async function createKeyFile(file: string, key: Buffer): Promise<boolean> {
  const dir = path.dirname(file);
  // Unique per call: two first starts never share (or remove) each other's temporary file.
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await fs.open(tmp, 'wx', 0o600);
  try {
    await handle.writeFile(`${key.toString('base64')}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.link(tmp, file);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') return false;
    if (!NO_HARD_LINKS.has(code)) throw error;
    return copyExclusive(tmp, file);
  } finally {
    await fs.rm(tmp, { force: true });
    // Both the new name and the removed temporary one reach the disk.
    await syncFolder(dir);
  }
}

export async function loadOrCreateSecretKey(file: string): Promise<Buffer> {
  const existing = await readKey(file);
  if (existing) return existing;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const key = randomBytes(KEY_BYTES);
  if (await createKeyFile(file, key)) return key;
  // Another start made it between our read and our link: its key is the key.
  const theirs = await readKey(file);
  if (!theirs) throw new Error(`${file} vanished while it was being made`);
  return theirs;
}
