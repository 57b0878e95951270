// Delivery faults end to end, through the built appliance process (dist/cli.js serve) and a
// real FTP server (ftp-srv, test/servers/ftp.ts). test/integration/delivery-*.test.ts try
// the same queue in-process; here it is the production process, its signals and its
// environment (COMPTOIR_DELIVERY_RETRY_MS shortens the back-off).
// - Outage: the server is down while files are produced; the deliveries wait in
//   data/deliveries.jsonl, across a restart, and once the server is up each file arrives
//   exactly once, byte for byte.
// - A kill after the files reached the outbox, before their deliveries were queued: the
//   recovery that finishes the publish queues them, and each file arrives once.
// - SIGTERM during an upload (a server that reads slowly): the appliance waits for it up to
//   its grace period, then leaves it; it exits in time, no partial file is ever under the
//   final name (the adapters upload to a temporary name, then rename), and after a restart
//   the file is there exactly once and whole. An upload that ends within the grace period
//   is recorded as sent and not sent again.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FtpDestination } from '../../src/domain/delivery-destination.js';
import { defaultDropFolderProfile } from '../../src/domain/presets/format-france.js';
import { DELIVERY_STOP_GRACE_MS } from '../../src/pipeline/delivery-service.js';
import type { DeliveryRecord } from '../../src/store/deliveries.js';
import { ordersFile } from '../helpers/orders.js';
import { sleep, waitFor } from '../helpers/wait.js';
import { freePort } from '../servers/common.js';
import { startFtpServer, type FtpTestServer } from '../servers/ftp.js';
import {
  deliveredProblems,
  deliveryRecords,
  ledgerBookings,
  listFiles,
  seedSettings,
  spawnAppliance,
  stop,
  type ApplianceProcess,
} from './harness.js';

const SECRET_KEY = randomBytes(32);
/** What the appliance may take beyond the delivery grace to close the rest (web server, logs). */
const CLOSE_SLACK_MS = 3_000;

const roots: string[] = [];
const servers: FtpTestServer[] = [];
const running: ApplianceProcess[] = [];

async function dataFolder(name: string): Promise<string> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), `comptoir-${name}-`));
  roots.push(root);
  return root;
}

function ftpDestination(port: number, folder: string): FtpDestination {
  return {
    kind: 'ftp',
    host: '127.0.0.1',
    port,
    user: 'ftpuser',
    password: 'ftp-S3cret!pw',
    folder,
    tls: false,
  };
}

/** The default drop-folder profile, delivering to one FTP folder. */
async function seedProfile(root: string, destination: FtpDestination): Promise<void> {
  await seedSettings(root, SECRET_KEY, (settings) =>
    settings.saveProfile(
      {
        ...defaultDropFolderProfile('default', path.join(root, 'inbox'), path.join(root, 'outbox')),
        delivery: { destinations: [destination] },
      },
      { makeDefault: true },
    ),
  );
}

function start(root: string, env: Record<string, string> = {}): ApplianceProcess {
  const app = spawnAppliance({
    COMPTOIR_DATA_DIR: root,
    COMPTOIR_SECRET_KEY: SECRET_KEY.toString('base64'),
    COMPTOIR_STABILITY_MS: '40',
    COMPTOIR_RESCAN_MS: '1000',
    ...env,
  });
  running.push(app);
  return app;
}

/** Writes the order file under a temporary name, then renames it in (as exports do). */
async function drop(root: string, name: string, keys: string[]): Promise<void> {
  const inbox = path.join(root, 'inbox');
  await fs.mkdir(inbox, { recursive: true });
  await fs.writeFile(path.join(inbox, `.${name}.part`), ordersFile(keys.map((key) => ({ key }))));
  await fs.rename(path.join(inbox, `.${name}.part`), path.join(inbox, name));
}

async function waitDeliveries(
  root: string,
  what: string,
  done: (records: DeliveryRecord[]) => boolean,
  timeoutMs = 30_000,
): Promise<DeliveryRecord[]> {
  return waitFor(
    async () => {
      const records = await deliveryRecords(root);
      return records.length > 0 && done(records) ? records : undefined;
    },
    timeoutMs,
    what,
  );
}

const outboxFiles = (root: string): Promise<string[]> =>
  listFiles(path.join(root, 'outbox'), (n) => !n.startsWith('.'));

/** How many times each name was renamed into place at the server: completed deliveries. */
function completions(server: FtpTestServer, folder: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const target of server.renamed) {
    if (path.posix.dirname(target) !== folder) continue;
    const name = path.posix.basename(target);
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return counts;
}

