// A real web app on real stores in a temporary folder, for the web tests.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyCounts, type RunRecord } from '../../src/domain/run.js';
import { setQuiet } from '../../src/log.js';
import { RunStore } from '../../src/store/runs.js';
import { SettingsStore } from '../../src/store/settings.js';
import { createWebApp, startWebServer } from '../../src/web/app.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface WebFixture {
  url: string;
  tmp: string;
  settings: SettingsStore;
  runs: RunStore;
  seeded: SeededRuns;
  close(): Promise<void>;
}

export interface SeededRuns {
  succeeded: RunRecord;
  partly: RunRecord;
  failed: RunRecord;
  running: RunRecord;
  /** Bytes of the entries file kept with the succeeded run (not UTF-8: checks byte-exact download). */
  entriesBytes: Buffer;
}

const base = {
  profileId: 'p1',
  profileName: 'Boutique Lavande',
  debit: '0.00',
  credit: '0.00',
  done: 0,
  files: [],
};

async function seed(runs: RunStore): Promise<SeededRuns> {
  const succeededStart = await runs.create({
    ...base,
    task: 'orders',
    status: 'running',
    startedAt: '2025-03-14T08:05:00.000Z',
    counts: emptyCounts(),
  });
  const entriesBytes = Buffer.concat([Buffer.from('VE;14/03/2025;706000;'), Buffer.from([0xe9, 0x0d, 0x0a])]);
  const entriesPath = path.join(runs.dir(succeededStart.id), 'ecritures-2025-03-14.txt');
  await fs.writeFile(entriesPath, entriesBytes);
  const sourcePath = path.join(runs.dir(succeededStart.id), 'orders.xml');
  await fs.writeFile(sourcePath, '<orders/>');
  runs.journalLine(succeededStart.id, {
    at: '2025-03-14T08:05:01.000Z',
    level: 'info',
    message: 'Lecture de 3 commandes',
  });
  runs.journalLine(succeededStart.id, {
    at: '2025-03-14T08:05:02.000Z',
    level: 'warn',
    document: 'commande 1042',
    message: 'Taux de TVA arrondi',
  });
  runs.errorLine(succeededStart.id, {
    at: '2025-03-14T08:05:02.000Z',
    file: 'orders.xml',
    document: 'commande 1043',
    field: 'tax_rate',
    message: 'Taux de TVA inconnu « 7,7 »',
    fix: 'Ajoutez ce taux dans les exceptions du profil',
  });
  const succeeded: RunRecord = {
    ...succeededStart,
    status: 'succeeded',
    endedAt: '2025-03-14T08:06:05.000Z',
    durationMs: 65_000,
    counts: { read: 3, booked: 2, failed: 0, ignored: 1, entries: 2, lines: 8 },
    debit: '1234.56',
    credit: '1234.56',
    done: 3,
    files: [
      { kind: 'entries', name: 'ecritures-2025-03-14.txt', path: entriesPath },
      { kind: 'source', name: 'orders.xml', path: sourcePath },
    ],
  };
  await runs.finish(succeeded);

  const partlyStart = await runs.create({
    ...base,
    task: 'creditnotes',
    status: 'running',
    startedAt: '2025-03-15T10:00:00.000Z',
    counts: emptyCounts(),
  });
  const partly: RunRecord = {
    ...partlyStart,
    status: 'partly',
    endedAt: '2025-03-15T10:00:03.500Z',
    durationMs: 3500,
    counts: { read: 4, booked: 3, failed: 1, ignored: 0, entries: 3, lines: 9 },
  };
  await runs.finish(partly);

  const failedStart = await runs.create({
    ...base,
    profileId: 'p2',
    profileName: 'Atelier Nord',
    task: 'drop-folder',
    status: 'running',
    startedAt: '2025-03-16T12:00:00.000Z',
    counts: emptyCounts(),
  });
  const failed: RunRecord = {
    ...failedStart,
    status: 'failed',
    endedAt: '2025-03-16T12:00:01.000Z',
    durationMs: 1000,
    counts: { read: 1, booked: 0, failed: 1, ignored: 0, entries: 0, lines: 0 },
    message: 'Le fichier XML est mal formé',
  };
  await runs.finish(failed);

  const running = await runs.create({
    ...base,
    task: 'orders',
    status: 'running',
    startedAt: new Date().toISOString(),
    counts: { ...emptyCounts(), read: 10 },
  });
  runs.progress(running.id, 4, 40);
  return { succeeded, partly, failed, running, entriesBytes };
}

export async function startWebFixture(): Promise<WebFixture> {
  setQuiet(true);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-web-'));
  const secretKey = randomBytes(32);
  const settings = await SettingsStore.open(path.join(tmp, 'comptoir.json'), secretKey);
  const runs = await RunStore.open(tmp);
  const seeded = await seed(runs);
  const app = createWebApp({
    settings,
    runs,
    secretKey,
    viewsDir: path.join(root, 'views'),
    publicDir: path.join(root, 'public'),
  });
  const server: http.Server = await startWebServer(app, '127.0.0.1', 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tmp,
    settings,
    runs,
    seeded,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runs.close();
      await fs.rm(tmp, { recursive: true, force: true });
    },
  };
}
