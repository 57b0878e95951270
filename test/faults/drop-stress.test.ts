// Drop-folder stress: 1,000 files into a running appliance's inbox, once with inotify and
// once with polling (COMPTOIR_POLLING=1), the two appliances side by side. Among them: 50
// written slowly in 1 KB chunks (the stability check must wait for their end), 100 written
// under a temporary name then renamed in, and 25 pairs with the same content under two
// names (one is booked, the other set aside in failed/ with the reason naming the first).
// Every order is booked exactly once, in the outbox and in the ledger; no file is left.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ordersFile, type TestOrder } from '../helpers/orders.js';
import { sleep } from '../helpers/wait.js';
import {
  campaignSeed,
  ledgerBookings,
  listFiles,
  outboxBookings,
  seededRandom,
  spawnAppliance,
  stop,
  waitIdle,
} from './harness.js';

const FILES = Number(process.env.FAULT_DROP_FILES ?? 1000);
const SLOW = 50;
const RENAMED = 100;
const DUPLICATE_PAIRS = 25;
const CHUNK = 1024;
/** Between two chunks of a slow file; the stability delay is well above it. */
const CHUNK_PAUSE_MS = 60;
const STABILITY_MS = 600;

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => fs.rm(r, { recursive: true, force: true })));
});

interface Plan {
  name: string;
  orders: TestOrder[];
  kind: 'plain' | 'slow' | 'renamed' | 'duplicate';
  /** For a duplicate: the name of the file with the same content. */
  twinOf?: string;
}

function plan(mode: string, random: () => number): Plan[] {
  const files: Plan[] = [];
  const singles = FILES - DUPLICATE_PAIRS * 2;
  for (let i = 0; i < singles; i++) {
    const count = i < SLOW ? 6 : 1 + Math.floor(random() * 2); // slow ones span several KB
    const orders = Array.from({ length: count }, (_, j) => ({
      key: `${mode}-${i}-${j}`,
      priceCents: 500 + i,
    }));
    const kind = i < SLOW ? 'slow' : i < SLOW + RENAMED ? 'renamed' : 'plain';
    files.push({ name: `f${String(i).padStart(4, '0')}.xml`, orders, kind });
  }
  for (let p = 0; p < DUPLICATE_PAIRS; p++) {
    const orders = [{ key: `${mode}-dup${p}`, priceCents: 700 + p }];
    files.push({ name: `pair${p}-a.xml`, orders, kind: 'plain' });
    files.push({ name: `pair${p}-b.xml`, orders, kind: 'duplicate', twinOf: `pair${p}-a.xml` });
  }
  // Shuffled (seeded): kinds and twins arrive interleaved.
  for (let i = files.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [files[i], files[j]] = [files[j] as Plan, files[i] as Plan];
  }
  return files;
}

async function writeSlowly(file: string, content: Buffer): Promise<void> {
  const handle = await fs.open(file, 'w');
  try {
    for (let at = 0; at < content.length; at += CHUNK) {
      await handle.write(content.subarray(at, at + CHUNK));
      await sleep(CHUNK_PAUSE_MS);
    }
  } finally {
    await handle.close();
  }
}

async function dropAll(inbox: string, files: Plan[]): Promise<void> {
  const slow: Promise<void>[] = [];
  for (const file of files) {
    const content = Buffer.from(ordersFile(file.orders));
    const target = path.join(inbox, file.name);
    if (file.kind === 'slow') slow.push(writeSlowly(target, content));
    else if (file.kind === 'renamed') {
      const tmp = path.join(inbox, `${file.name}.tmp`);
      await fs.writeFile(tmp, content);
      await fs.rename(tmp, target);
    } else await fs.writeFile(target, content);
  }
  await Promise.all(slow);
}

async function stress(mode: 'inotify' | 'polling', seed: number): Promise<void> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), `comptoir-stress-${mode}-`));
  roots.push(root);
  const app = spawnAppliance({
    COMPTOIR_DATA_DIR: root,
    COMPTOIR_STABILITY_MS: String(STABILITY_MS),
    COMPTOIR_POLLING: mode === 'polling' ? '1' : '0',
    COMPTOIR_RESCAN_MS: '60000',
  });
  try {
    const url = await app.url();
    const inbox = path.join(root, 'inbox');
    const files = plan(mode, seededRandom(seed + (mode === 'polling' ? 1 : 0)));
    const started = Date.now();
    await dropAll(inbox, files);
    await waitIdle(url, inbox, 540_000);
    process.stdout.write(
      `[drop-stress] ${mode}: ${files.length} files in ${Math.round((Date.now() - started) / 1000)} s\n`,
    );
    expect(await stop(app)).toBe(0);

    const outbox = await outboxBookings(path.join(root, 'outbox'));
    const ledger = await ledgerBookings(path.join(root, 'ledger', 'default.jsonl'));
    const wrong: string[] = [];
    const expected = new Set(
      files.filter((f) => f.kind !== 'duplicate').flatMap((f) => f.orders.map((o) => o.key)),
    );
    for (const key of expected) {
      if (outbox.get(key) !== 1) wrong.push(`${key}: ${outbox.get(key) ?? 0} times in the outbox`);
      if (ledger.get(key) !== 1) wrong.push(`${key}: ${ledger.get(key) ?? 0} times in the ledger`);
    }
    expect(wrong.slice(0, 20), `${mode}: ${wrong.length} orders not booked exactly once`).toEqual([]);
    expect(outbox.size).toBe(expected.size);

    // Archived: every single file and one of each pair; set aside: the other, with its reason.
    const archive = path.join(inbox, 'archive');
    const archived = (
      await Promise.all((await listFiles(archive)).map((month) => listFiles(path.join(archive, month))))
    ).flat();
    const failedDir = path.join(inbox, 'failed');
    const failed = await listFiles(failedDir, (n) => n.endsWith('.xml'));
    expect(archived).toHaveLength(FILES - DUPLICATE_PAIRS);
    expect(failed).toHaveLength(DUPLICATE_PAIRS);
    for (let p = 0; p < DUPLICATE_PAIRS; p++) {
      const pair = [`pair${p}-a.xml`, `pair${p}-b.xml`];
      const aside = pair.filter((n) => failed.includes(n));
      expect(aside, `pair ${p}`).toHaveLength(1);
      const other = pair.find((n) => n !== aside[0]) ?? '';
      expect(archived).toContain(other);
      const reason = await fs.readFile(path.join(failedDir, `${aside[0]}.error.txt`), 'utf8');
      expect(reason).toMatch(new RegExp(`same content as ${other.replace('.', '\\.')} imported in run \\d+`));
    }
    expect(await listFiles(inbox, (n) => n.endsWith('.xml') || n.endsWith('.tmp'))).toEqual([]);
  } finally {
    if (app.child.exitCode === null) app.child.kill('SIGKILL');
  }
}

describe('drop-folder stress', () => {
  it(`books ${FILES} files (slow, renamed in, duplicates) exactly once, with inotify and with polling`, async () => {
    const seed = campaignSeed('drop-stress');
    // Side by side: each mode on its own data folder and appliance.
    await Promise.all([stress('inotify', seed), stress('polling', seed)]);
  });
});
