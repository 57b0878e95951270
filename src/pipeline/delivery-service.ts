// The delivery queue (FEATURES.md §6), on the main thread: each run's entries and customers
// files × the profile's destinations become deliveries (store/deliveries.ts) as soon as the
// files are in the outbox, before the run's transfers are committed (so no crash leaves a
// booked run unqueued), sent one at a time per destination and retried with back-off
// (domain/delivery.ts). Nothing marks an
// attempt as "in flight" on disk: after a crash the attempt is simply made again, which is
// safe because the adapters upload to a temporary name and rename over the old file.
import fs from 'node:fs/promises';
import path from 'node:path';
import { createDeliverer } from '../adapters/delivery/destination.js';
import {
  DEFAULT_RETRY_POLICY,
  isDue,
  newDelivery,
  nextWakeUp,
  recordFailure,
  recordSuccess,
  resend,
  type AttemptFailure,
  type Delivery,
  type RetryPolicy,
} from '../domain/delivery.js';
import { describeDestination, type Destination, type SmtpSettings } from '../domain/delivery-destination.js';
import { DeliveryError } from '../domain/errors.js';
import type { Profile } from '../domain/profile.js';
import type { RunFile } from '../domain/run.js';
import { logger } from '../log.js';
import type { DeliveryReader, DeliveryRecord, DeliveryStore } from '../store/deliveries.js';

const log = logger('pipeline');

/** How long stop() waits for an upload in progress; after it the upload is left to the next start. */
export const DELIVERY_STOP_GRACE_MS = 10_000;
/** setTimeout's largest delay; a later wake-up just checks again. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export interface DeliveryServiceDeps {
  store: DeliveryStore;
  /** Read at each attempt, so that a password corrected in the profile applies to the retries. */
  settings: { profile(id: string): Profile | undefined; smtp(): SmtpSettings | undefined };
  policy?: RetryPolicy;
  now?: () => Date;
  /** Per attempt, passed to the adapters (their default otherwise). */
  timeoutMs?: number;
}

/** The stored record with the state machine's new state. */
function withState(record: DeliveryRecord, state: Delivery): DeliveryRecord {
  const { id, runId, profileId, file, destinationIndex, destination, createdAt } = record;
  return { id, runId, profileId, file, destinationIndex, destination, createdAt, ...state };
}

function isWaiting(delivery: Delivery): boolean {
  return delivery.status === 'pending' || delivery.status === 'retrying';
}

/** Deliveries to one server and folder go one after the other. */
function queueKey(record: DeliveryRecord): string {
  return record.destination;
}

export class DeliveryService {
  private state: 'new' | 'running' | 'stopped' = 'new';
  private timer: NodeJS.Timeout | undefined;
  /** Ids of the pending and retrying deliveries, so a pass does not read the whole history. */
  private readonly waiting = new Set<number>();
  private readonly inFlight = new Map<string, { id: number; done: Promise<void> }>();
  /** Set when stop() gave up waiting: a late result is not recorded, the next start re-sends. */
  private abandoned = false;

