// Scheduled tasks (FEATURES.md §8): a ticker on the main thread asks each active schedule
// whether a slot is due and starts its run; Bree runs the conversion in a worker. Times
// are computed in the appliance's zone (COMPTOIR_TZ) by domain/schedule.ts.
//  - A task never overlaps itself: a slot due while the profile's previous run is still
//    going is skipped and logged, not queued (a slow shop would pile up runs).
//  - After downtime, dueRun gives only the latest missed slot: it runs once, not once per
//    missed slot.
import type { Profile } from '../domain/profile.js';
import type { RunRecord } from '../domain/run.js';
import { dueRun, nextRun } from '../domain/schedule.js';
import { logger } from '../log.js';
import type { ShopRunRequest } from '../pipeline/pipeline.js';
import type { RunReader } from '../store/runs.js';
import type { ScheduleStore, StoredSchedule } from '../store/schedules.js';

const log = logger('jobs');

export const TICK_MS = 30_000;
const DAY_MS = 86_400_000;

/** What the scheduler needs of the pipeline. */
export interface ScheduledWork {
  isBusy(profileId: string): boolean;
  processShop(profile: Profile, request: ShopRunRequest): Promise<RunRecord>;
  stopRun(runId: number, graceMs?: number): boolean;
}

export interface SchedulerDeps {
  schedules: ScheduleStore;
  profile(id: string): Profile | undefined;
  pipeline: ScheduledWork;
  /** A drop-folder profile's schedule rescans its inbox (its files run as they arrive anyway). */
  rescan?(profileId: string): Promise<void>;
  /** For the list's last run (manual runs included). */
  runs?: Pick<RunReader, 'list'>;
  timeZone: string;
  now?: () => Date;
  tickMs?: number;
  /** Daily housekeeping (journal retention), first at start. */
  housekeeping?: () => Promise<unknown>;
}

export type SchedulerEvent =
  | { type: 'started'; schedule: StoredSchedule; slot: Date }
  | { type: 'skipped'; schedule: StoredSchedule; slot: Date; reason: string };

/** A line of the schedules list. */
export interface ScheduleView {
  schedule: StoredSchedule;
  profileName?: string;
  lastRunAt?: string;
  /** The latest run of this profile and task, scheduled or manual. */
  lastRun?: RunRecord;
  /** Undefined when paused, or when the trigger has no further occurrence. */
  nextRunAt?: string;
  running: boolean;
}

export class Scheduler {
  private timer?: NodeJS.Timeout;
  private ticking?: Promise<void>;
  private lastHousekeeping = -Infinity;
  private readonly listeners: ((event: SchedulerEvent) => void)[] = [];

  constructor(private readonly deps: SchedulerDeps) {}

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  start(): void {
    if (this.timer) return;
    void this.tickOnce();
    this.timer = setInterval(() => void this.tickOnce(), this.deps.tickMs ?? TICK_MS);
    // The ticker alone must not keep the process alive.
    this.timer.unref();
  }

  /** Stops the ticker and waits for a tick in progress; runs already started go on. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
  }

  onEvent(listener: (event: SchedulerEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Stops a running run (scheduled or manual): graceful cancel, then forced after graceMs. */
  stop(runId: number, graceMs?: number): boolean {
    return this.deps.pipeline.stopRun(runId, graceMs);
  }

  /** One pass over the schedules; ticks never overlap (a slow store write delays the next). */
  tickOnce(): Promise<void> {
    this.ticking ??= this.tick().finally(() => (this.ticking = undefined));
    return this.ticking;
  }

  private async tick(): Promise<void> {
    const now = this.now();
    for (const schedule of [...this.deps.schedules.list()]) {
      try {
        await this.consider(schedule, now);
      } catch (error) {
        log.error('schedule tick failed', { schedule: schedule.id, error });
      }
    }
    if (this.deps.housekeeping && now.getTime() - this.lastHousekeeping >= DAY_MS) {
      this.lastHousekeeping = now.getTime();
      await this.deps.housekeeping().catch((error: unknown) => log.error('housekeeping failed', { error }));
    }
  }

  private async consider(schedule: StoredSchedule, now: Date): Promise<void> {
    if (schedule.paused) return;
    const handled = latest(schedule.lastSlotAt, schedule.savedAt);
    const slot = dueRun(schedule, handled, now, this.deps.timeZone);
    if (!slot) return;
    const profile = this.deps.profile(schedule.profileId);
    if (!profile) {
      await this.skip(schedule, slot, `profile ${schedule.profileId} no longer exists`);
      return;
    }
    if (this.deps.pipeline.isBusy(profile.id)) {
      await this.skip(schedule, slot, 'the previous run of this profile is still going');
      return;
    }
    await this.deps.schedules.markSlot(schedule.id, slot, now);
    log.info('scheduled run started', {
      schedule: schedule.id,
      profile: profile.id,
      slot: slot.toISOString(),
    });
    this.emit({ type: 'started', schedule, slot });
    if (profile.source.type === 'dropfolder') {
      await this.deps.rescan?.(profile.id);
      return;
    }
    this.deps.pipeline
      .processShop(profile, { task: schedule.task })
      .catch((error: unknown) => log.error('scheduled run failed', { schedule: schedule.id, error }));
  }

  private async skip(schedule: StoredSchedule, slot: Date, reason: string): Promise<void> {
    await this.deps.schedules.markSlot(schedule.id, slot);
    log.warn('scheduled run skipped', { schedule: schedule.id, slot: slot.toISOString(), reason });
    this.emit({ type: 'skipped', schedule, slot, reason });
  }

  private emit(event: SchedulerEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** The schedules list: last run, next run, running (FEATURES.md §8). */
  async list(): Promise<ScheduleView[]> {
    const now = this.now();
    return Promise.all(
      this.deps.schedules.list().map(async (schedule) => {
        const profile = this.deps.profile(schedule.profileId);
        const next = schedule.paused ? undefined : nextRun(schedule, now, this.deps.timeZone);
        const lastRun = profile?.source.type === 'dropfolder' ? undefined : await this.lastRun(schedule);
        return {
          schedule,
          profileName: profile?.name,
          lastRunAt: schedule.lastRunAt,
          lastRun,
          nextRunAt: next?.toISOString(),
          running: this.deps.pipeline.isBusy(schedule.profileId),
        };
      }),
    );
  }

  private async lastRun(schedule: StoredSchedule): Promise<RunRecord | undefined> {
    if (!this.deps.runs) return undefined;
    const page = await this.deps.runs.list({
      profileId: schedule.profileId,
      task: schedule.task,
      pageSize: 1,
    });
    return page.runs[0];
  }
}

function latest(...isos: (string | undefined)[]): Date | undefined {
  const times = isos.filter((t): t is string => t !== undefined).map((t) => Date.parse(t));
  return times.length > 0 ? new Date(Math.max(...times)) : undefined;
}
