import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultDropFolderProfile } from '../domain/presets/format-france.js';
import type { Profile } from '../domain/profile.js';
import type { RunRecord } from '../domain/run.js';
import { setQuiet } from '../log.js';
import { ScheduleStore } from '../store/schedules.js';
import { Scheduler, type ScheduledWork } from './scheduler.js';

setQuiet(true);

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await fs.rm(dir, { recursive: true, force: true });
});

async function setup(start: string) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-sched-'));
  dirs.push(dir);
  let now = new Date(start);
  const clock = { set: (iso: string) => (now = new Date(iso)), now: () => now };
  const profile: Profile = {
    ...defaultDropFolderProfile('shop', dir, dir),
    source: { type: 'woocommerce', url: 'http://127.0.0.1:1', consumerKey: 'ck', consumerSecret: 'cs' },
  } as Profile;
  const started: string[] = [];
  let busy = false;
  const work: ScheduledWork = {
    isBusy: () => busy,
    processShop: async (_p, request) => {
      started.push(`${now.toISOString()} ${request.task}`);
      return {} as RunRecord;
    },
    stopRun: () => false,
  };
  const schedules = await ScheduleStore.open(path.join(dir, 'schedules.json'), clock.now);
  const scheduler = new Scheduler({
    schedules,
    profile: () => profile,
    pipeline: work,
    timeZone: 'Europe/Paris',
    now: clock.now,
  });
  return { clock, schedules, scheduler, started, setBusy: (b: boolean) => (busy = b) };
}

const daily = {
  profileId: 'shop',
  task: 'orders' as const,
  start: { date: '2026-03-01', time: '08:00' },
  trigger: { kind: 'daily' as const, everyDays: 1 },
  paused: false,
};

describe('Scheduler', () => {
  it('runs a slot missed during downtime once, and never one from before the schedule was saved', async () => {
    const { clock, schedules, scheduler, started } = await setup('2026-03-10T12:00:00Z');
    const saved = await schedules.save(daily);
    await scheduler.tickOnce();
    expect(started).toEqual([]); // 08:00 today was before it existed
    clock.set('2026-03-14T09:00:00Z'); // down for four days: four slots missed
    await scheduler.tickOnce();
    await scheduler.tickOnce();
    expect(started).toEqual(['2026-03-14T09:00:00.000Z orders']);
    expect(schedules.get(saved.id)?.lastRunAt).toBe('2026-03-14T09:00:00.000Z');
    const [view] = await scheduler.list();
    expect(view?.nextRunAt).toBe('2026-03-15T07:00:00.000Z');
  });

  it('skips a slot while the previous run goes on, and skips paused schedules', async () => {
    const { clock, schedules, scheduler, started, setBusy } = await setup('2026-03-10T06:00:00Z');
    const saved = await schedules.save(daily);
    const events: string[] = [];
    scheduler.onEvent((e) => events.push(e.type));
    setBusy(true);
    clock.set('2026-03-10T07:00:30Z');
    await scheduler.tickOnce();
    setBusy(false);
    await scheduler.tickOnce();
    expect(events).toEqual(['skipped']); // not run late: the slot is gone
    expect(started).toEqual([]);
    await schedules.setPaused(saved.id, true);
    clock.set('2026-03-11T07:00:30Z');
    await scheduler.tickOnce();
    expect(started).toEqual([]);
    expect((await scheduler.list())[0]?.nextRunAt).toBeUndefined();
  });

  it('refuses an invalid schedule with every problem', async () => {
    const { schedules } = await setup('2026-03-10T06:00:00Z');
    await expect(schedules.save({ ...daily, start: { date: '2026-13-01', time: '25:00' } })).rejects.toThrow(
      /start.date[\s\S]*start.time/,
    );
  });
});