  constructor(private readonly deps: DeliveryServiceDeps) {
    for (const record of deps.store.all()) if (isWaiting(record)) this.waiting.add(record.id);
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  /** For the run page. */
  reader(): DeliveryReader {
    return this.deps.store;
  }

  /** Resumes the deliveries left pending or retrying, then sends new ones as they come. */
  start(): void {
    if (this.state !== 'new') return;
    this.state = 'running';
    if (this.waiting.size > 0) log.info('deliveries resumed', { count: this.waiting.size });
    this.pump();
  }

  /**
   * PipelineDeps.published: one delivery per entries / customers file × destination, made
   * once the files are in the outbox and before the run's transfers are committed. Those
   * the run already has are not made again (recovery calls it after a crash that may have
   * come after it).
   */
  async enqueue(runId: number, profile: Profile, runFiles: RunFile[]): Promise<void> {
    const destinations = profile.delivery?.destinations ?? [];
    const files = runFiles.filter((f) => f.kind === 'entries' || f.kind === 'customers');
    if (destinations.length === 0 || files.length === 0) return;
    const queued = new Set(this.deps.store.forRun(runId).map((d) => `${d.file.name}\n${d.destination}`));
    const now = this.now();
    const wanted = files.flatMap((file) =>
      destinations
        .map((destination, destinationIndex) => ({ file, destination, destinationIndex }))
        .filter(({ file, destination }) => !queued.has(`${file.name}\n${describeDestination(destination)}`)),
    );
    if (wanted.length === 0) return;
    const created = await this.deps.store.add(
      wanted.map(({ file, destination, destinationIndex }) => ({
        ...newDelivery(now),
        runId,
        profileId: profile.id,
        file: {
          kind: file.kind,
          name: file.name,
          path: path.join(profile.target.outbox, file.name),
          keptPath: file.path,
        },
        destinationIndex,
        destination: describeDestination(destination),
        createdAt: now.toISOString(),
      })),
    );
    for (const record of created) this.waiting.add(record.id);
    log.info('deliveries queued', { run: runId, count: created.length });
    this.pump();
  }

  /** "Send again" from the run page; undefined when there is no such delivery. */
  async resend(id: number): Promise<DeliveryRecord | undefined> {
    const record = this.deps.store.get(id);
    if (!record) return undefined;
    // Being sent right now: a second upload of the same file would only race with it.
    if ([...this.inFlight.values()].some((f) => f.id === id)) return record;
    const updated = withState(record, resend(record, this.now()));
    await this.deps.store.update(updated);
    this.waiting.add(id);
    log.info('delivery queued again', { delivery: id, run: record.runId });
    this.pump();
    return updated;
  }

  /** Stops sending; waits for the uploads in progress up to graceMs. */
  async stop(graceMs = DELIVERY_STOP_GRACE_MS): Promise<void> {
    this.state = 'stopped';
    clearTimeout(this.timer);
    const going = [...this.inFlight.values()].map((f) => f.done);
    if (going.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(true), graceMs);
    });
    const late = await Promise.race([Promise.allSettled(going).then(() => false), timedOut]);
    clearTimeout(timer);
    if (late) {
      this.abandoned = true;
      log.warn('a delivery was still going at stop: it is sent again at the next start');
    }
  }

  /** Starts every due delivery whose destination is free, then sleeps until the next is due. */
  private pump(): void {
    if (this.state !== 'running') return;
    clearTimeout(this.timer);
    this.timer = undefined;
    const now = this.now();
    const sleeping: DeliveryRecord[] = [];
    for (const id of [...this.waiting].sort((a, b) => a - b)) {
      const record = this.deps.store.get(id);
      if (!record || !isWaiting(record)) {
        this.waiting.delete(id);
        continue;
      }
      const key = queueKey(record);
      if (this.inFlight.has(key)) continue; // its end pumps again
      if (isDue(record, now)) this.attempt(record, key);
      else sleeping.push(record);
    }
    const wakeUp = nextWakeUp(sleeping);
    if (wakeUp) {
      const delay = Math.min(Math.max(wakeUp.getTime() - now.getTime(), 0), MAX_TIMER_MS);
      // unref: a waiting retry must not keep a stopping process alive.
      this.timer = setTimeout(() => this.pump(), delay).unref();
    }
  }

  private attempt(record: DeliveryRecord, key: string): void {
    const done = this.send(record)
      .catch((error: unknown) => log.error('delivery attempt not recorded', { delivery: record.id, error }))
      .finally(() => {
        this.inFlight.delete(key);
        this.pump();
      });
    this.inFlight.set(key, { id: record.id, done });
  }

  private async send(record: DeliveryRecord): Promise<void> {
    let failure: AttemptFailure | undefined;
    try {
      const destination = this.destinationOf(record);
      const file = await this.readablePath(record);
      await createDeliverer(destination, {
        smtp: this.deps.settings.smtp(),
        ...(this.deps.timeoutMs === undefined ? {} : { timeoutMs: this.deps.timeoutMs }),
      }).deliver({ path: file, name: record.file.name });
    } catch (error) {
      failure =
        error instanceof DeliveryError
          ? { message: error.message, retryable: error.retryable }
          : {
              message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`,
              retryable: true,
            };
    }
    if (this.abandoned) return;
    const now = this.now();
    const policy = this.deps.policy ?? DEFAULT_RETRY_POLICY;
    const next = withState(
      record,
      failure ? recordFailure(record, failure, now, policy) : recordSuccess(record, now),
    );
    await this.deps.store.update(next);
    if (!isWaiting(next)) this.waiting.delete(next.id);
    const where = { delivery: next.id, run: next.runId, destination: next.destination, file: next.file.name };
    if (next.status === 'sent') log.info('file delivered', where);
    else log.warn(`delivery ${next.status}`, { ...where, attempts: next.attempts, error: next.lastError });
  }

  /**
   * The destination as the profile has it now (its secrets opened by the settings store).
   * Found by index, or by label when the list was reordered; gone: trying again cannot help.
   */
  private destinationOf(record: DeliveryRecord): Destination {
    const profile = this.deps.settings.profile(record.profileId);
    if (!profile) {
      throw new DeliveryError(
        'The profile of this delivery was deleted: the file stays in the outbox',
        false,
      );
    }
    const list = profile.delivery?.destinations ?? [];
    const at = list[record.destinationIndex];
    if (at && describeDestination(at) === record.destination) return at;
    const same = list.find((d) => describeDestination(d) === record.destination);
    if (same) return same;
    throw new DeliveryError(
      `${record.destination} is no longer a destination of the profile "${profile.name}": the file stays in the outbox`,
      false,
    );
  }

  /** The outbox file, or the run's copy when the accounting software already took it away. */
  private async readablePath(record: DeliveryRecord): Promise<string> {
    for (const candidate of [record.file.path, record.file.keptPath]) {
      if (!candidate) continue;
      try {
        await fs.access(candidate);
        return candidate;
      } catch {
        continue; // try the next copy
      }
    }
    throw new DeliveryError(
      `${record.file.name} is neither in the outbox nor in the run's files any more: run the documents again`,
      false,
    );
  }
}
