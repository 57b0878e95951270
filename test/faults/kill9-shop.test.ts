// Kill -9 loop with shop imports and delivery: the built appliance (dist/cli.js serve) runs a
// WooCommerce profile that delivers to an FTP server (ftp-srv, test/servers/ftp.ts). At each
// iteration new orders may appear in the shop (the simulator's generate()), the appliance
// is started, an import is asked for as the synchronisation screen does it (POST
// /sync/import with the signed-in session's cookie and CSRF token, which survive restarts),
// and the process is killed with SIGKILL at a random moment: while starting, fetching,
// converting, publishing, queueing or uploading. After each kill every store file is valid
// and only grew, and every run whose documents are booked has its deliveries queued (they
// are queued before the ledger's commit, and again by the recovery of a cut publish). At
// the end a clean start imports what is left: every shop order is booked exactly once in
// the outbox and the ledger, and every outbox file is at the FTP server once, byte for
// byte, with nothing else there (no temporary upload left behind).
// FAULT_KILL9_SHOP_ITERATIONS sets the count (30); FAULT_SEED=<n> replays the same orders
// and kill moments (the timing of a busy machine still varies).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../src/domain/profile.js';
import { shopProfile } from '../helpers/shop-pipeline.js';
import { sleep, waitFor } from '../helpers/wait.js';
import { WebClient } from '../helpers/web-client.js';
import { freePort } from '../servers/common.js';
import { startFtpServer, type FtpTestServer } from '../servers/ftp.js';
import { startWoocommerceSimulator, type WoocommerceSimulator } from '../simulators/woocommerce.js';
import {
  campaignSeed,
  checkStore,
  deliveredProblems,
  deliveryRecords,
  kill9,
  ledgerBookings,
  outboxBookings,
  seededRandom,
  seedSettings,
  spawnAppliance,
  stop,
  type ApplianceProcess,
} from './harness.js';

const ITERATIONS = Number(process.env.FAULT_KILL9_SHOP_ITERATIONS ?? 30);
/** The generated orders are all of 2016 (the simulator's fixtures are of 2017 and later). */
const FIRST_DAY = '2016-01-01';
const PERIOD = { from: '2016-01-01', to: '2016-12-31' };
const FOLDER = 'compta';
const PASSWORD = 'correct horse battery';
const SECRET_KEY = randomBytes(32);

let root = '';
let sim: WoocommerceSimulator;
let ftp: FtpTestServer;
const started: ApplianceProcess[] = [];

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-kill9-shop-'));
  sim = await startWoocommerceSimulator();
  ftp = await startFtpServer();
});
afterAll(async () => {
  for (const app of started) await kill9(app);
  await ftp?.stop();
  await sim?.close();
  if (root) await fs.rm(root, { recursive: true, force: true });
});

/** The simulator's shop, delivering to the FTP server; the preset's customer accounts. */
function deliveringProfile(): Profile {
  return shopProfile(root, sim, {
    accounting: {},
    delivery: {
      destinations: [
        {
          kind: 'ftp',
          host: '127.0.0.1',
          port: ftp.port,
          user: ftp.user,
          password: ftp.password,
          folder: FOLDER,
          tls: false,
        },
      ],
    },
  });
}

interface AfterKill {
  /** An intent without its commit: the kill cut a publish (recovery rolls it forward). */
  publishCut: boolean;
  /** Runs whose transfers are committed while no delivery of theirs is queued. */
  committedNotQueued: number[];
  /** Deliveries queued and not sent yet. */
  deliveriesLeft: number;
  /** A temporary upload at the server: the kill cut an upload. */
  uploadCut: boolean;
}

