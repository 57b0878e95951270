// Kill -9 loop: the appliance (the built CLI, as in production) is started on one data
// folder, order files are dropped, and it is killed with SIGKILL at a random moment —
// while starting, recovering, converting, publishing or idle — then started again, 200
// times. After each kill every store file is valid and only grew (harness.checkStore);
// at the end, after a clean start that empties the inbox, every order is booked exactly
// once in the outbox's FEC files and in the ledger. The seed is printed: FAULT_SEED=<n>
// replays the same drops and kill moments.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ordersFile } from '../helpers/orders.js';
import { sleep } from '../helpers/wait.js';
import {
  campaignSeed,
  checkStore,
  kill9,
  ledgerBookings,
  listFiles,
  outboxBookings,
  seededRandom,
  spawnAppliance,
  stop,
  waitIdle,
} from './harness.js';

const ITERATIONS = Number(process.env.FAULT_KILL9_ITERATIONS ?? 200);
/** Kill moments after the spawn: from 30 ms to this long after the first start took to listen. */
const KILL_AFTER_LISTEN_MS = 900;

let root = '';
beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-kill9-'));
});
afterAll(async () => {
  if (root) await fs.rm(root, { recursive: true, force: true });
});

describe('kill -9 loop', () => {
  it(`books every dropped document exactly once across ${ITERATIONS} SIGKILLs`, async () => {
    const random = seededRandom(campaignSeed('kill9'));
    const inbox = path.join(root, 'inbox');
    const env = {
      COMPTOIR_DATA_DIR: root,
      COMPTOIR_STABILITY_MS: '40',
      COMPTOIR_RESCAN_MS: '1000',
    };
    const expected = new Set<string>();
    let fileNo = 0;
    const drop = async (): Promise<void> => {
      fileNo++;
      const count = 1 + Math.floor(random() * 3);
      const orders = Array.from({ length: count }, (_, i) => ({
        key: `K${fileNo}x${i}`,
        priceCents: 1000 + fileNo,
      }));
      for (const order of orders) expected.add(order.key);
      const name = `orders-${fileNo}.xml`;
      // Half written in place, half renamed in whole (as most exports do).
      if (random() < 0.5) {
        await fs.writeFile(path.join(inbox, name), ordersFile(orders));
      } else {
        await fs.writeFile(path.join(inbox, `.${name}.part`), ordersFile(orders));
        await fs.rename(path.join(inbox, `.${name}.part`), path.join(inbox, name));
      }
    };

    // A first clean start makes the default profile and the folders.
    const startedAt = Date.now();
    const first = spawnAppliance(env);
    await first.url();
    const startMs = Date.now() - startedAt;
    expect(await stop(first)).toBe(0);
    const killMax = startMs + KILL_AFTER_LISTEN_MS;
    const loopStart = Date.now();

    const snapshots = new Map<string, string>();
    const kills = { starting: 0, listening: 0 };
    for (let i = 0; i < ITERATIONS; i++) {
      if (random() < 0.6) await drop();
      const app = spawnAppliance(env);
      const killAt = 30 + random() * (killMax - 30);
      // Sometimes a file arrives while it runs, too.
      if (random() < 0.3) {
        await sleep(killAt / 2);
        await drop();
        await sleep(killAt / 2);
      } else {
        await sleep(killAt);
      }
      if (/listening on/.test(app.output())) kills.listening++;
      else kills.starting++;
      await kill9(app);
      expect(app.output(), `iteration ${i}: the appliance failed on its own`).not.toMatch(
        /Comptoir cannot start|Error:/,
      );
      const problems = await checkStore(root, snapshots);
      expect(problems, `iteration ${i} (kill at ${Math.round(killAt)} ms)`).toEqual([]);
    }
    process.stdout.write(
      `[kill9] start ${startMs} ms; ${ITERATIONS} kills in ${Math.round((Date.now() - loopStart) / 1000)} s: ` +
        `${kills.starting} while starting, ${kills.listening} while serving; ${fileNo} files, ${expected.size} orders\n`,
    );
    const finalStart = Date.now();

    // The last start, left to finish everything.
    const last = spawnAppliance(env);
    const url = await last.url();
    await waitIdle(url, inbox, 240_000);
    expect(await stop(last)).toBe(0);
    process.stdout.write(`[kill9] final start to idle: ${Math.round((Date.now() - finalStart) / 1000)} s\n`);
    expect(await checkStore(root, snapshots)).toEqual([]);

    const outbox = await outboxBookings(path.join(root, 'outbox'));
    const ledger = await ledgerBookings(path.join(root, 'ledger', 'default.jsonl'));
    const wrong: string[] = [];
    for (const key of expected) {
      if (outbox.get(key) !== 1) wrong.push(`${key}: ${outbox.get(key) ?? 0} times in the outbox`);
      if (ledger.get(key) !== 1) wrong.push(`${key}: ${ledger.get(key) ?? 0} times in the ledger`);
    }
    for (const key of outbox.keys())
      if (!expected.has(key)) wrong.push(`${key}: in the outbox, never dropped`);
    expect(wrong).toEqual([]);
    // Every file ended in archive/ or, when a kill came between its commit and its move,
    // in failed/ as a duplicate of itself — never anywhere else, never lost.
    expect(await listFiles(inbox, (n) => n.endsWith('.xml'))).toEqual([]);
    const failed = await listFiles(path.join(inbox, 'failed'), (n) => n.endsWith('.xml'));
    for (const name of failed) {
      const reason = await fs.readFile(path.join(inbox, 'failed', `${name}.error.txt`), 'utf8');
      expect(reason, name).toMatch(/imported before/);
    }
  });
});
