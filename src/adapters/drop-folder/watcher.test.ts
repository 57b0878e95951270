import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sleep, waitFor } from '../../../test/helpers/wait.js';
import { DropFolderWatcher, isIgnoredName } from './watcher.js';

let dir: string;
let watcher: DropFolderWatcher | undefined;

beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-watch-'));
});
afterEach(async () => {
  await watcher?.close();
  watcher = undefined;
  await fs.rm(dir, { recursive: true, force: true });
});

/** Starts a watcher that records what it hands over and moves each file away, as the pipeline does. */
async function watch(polling: boolean, stabilityMs = 300): Promise<string[]> {
  const seen: string[] = [];
  watcher = new DropFolderWatcher({
    dir,
    stabilityMs,
    polling,
    rescanMs: 1000,
    onFile: async (file) => {
      seen.push(path.basename(file));
      await fs.mkdir(path.join(dir, 'archive'), { recursive: true });
      await fs.rename(file, path.join(dir, 'archive', path.basename(file)));
    },
  });
  await watcher.start();
  return seen;
}

describe('isIgnoredName', () => {
  it('ignores OS litter, partial downloads, dot-files and our own folders', () => {
    for (const name of [
      '.DS_Store',
      'Thumbs.db',
      '@eaDir',
      '.hidden.xml',
      'a.tmp',
      'b.part',
      'c.XML.crdownload',
      'archive',
      'failed',
      '~$lock.xml',
    ]) {
      expect(isIgnoredName(name), name).toBe(true);
    }
    for (const name of ['orders.xml', 'Commandes 2024.XML', 'export'])
      expect(isIgnoredName(name), name).toBe(false);
  });
});

describe.each([false, true])('DropFolderWatcher (polling %s)', (polling) => {
  it('hands over a file only once its size and mtime have been stable, and only once', async () => {
    await fs.writeFile(path.join(dir, 'present.xml'), '<orders/>');
    const seen = await watch(polling, 500);
    const handle = await fs.open(path.join(dir, 'growing.xml'), 'w');
    for (let i = 0; i < 6; i++) {
      await handle.write('<!-- chunk -->\n');
      await sleep(150);
      expect(seen).not.toContain('growing.xml');
    }
    await handle.close();
    await waitFor(() => seen.includes('growing.xml') && seen.includes('present.xml'), 10_000, 'both files');
    await fs.writeFile(path.join(dir, 'litter.tmp'), 'x');
    await fs.writeFile(path.join(dir, '.DS_Store'), 'x');
    await sleep(1500); // past a rescan
    expect(seen.sort()).toEqual(['growing.xml', 'present.xml']);
  });
});
