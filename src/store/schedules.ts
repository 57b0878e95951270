// Scheduled tasks in their own lowdb file (data/schedules.json): the scheduler writes a
// schedule's last run often, and a file of its own keeps those writes away from the
// settings. The main thread is the only writer (STYLE.md, "Jobs and store").
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Low } from 'lowdb';
import { scheduleProblems, type Schedule } from '../domain/schedule.js';
import { ConfigError } from '../domain/errors.js';
import { DurableJSONFile } from './durable-file.js';

/** A schedule as stored: the model plus what the scheduler keeps about its slots. */
export interface StoredSchedule extends Schedule {
  /**
   * When the user last saved it (created, edited, paused or resumed): slots before that are
   * never run, so resuming a paused schedule does not run what it missed.
   */
  savedAt: string;
  /** The last slot handled, run or skipped because the previous run was still going. */
  lastSlotAt?: string;
}

interface SchedulesData {
  version: number;
  schedules: StoredSchedule[];
}

export type ScheduleInput = Omit<Schedule, 'id' | 'lastRunAt'> & { id?: string };

export const schedulesFile = (dataDir: string): string => path.join(dataDir, 'schedules.json');

export class ScheduleStore {
  private constructor(
    private readonly db: Low<SchedulesData>,
    private readonly now: () => Date,
  ) {}

  static async open(file: string, now: () => Date = () => new Date()): Promise<ScheduleStore> {
    // Durable writes (fsync of the file and its folder), also under tests: no in-memory preset.
    const db = new Low<SchedulesData>(new DurableJSONFile<SchedulesData>(file), {
      version: 1,
      schedules: [],
    });
    await db.read();
    db.data.schedules ??= [];
    return new ScheduleStore(db, now);
  }

  list(): StoredSchedule[] {
    return this.db.data.schedules;
  }

  get(id: string): StoredSchedule | undefined {
    return this.db.data.schedules.find((s) => s.id === id);
  }

  /** Creates (no id) or replaces a schedule; throws ConfigError listing every problem. */
  async save(input: ScheduleInput): Promise<StoredSchedule> {
    const existing = input.id ? this.get(input.id) : undefined;
    const schedule: StoredSchedule = {
      ...input,
      id: input.id ?? randomUUID(),
      savedAt: this.now().toISOString(),
      ...(existing?.lastRunAt && { lastRunAt: existing.lastRunAt }),
      ...(existing?.lastSlotAt && { lastSlotAt: existing.lastSlotAt }),
    };
    const problems = scheduleProblems(schedule);
    if (problems.length > 0) throw new ConfigError(problems);
    const index = this.db.data.schedules.findIndex((s) => s.id === schedule.id);
    if (index === -1) this.db.data.schedules.push(schedule);
    else this.db.data.schedules[index] = schedule;
    await this.db.write();
    return schedule;
  }

  async setPaused(id: string, paused: boolean): Promise<StoredSchedule | undefined> {
    const schedule = this.get(id);
    return schedule && this.save({ ...schedule, paused });
  }

  async delete(id: string): Promise<boolean> {
    const before = this.db.data.schedules.length;
    this.db.data.schedules = this.db.data.schedules.filter((s) => s.id !== id);
    if (this.db.data.schedules.length === before) return false;
    await this.db.write();
    return true;
  }

  /** Records a slot as handled, and when a run was started for it. */
  async markSlot(id: string, slot: Date, startedAt?: Date): Promise<void> {
    const schedule = this.get(id);
    if (!schedule) return;
    schedule.lastSlotAt = slot.toISOString();
    if (startedAt) schedule.lastRunAt = startedAt.toISOString();
    await this.db.write();
  }
}