/** What a kill interrupted, read from the ledger, the delivery queue and the server. */
async function afterKill(ledgerFile: string, destination: string): Promise<AfterKill> {
  const ended = new Set<number>();
  const intents = new Set<number>();
  const committed: number[] = [];
  for (const line of (await fs.readFile(ledgerFile, 'utf8').catch(() => '')).split('\n')) {
    let record: { t: string; run: number };
    try {
      record = JSON.parse(line) as typeof record;
    } catch {
      continue;
    }
    if (record.t === 'intent') intents.add(record.run);
    if (record.t === 'commit') committed.push(record.run);
    if (record.t === 'commit' || record.t === 'abort') ended.add(record.run);
  }
  const deliveries = await deliveryRecords(root);
  const queued = new Set(deliveries.map((d) => d.runId));
  const temporaries = await fs.readdir(destination).catch(() => [] as string[]);
  return {
    publishCut: [...intents].some((run) => !ended.has(run)),
    committedNotQueued: committed.filter((run) => !queued.has(run)),
    deliveriesLeft: deliveries.filter((d) => d.status !== 'sent').length,
    uploadCut: temporaries.some((name) => name.startsWith('.')),
  };
}

describe('kill -9 loop with shop imports and delivery', () => {
  it(`books every shop order once and delivers every file once across ${ITERATIONS} SIGKILLs`, async () => {
    const random = seededRandom(campaignSeed('kill9-shop'));
    await seedSettings(root, SECRET_KEY, (settings) =>
      settings.saveProfile(deliveringProfile(), { makeDefault: true }),
    );
    // A fixed port: the session cookie is kept for it across restarts.
    const port = await freePort();
    const env = {
      COMPTOIR_DATA_DIR: root,
      COMPTOIR_PORT: String(port),
      COMPTOIR_SECRET_KEY: SECRET_KEY.toString('base64'),
      COMPTOIR_DELIVERY_RETRY_MS: '200',
    };
    const start = (): ApplianceProcess => {
      const app = spawnAppliance(env);
      started.push(app);
      return app;
    };
    let orders = 0;
    const addOrders = (count: number): void => {
      sim.generate(count, FIRST_DAY);
      orders += count;
    };
    const client = new WebClient(`http://127.0.0.1:${port}`);
    /** What the synchronisation screen posts for "import", everything ticked; the run's id, or undefined. */
    const importOrders = async (csrf: string): Promise<number | undefined> => {
      const answer = await client.post('/sync/import', {
        _csrf: csrf,
        task: 'orders',
        ...PERIOD,
        profile: 'boutique',
        selection: 'js',
        exclude: '',
      });
      const run = /^\/runs\/(\d+)$/.exec(answer.headers.get('location') ?? '')?.[1];
      return run === undefined ? undefined : Number(run);
    };

    // A first clean start: the administrator signs in, one import with its delivery is timed.
    addOrders(3);
    const first = start();
    const startedAt = Date.now();
    await first.url();
    const startMs = Date.now() - startedAt;
    const csrf = await client.setup('admin', PASSWORD);
    const importedAt = Date.now();
    expect(await importOrders(csrf)).toBeGreaterThan(0);
    await waitFor(
      async () => {
        const deliveries = await deliveryRecords(root);
        return deliveries.length > 0 && deliveries.every((d) => d.status === 'sent');
      },
      60_000,
      'the first import to be delivered',
    );
    const importMs = Date.now() - importedAt;
    expect(await stop(first)).toBe(0);
    // Uploads of a few KB then last a few hundred ms: kills land in them too.
    ftp.throttleUploads(8 * 1024);
    const loopStart = Date.now();

    const snapshots = new Map<string, string>();
    const kills = { starting: 0, importing: 0, idle: 0, publishCut: 0, deliveryLeft: 0, uploadCut: 0 };
    const outbox = path.join(root, 'outbox');
    const destination = path.join(ftp.root, FOLDER);
    const ledgerFile = path.join(root, 'ledger', 'boutique.jsonl');
    for (let i = 0; i < ITERATIONS; i++) {
      if (random() < 0.6) addOrders(1 + Math.floor(random() * 4));
      const app = start();
      let when: string;
      let asking: Promise<unknown> | undefined;
      if (random() < 0.2) {
        // While starting: opening the stores, recovering, resuming the deliveries.
        const killAt = 30 + random() * startMs;
        await sleep(killAt);
        when = `${Math.round(killAt)} ms after the spawn`;
        kills.starting++;
      } else {
        // Once it listens, the import is asked for; the kill comes while it is asked, fetched,
        // converted, published, queued or uploaded, or once all is done.
        await app.url();
        asking = random() < 0.85 ? importOrders(csrf).catch(() => undefined) : undefined;
        // Half of them aimed at the end of the run: publish, commit, queueing, upload.
        const killAt = importMs * (random() < 0.5 ? random() * 2 : 0.6 + random() * 0.8);
        await sleep(killAt);
        when = `${Math.round(killAt)} ms after ${asking ? 'the import was asked for' : 'listening'}`;
        if (asking) kills.importing++;
        else kills.idle++;
      }
      await kill9(app);
      await asking;
      expect(app.output(), `iteration ${i}: the appliance failed on its own`).not.toMatch(
        /Comptoir cannot start|Error:/,
      );
      const problems = await checkStore(root, snapshots);
      expect(problems, `iteration ${i} (killed ${when})`).toEqual([]);
      const cut = await afterKill(ledgerFile, destination);
      if (cut.publishCut) kills.publishCut++;
      if (cut.deliveriesLeft > 0) kills.deliveryLeft++;
      if (cut.uploadCut) kills.uploadCut++;
      // Deliveries are queued before the commit: whenever the kill came, a booked run has them.
      expect(
        cut.committedNotQueued,
        `iteration ${i} (killed ${when}): runs booked, files not queued`,
      ).toEqual([]);
    }
    process.stdout.write(
      `[kill9-shop] start ${startMs} ms, import and delivery ${importMs} ms; ${ITERATIONS} kills in ` +
        `${Math.round((Date.now() - loopStart) / 1000)} s: ${kills.starting} while starting, ` +
        `${kills.importing} after an import was asked for, ${kills.idle} idle; ${orders} orders. ` +
        `Kills that cut a publish: ${kills.publishCut}, cut an upload: ${kills.uploadCut}, ` +
        `that left deliveries to send: ${kills.deliveryLeft}\n`,
    );
    ftp.throttleUploads(undefined);

    // The last start: one import for what is left, then every delivery to its end.
    const finalStart = Date.now();
    const last = start();
    await last.url();
    expect(await importOrders(csrf)).toBeGreaterThan(0);
    await waitFor(
      async () => {
        const booked = await ledgerBookings(ledgerFile);
        const deliveries = await deliveryRecords(root);
        return (
          booked.size >= orders &&
          deliveries.every((d) => d.status === 'sent') &&
          (await deliveredProblems(outbox, destination)).length === 0
        );
      },
      60_000,
      'every order booked and every file delivered',
    ).catch(() => undefined); // the assertions below say what is missing
    expect(await stop(last)).toBe(0);
    process.stdout.write(
      `[kill9-shop] final start to done: ${Math.round((Date.now() - finalStart) / 1000)} s\n`,
    );
    expect(await checkStore(root, snapshots)).toEqual([]);

    const expected = Array.from({ length: orders }, (_, i) => String(10001 + i));
    const inOutbox = await outboxBookings(outbox);
    const inLedger = await ledgerBookings(ledgerFile);
    const wrong: string[] = [];
    for (const order of expected) {
      if (inOutbox.get(order) !== 1) wrong.push(`${order}: ${inOutbox.get(order) ?? 0} times in the outbox`);
      if (inLedger.get(order) !== 1) wrong.push(`${order}: ${inLedger.get(order) ?? 0} times in the ledger`);
    }
    for (const order of inOutbox.keys())
      if (!expected.includes(order)) wrong.push(`${order}: in the outbox, never in the shop`);
    expect(wrong).toEqual([]);

    // Every outbox file at the server once, whole, and nothing else there.
    expect(await deliveredProblems(outbox, destination)).toEqual([]);
    const deliveries = await deliveryRecords(root);
    expect(deliveries.filter((d) => d.status !== 'sent')).toEqual([]);
    const names = deliveries.map((d) => d.file.name);
    expect(new Set(names).size, 'one delivery per file').toBe(names.length);
    const renames = ftp.renamed.filter((target) => target.startsWith(`${FOLDER}/`)).length;
    process.stdout.write(
      `[kill9-shop] ${names.length} files delivered; ${renames - names.length} uploads made again after a kill\n`,
    );
  });
});
