import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecretKey } from './secret-key.js';

let dir = '';
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-secret-key-'));
});
afterEach(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

describe('secret key file', () => {
  it('is made once, mode 600, and read back the same at the next start', async () => {
    const file = path.join(dir, 'data', 'secret.key');
    const key = await loadOrCreateSecretKey(file);
    expect(key).toHaveLength(32);
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect((await fs.readFile(file, 'utf8')).trim()).toBe(key.toString('base64'));
    expect(await loadOrCreateSecretKey(file)).toEqual(key);
    expect(await fs.readdir(path.dirname(file))).toEqual(['secret.key']);
  });

  it('ends with one key when many first starts race, each of them given that key', async () => {
    for (let round = 0; round < 5; round++) {
      const file = path.join(dir, `race-${round}`, 'secret.key');
      const keys = await Promise.all(Array.from({ length: 16 }, () => loadOrCreateSecretKey(file)));
      const onDisk = Buffer.from((await fs.readFile(file, 'utf8')).trim(), 'base64');
      for (const key of keys) expect(key).toEqual(onDisk);
      // No temporary file left behind by the losers.
      expect(await fs.readdir(path.dirname(file))).toEqual(['secret.key']);
    }
  });

  it('never replaces a key file it cannot read as a key', async () => {
    const file = path.join(dir, 'secret.key');
    await fs.writeFile(file, 'c2hvcnQ=\n');
    await expect(loadOrCreateSecretKey(file)).rejects.toThrow(/does not hold a 32-byte key/);
    expect(await fs.readFile(file, 'utf8')).toBe('c2hvcnQ=\n');
  });
});