afterAll(async () => {
  for (const app of running)
    if (app.child.exitCode === null && app.child.signalCode === null) app.child.kill('SIGKILL');
  await Promise.all(running.map((app) => app.exited));
  for (const server of servers) await server.stop();
  for (const root of roots) await fs.rm(root, { recursive: true, force: true });
});

describe('delivery outage, through the appliance process', () => {
  it('keeps the files queued while the FTP server is down, across a restart, then delivers each once', async () => {
    const root = await dataFolder('outage');
    const port = await freePort(); // reserved: nothing listens there yet
    await seedProfile(root, ftpDestination(port, 'compta'));
    const env = { COMPTOIR_DELIVERY_RETRY_MS: '200' };

    let app = start(root, env);
    await app.url();
    await drop(root, 'a.xml', ['A1', 'A2']);
    await drop(root, 'b.xml', ['B1']);
    await drop(root, 'c.xml', ['C1', 'C2', 'C3']);
    // Three runs, each with its file(s) queued and failing again and again with the short back-off.
    await waitFor(async () => (await outboxFiles(root)).length >= 3, 30_000, 'three runs to publish');
    const failing = await waitDeliveries(
      root,
      'every delivery to fail twice',
      (all) => all.length === 3 && all.every((d) => d.status === 'retrying' && d.attempts >= 2),
    );
    expect(failing.map((d) => d.lastError)).toEqual(
      failing.map(() => expect.stringMatching(/tried again later/)),
    );
    expect(await stop(app)).toBe(0);

    // Down still at the restart: the queue resumes from the file, and fails again.
    app = start(root, env);
    await app.url();
    await waitDeliveries(root, 'a failed attempt after the restart', (all) =>
      all.every((d) => d.status === 'retrying' && d.attempts >= 3),
    );

    const server = await startFtpServer({ port });
    servers.push(server);
    const sent = await waitDeliveries(root, 'every delivery once the server is up', (all) =>
      all.every((d) => d.status === 'sent'),
    );
    const published = await outboxFiles(root);
    expect(sent).toHaveLength(published.length); // one delivery per file, never queued twice
    expect(sent.map((d) => d.file.name).sort()).toEqual(published);
    expect(await deliveredProblems(path.join(root, 'outbox'), path.join(server.root, 'compta'))).toEqual([]);
    expect(completions(server, 'compta')).toEqual(new Map(published.map((name) => [name, 1])));
    // Nothing more is sent later on.
    await sleep(600);
    expect(server.renamed).toHaveLength(published.length);
    expect(await stop(app)).toBe(0);
  });
});

describe('a crash between the publish and the queueing, through the appliance process', () => {
  it('queues the files of a publish that recovery finishes, and delivers them once', async () => {
    const root = await dataFolder('publish-crash');
    const port = await freePort();
    await seedProfile(root, ftpDestination(port, 'recovered'));
    let app = start(root, { COMPTOIR_DELIVERY_RETRY_MS: '200' });
    await app.url();
    await drop(root, 'crash.xml', ['R1', 'R2']);
    await waitDeliveries(root, 'the delivery to be queued', (all) => all.length === 1);
    expect(await stop(app)).toBe(0);

    // The state a kill leaves right after the files reached the outbox: the intent without
    // its commit, and nothing queued yet (deliveries are queued next, then the commit).
    const ledgerPath = path.join(root, 'ledger', 'default.jsonl');
    const records = (await fs.readFile(ledgerPath, 'utf8')).trimEnd().split('\n');
    expect(JSON.parse(records.at(-1)!)).toMatchObject({ t: 'commit' });
    await fs.writeFile(ledgerPath, `${records.slice(0, -1).join('\n')}\n`);
    await fs.rm(path.join(root, 'deliveries.jsonl'));

    const server = await startFtpServer({ port });
    servers.push(server);
    app = start(root, { COMPTOIR_DELIVERY_RETRY_MS: '200' });
    await app.url();
    const sent = await waitDeliveries(root, 'the recovered delivery', (all) =>
      all.every((d) => d.status === 'sent'),
    );
    const published = await outboxFiles(root);
    expect(sent.map((d) => d.file.name)).toEqual(published);
    expect(await deliveredProblems(path.join(root, 'outbox'), path.join(server.root, 'recovered'))).toEqual(
      [],
    );
    expect(completions(server, 'recovered')).toEqual(new Map(published.map((name) => [name, 1])));
    expect(await stop(app)).toBe(0);
    // Committed by the recovery, once.
    expect(await ledgerBookings(ledgerPath)).toEqual(
      new Map([
        ['R1', 1],
        ['R2', 1],
      ]),
    );
  });
});

