// The appliance: store, recovery, drop-folder watchers, Bree jobs and the web server,
// wired together. Stops cleanly: watchers first, then the runs in progress, then the rest.
import fs from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from './config.js';
import { defaultDropFolderProfile } from './domain/presets/format-france.js';
import type { SmtpSettings } from './domain/delivery-destination.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './domain/delivery.js';
import { JobRunner } from './jobs/job-runner.js';
import { Scheduler } from './jobs/scheduler.js';
import { logger } from './log.js';
import { DeliveryService } from './pipeline/delivery-service.js';
import { DropFolders, dropFolderProfiles } from './pipeline/drop-folders.js';
import { createNotifier } from './pipeline/notifier.js';
import { Pipeline, STOP_GRACE_MS } from './pipeline/pipeline.js';
import { dataLayout } from './store/data-layout.js';
import { DeliveryStore } from './store/deliveries.js';
import { RunStore } from './store/runs.js';
import { ScheduleStore, schedulesFile } from './store/schedules.js';
import { loadOrCreateSecretKey } from './store/secret-key.js';
import { SettingsStore } from './store/settings.js';
import { lockDataFolder } from './store/data-lock.js';
import { createWebApp, startWebServer } from './web/app.js';

const log = logger('app');
// src/ and dist/ both sit one level below the package root, where views/ and public/ are.
const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface Appliance {
  url: string;
  settings: SettingsStore;
  runs: RunStore;
  pipeline: Pipeline;
  schedules: ScheduleStore;
  scheduler: Scheduler;
  deliveries: DeliveryService;
  close(): Promise<void>;
}

/** What tests (and the lead's settings wiring) pass in. */
export interface ApplianceOptions {
  /** The appliance's SMTP settings for run mails; none: no mail is sent. */
  getSmtp?: () => SmtpSettings | undefined;
  schedulerTickMs?: number;
  now?: () => Date;
  /** How long a run stopped by close() may take before its worker is terminated. */
  stopGraceMs?: number;
  /** The delivery queue's back-off (tests use short delays). */
  deliveryRetry?: RetryPolicy;
}

/** COMPTOIR_DELIVERY_RETRY_MS: the default policy with a shorter first wait (config.ts). */
function retryPolicy(config: Config): RetryPolicy | undefined {
  if (config.deliveryRetryMs === undefined) return undefined;
  return {
    ...DEFAULT_RETRY_POLICY,
    baseDelayMs: config.deliveryRetryMs,
    maxDelayMs: Math.max(config.deliveryRetryMs, DEFAULT_RETRY_POLICY.maxDelayMs),
  };
}

async function ensureDefaultProfile(settings: SettingsStore, inbox: string, outbox: string): Promise<void> {
  if (settings.profiles().length > 0) return;
  await settings.saveProfile(defaultDropFolderProfile('default', inbox, outbox), { makeDefault: true });
  log.info('created the default profile', { inbox, outbox });
}

/**
 * Starts the appliance on its data folder, which it locks first (store/data-lock.ts): a
 * second appliance on the same folder refuses to start (ConfigError) and the store keeps
 * one writer. close() releases the lock; a kill -9 leaves a stale one, taken over at the
 * next start.
 */
export async function startAppliance(config: Config, options: ApplianceOptions = {}): Promise<Appliance> {
  const lock = await lockDataFolder(config.dataDir);
  let appliance: Appliance;
  try {
    appliance = await startLocked(config, options);
  } catch (error) {
    await lock.release();
    throw error;
  }
  const close = appliance.close;
  return { ...appliance, close: () => close().finally(() => lock.release()) };
}

