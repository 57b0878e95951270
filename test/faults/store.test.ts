// The store's single writer and its crash-safe files: a second appliance on the same data
// folder refuses to start and names the first; a lock left by a killed appliance is taken
// over; a record appended after a torn last line (a crash mid-append) is not lost; and
// whole-file rewrites leave the old or the new version.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/domain/errors.js';
import { lockDataFolder, LOCK_NAME } from '../../src/store/data-lock.js';
import { DurableJSONFile } from '../../src/store/durable-file.js';
import { appendLines, readAll } from '../../src/store/jsonl.js';
import { Ledger } from '../../src/store/ledger.js';
import { kill9, spawnAppliance, stop } from './harness.js';

const roots: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-store-'));
  roots.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(roots.map((r) => fs.rm(r, { recursive: true, force: true })));
});

describe('one writer per data folder', () => {
  it('refuses a second appliance on the same folder, and takes over the lock a kill -9 left', async () => {
    const root = await tempDir();
    const env = { COMPTOIR_DATA_DIR: root };
    const first = spawnAppliance(env);
    await first.url();
    const second = spawnAppliance(env);
    expect(await second.exited).toBe(2);
    expect(second.output()).toContain(`in use by another Comptoir (process ${first.child.pid}`);
    expect(second.output()).toContain('COMPTOIR_DATA_DIR');

    await kill9(first);
    const lock = JSON.parse(await fs.readFile(path.join(root, LOCK_NAME), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(first.child.pid); // left behind by the kill
    const third = spawnAppliance(env);
    await third.url();
    const code = await stop(third);
    expect(code, `${third.child.signalCode} ${third.output()}`).toBe(0);
    await expect(fs.access(path.join(root, LOCK_NAME))).rejects.toThrow(); // released on a clean stop
  });

  it('refuses a second start in the same process, and a lock file whose owner is gone or garbled is stale', async () => {
    const root = await tempDir();
    const lock = await lockDataFolder(root);
    await expect(lockDataFolder(root)).rejects.toBeInstanceOf(ConfigError);
    await lock.release();
    // A pid that cannot run (above pid_max), then a torn lock file.
    await fs.writeFile(path.join(root, LOCK_NAME), JSON.stringify({ pid: 2 ** 30, since: 'then' }));
    await (await lockDataFolder(root)).release();
    await fs.writeFile(path.join(root, LOCK_NAME), '{"pid":');
    await (await lockDataFolder(root)).release();
  });
});

describe('crash-safe files', () => {
  it('keeps the record appended after a torn last line', async () => {
    const file = path.join(await tempDir(), 'ledger', 'p.jsonl');
    const ledger = await Ledger.open(file);
    await ledger.intent(1, ['s/order/1'], [], { sha256: 'aa', name: 'a.xml' });
    // A crash in the middle of the commit's append leaves half a line, without its break.
    await fs.appendFile(file, '{"t":"commit","ru');
    // After the restart: the intent is pending; recovery commits it.
    const reopened = await Ledger.open(file);
    expect(reopened.pending().map((p) => p.run)).toEqual([1]);
    await reopened.commit(1);
    const again = await Ledger.open(file);
    expect(again.has('s/order/1')).toBe(true);
    expect(again.importedSource('aa')).toEqual({ sha256: 'aa', name: 'a.xml', run: 1 });
    expect((await readAll<{ t: string }>(file)).map((r) => r.t)).toEqual(['intent', 'commit']);
  });

  it('a dropped file counts as imported only once its run commits', async () => {
    const file = path.join(await tempDir(), 'p.jsonl');
    const ledger = await Ledger.open(file);
    await ledger.intent(7, ['s/order/7'], [], { sha256: 'bb', name: 'b.xml' });
    expect((await Ledger.open(file)).importedSource('bb')).toBeUndefined();
    await ledger.commit(7);
    expect((await Ledger.open(file)).importedSource('bb')?.run).toBe(7);
    await ledger.reset(['s/order/7']);
    expect((await Ledger.open(file)).importedSource('bb')).toBeUndefined();
  });

  it('rewrites a JSON file as a whole, in call order, leaving no temporary file', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'settings.json');
    const adapter = new DurableJSONFile<{ n: number }>(file);
    expect(await adapter.read()).toBeNull();
    await Promise.all(Array.from({ length: 20 }, (_, n) => adapter.write({ n })));
    expect(await adapter.read()).toEqual({ n: 19 });
    expect(await fs.readdir(dir)).toEqual(['settings.json']);
    await appendLines(path.join(dir, 'new', 'x.jsonl'), [{ a: 1 }]);
    expect(await readAll(path.join(dir, 'new', 'x.jsonl'))).toEqual([{ a: 1 }]);
  });
});