describe('SIGTERM during an upload, through the appliance process', () => {
  let server: FtpTestServer;
  beforeAll(async () => {
    server = await startFtpServer();
    servers.push(server);
  });

  /** Drops a file of `orders` orders and waits until its upload is under way; returns its outbox name. */
  async function uploadUnderWay(root: string, folder: string, orders: number): Promise<string> {
    const keys = Array.from({ length: orders }, (_, i) => `${folder}-${i + 1}`);
    await drop(root, `${folder}.xml`, keys);
    const [name] = await waitFor(
      async () => {
        const files = await outboxFiles(root);
        return files.length > 0 ? files : undefined;
      },
      30_000,
      'the run to publish',
    );
    const temporary = path.join(server.root, folder, `.comptoir-${name}.tmp`);
    await waitFor(
      async () => ((await fs.stat(temporary).catch(() => undefined))?.size ?? 0) > 0,
      30_000,
      'the upload to start',
    );
    return name!;
  }

  it('exits within its grace period while a slow upload goes on, and delivers the file whole once after the restart', async () => {
    const root = await dataFolder('sigterm-long');
    await seedProfile(root, ftpDestination(server.port, 'slow'));
    // With its technical log: the warning about the upload left behind is part of the contract.
    let app = start(root, { COMPTOIR_LOG: 'info' });
    await app.url();
    // 400 orders: a FEC file of about 150 KB; at 4 KB/s the upload would take over half a minute.
    server.throttleUploads(4096);
    const name = await uploadUnderWay(root, 'slow', 400);
    const size = (await fs.stat(path.join(root, 'outbox', name))).size;
    expect(size / 4096).toBeGreaterThan((DELIVERY_STOP_GRACE_MS + CLOSE_SLACK_MS) / 1000);

    const signalled = Date.now();
    app.child.kill('SIGTERM');
    const code = await app.exited;
    const tookMs = Date.now() - signalled;
    process.stdout.write(
      `[delivery-faults] SIGTERM with a ${size}-byte upload going: exited in ${tookMs} ms\n`,
    );
    expect(code).toBe(0);
    expect(tookMs).toBeLessThan(DELIVERY_STOP_GRACE_MS + CLOSE_SLACK_MS);
    expect(app.output()).toMatch(/sent again at the next start/);
    // Left unfinished: never under its final name, and not recorded as sent.
    expect(await listFiles(path.join(server.root, 'slow'), (n) => !n.startsWith('.'))).toEqual([]);
    expect(server.renamed).not.toContain(`slow/${name}`);
    expect((await deliveryRecords(root)).map((d) => d.status)).toEqual(['pending']);

    server.throttleUploads(undefined);
    app = start(root);
    await app.url();
    await waitDeliveries(root, 'the delivery after the restart', (all) =>
      all.every((d) => d.status === 'sent'),
    );
    // The slow connection the first process left may still be writing its temporary file: let it end.
    await waitFor(
      async () => (await listFiles(path.join(server.root, 'slow'), (n) => n.startsWith('.'))).length === 0,
      30_000,
      'no temporary file at the destination',
    );
    expect(await deliveredProblems(path.join(root, 'outbox'), path.join(server.root, 'slow'))).toEqual([]);
    expect(completions(server, 'slow')).toEqual(new Map([[name, 1]]));
    expect(await stop(app)).toBe(0);
  });

  it('waits for an upload that ends within the grace period: sent once, not again after the restart', async () => {
    const root = await dataFolder('sigterm-short');
    await seedProfile(root, ftpDestination(server.port, 'short'));
    let app = start(root);
    await app.url();
    // 40 orders, about 15 KB: some 2 s at 8 KB/s, well within the grace period.
    server.throttleUploads(8192);
    const name = await uploadUnderWay(root, 'short', 40);

    const signalled = Date.now();
    app.child.kill('SIGTERM');
    expect(await app.exited).toBe(0);
    const tookMs = Date.now() - signalled;
    process.stdout.write(`[delivery-faults] SIGTERM with a short upload going: exited in ${tookMs} ms\n`);
    expect(tookMs).toBeLessThan(DELIVERY_STOP_GRACE_MS);
    expect(await deliveredProblems(path.join(root, 'outbox'), path.join(server.root, 'short'))).toEqual([]);
    expect((await deliveryRecords(root)).map((d) => d.status)).toEqual(['sent']);

    server.throttleUploads(undefined);
    app = start(root);
    await app.url();
    await sleep(1_500);
    expect(completions(server, 'short')).toEqual(new Map([[name, 1]]));
    expect(await stop(app)).toBe(0);
  });
});
