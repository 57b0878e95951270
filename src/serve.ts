// The appliance: store, recovery, drop-folder watchers, Bree jobs and the web server,
// wired together. Stops cleanly: watchers first, then the runs in progress, then the rest.
import fs from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DropFolderWatcher } from './adapters/drop-folder/watcher.js';
import type { Config } from './config.js';
import { defaultDropFolderProfile } from './domain/presets/format-france.js';
import type { DropFolderSource, Profile } from './domain/profile.js';
import { JobRunner } from './jobs/job-runner.js';
import { logger } from './log.js';
import { Pipeline } from './pipeline/pipeline.js';
import { dataLayout } from './store/data-layout.js';
import { RunStore } from './store/runs.js';
import { loadOrCreateSecretKey } from './store/secret-key.js';
import { SettingsStore } from './store/settings.js';
import { createWebApp, startWebServer } from './web/app.js';

const log = logger('app');
// src/ and dist/ both sit one level below the package root, where views/ and public/ are.
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Appliance {
  url: string;
  settings: SettingsStore;
  runs: RunStore;
  pipeline: Pipeline;
  close(): Promise<void>;
}

async function ensureDefaultProfile(settings: SettingsStore, inbox: string, outbox: string): Promise<void> {
  if (settings.profiles().length > 0) return;
  await settings.saveProfile(defaultDropFolderProfile('default', inbox, outbox), { makeDefault: true });
  log.info('created the default profile', { inbox, outbox });
}

function dropFolderProfiles(settings: SettingsStore): (Profile & { source: DropFolderSource })[] {
  return settings
    .profiles()
    .filter((p): p is Profile & { source: DropFolderSource } => p.source.type === 'dropfolder');
}

export async function startAppliance(config: Config): Promise<Appliance> {
  const layout = dataLayout(config.dataDir);
  await fs.mkdir(layout.root, { recursive: true });
  const secretKey = await loadOrCreateSecretKey(layout.secretKeyFile);
  const settings = await SettingsStore.open(layout.settingsFile);
  const runs = await RunStore.open(layout.root);
  await ensureDefaultProfile(settings, layout.inbox, layout.outbox);

  const jobs = new JobRunner();
  const pipeline = new Pipeline({ layout, runs, jobs, timeZone: config.timeZone });
  await pipeline.recover(settings.profiles());

  const watchers: DropFolderWatcher[] = [];
  for (const profile of dropFolderProfiles(settings)) {
    await fs.mkdir(profile.target.outbox, { recursive: true });
    const watcher = new DropFolderWatcher({
      dir: profile.source.path,
      stabilityMs: config.stabilityMs,
      polling: config.polling,
      rescanMs: config.rescanMs,
      onFile: (file) => pipeline.processDroppedFile(settings.profile(profile.id) ?? profile, file),
    });
    await watcher.start();
    watchers.push(watcher);
  }

  const app = createWebApp({
    settings,
    runs,
    secretKey,
    viewsDir: path.join(packageRoot, 'views'),
    publicDir: path.join(packageRoot, 'public'),
    timeZone: config.timeZone,
  });
  const server: http.Server = await startWebServer(app, config.host, config.port);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  log.info('Comptoir is running', { url, dataDir: layout.root });

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await Promise.all(watchers.map((w) => w.close()));
      await pipeline.idle();
      await jobs.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runs.close();
      log.info('Comptoir stopped');
    })());

  return { url, settings, runs, pipeline, close };
}