async function startLocked(config: Config, options: ApplianceOptions): Promise<Appliance> {
  const layout = dataLayout(config.dataDir);
  await fs.mkdir(layout.root, { recursive: true });
  const secretKey = config.secretKey ?? (await loadOrCreateSecretKey(layout.secretKeyFile));
  // Throws ConfigError when the key cannot decrypt the stored secrets: nothing has started yet.
  const settings = await SettingsStore.open(layout.settingsFile, secretKey);
  // The settings page's time zone wins over COMPTOIR_TZ; dates, file names and schedules
  // take it at start, hence "applied at the next start" on that page.
  config = { ...config, timeZone: settings.timeZone() ?? config.timeZone };
  const runs = await RunStore.open(layout.root);
  const deliveries = new DeliveryService({
    store: await DeliveryStore.open(layout.deliveriesFile),
    settings,
    policy: options.deliveryRetry ?? retryPolicy(config),
  });
  const schedules = await ScheduleStore.open(schedulesFile(layout.root), options.now);
  await ensureDefaultProfile(settings, layout.inbox, layout.outbox);

  const jobs = new JobRunner();
  // The address is known once the server listens; a run ending before links to the configured port.
  let publicUrl = `http://localhost:${config.port}`;
  const notifier = createNotifier({
    getSmtp: options.getSmtp ?? (() => settings.smtp()),
    baseUrl: () => publicUrl,
    errors: (id) => runs.errors(id),
  });
  const pipeline = new Pipeline({
    layout,
    runs,
    jobs,
    timeZone: config.timeZone,
    now: options.now,
    formats: () => settings.formats(),
    // Queued with the publish, before the commit, and again by recovery when a crash came first.
    published: (runId, profile, files) => deliveries.enqueue(runId, profile, files),
    afterRun: async (run, profile) => {
      await notifier.notify(run, profile);
    },
  });
  await pipeline.recover(settings.profiles());
  // Pending and retrying deliveries resume (one cut by a crash is sent again: safe, see the service).
  deliveries.start();

  const dropFolders = new DropFolders({
    profiles: () => dropFolderProfiles(settings.profiles()),
    watch: { stabilityMs: config.stabilityMs, polling: config.polling, rescanMs: config.rescanMs },
    onFile: async (profileId, file) => {
      // A profile deleted while its file settled: the file stays in the folder, untouched.
      const profile = settings.profile(profileId);
      if (profile) await pipeline.processDroppedFile(profile, file);
    },
  });
  await dropFolders.sync();
  // Profiles created, moved to another folder or deleted in the UI are followed at once.
  settings.onProfilesChanged(() => void dropFolders.sync());

  const scheduler = new Scheduler({
    schedules,
    profile: (id) => settings.profile(id),
    pipeline,
    runs,
    rescan: async (id) => dropFolders.get(id)?.rescan(),
    timeZone: config.timeZone,
    now: options.now,
    tickMs: options.schedulerTickMs,
    // The settings page's retention wins over COMPTOIR_JOURNAL_DAYS, read at each pass.
    housekeeping: () => runs.prune(settings.journalDays() ?? config.journalDays ?? 90, options.now?.()),
  });
  const app = createWebApp({
    settings,
    runs,
    secretKey,
    deliveries: { reader: deliveries.reader(), resend: (id) => deliveries.resend(id) },
    services: { pipeline, schedules, scheduler },
    viewsDir: path.join(packageRoot, 'views'),
    publicDir: path.join(packageRoot, 'public'),
    timeZone: config.timeZone,
    journalDays: config.journalDays,
    dataDir: layout.root,
    secureCookies: config.trustProxy ?? false,
  });
  const server: http.Server = await startWebServer(app, config.host, config.port);
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`;
  publicUrl = url;
  log.info('Comptoir is running', { url, dataDir: layout.root });

  scheduler.start();

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      // No new scheduled run, no new file; then runs in progress stop between documents
      // (terminated after the grace period) so that SIGTERM ends within the container's
      // grace period. Their documents stay untransferred and are booked after the restart.
      await scheduler.close();
      await dropFolders.close();
      await pipeline.shutdown(options.stopGraceMs ?? STOP_GRACE_MS);
      await deliveries.stop();
      await jobs.stop(options.stopGraceMs ?? STOP_GRACE_MS);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runs.close();
      log.info('Comptoir stopped');
    })());

  return { url, settings, runs, pipeline, schedules, scheduler, deliveries, close };
}
