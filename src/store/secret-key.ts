// The appliance's own secret (32 random bytes in data/secret.key, mode 600): signs
// session cookies and, later, encrypts stored shop keys and passwords.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

export async function loadOrCreateSecretKey(file: string): Promise<Buffer> {
  try {
    const key = Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64');
    if (key.length === 32) return key;
    throw new Error(`${file} does not hold a 32-byte key; move it aside to have a new one made`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.mkdir(path.dirname(file), { recursive: true });
  const key = randomBytes(32);
  // 'wx': never replace a key another process wrote meanwhile.
  await fs.writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
