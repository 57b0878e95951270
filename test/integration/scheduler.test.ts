// Scheduled runs against a slow shop: a task never overlaps itself (a due slot is skipped,
// not queued), a running task can be stopped (gracefully, or by force after the grace
// period) leaving its documents untransferred, and a restart in the middle of a run books
// nothing twice and loses nothing.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Scheduler, type SchedulerEvent } from '../../src/jobs/scheduler.js';
import { setQuiet } from '../../src/log.js';
import { ScheduleStore } from '../../src/store/schedules.js';
import { bookedKeys, ended, openHarness, outboxPieces, shopProfile } from '../helpers/shop-pipeline.js';
import { waitFor } from '../helpers/wait.js';
import { startWoocommerceSimulator, type WoocommerceSimulator } from '../simulators/woocommerce.js';

setQuiet(true);

let sim: WoocommerceSimulator;
let work: string;
const ORDERS = 32; // the simulator's paid orders of 2017 plus 30 generated ones

beforeAll(async () => {
  sim = await startWoocommerceSimulator();
  sim.generate(30);
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-scheduler-'));
});

afterAll(async () => {
  await sim?.close();
  await fs.rm(work, { recursive: true, force: true });
});

describe('scheduler', () => {
  it('never runs a slow task twice at once: due slots are skipped while it runs', async () => {
    const root = path.join(work, 'overlap');
    const h = await openHarness(root);
    const profile = shopProfile(root, sim);
    sim.faults.slowMs = 150;
    // Scheduler time runs 3000× faster: 100 ms real is 5 minutes, one slot of the schedule.
    const t0 = Date.now();
    const clock = (): Date => new Date(Date.parse('2017-12-31T08:00:00Z') + (Date.now() - t0) * 3000);
    const schedules = await ScheduleStore.open(path.join(root, 'schedules.json'), clock);
    await schedules.save({
      profileId: profile.id,
      task: 'orders',
      start: { date: '2017-12-01', time: '00:00' },
      trigger: { kind: 'daily', everyDays: 1 },
      repeat: { everyMinutes: 5, forMinutes: 1440 },
      paused: false,
    });
    const scheduler = new Scheduler({
      schedules,
      profile: () => profile,
      pipeline: h.pipeline,
      timeZone: 'Europe/Paris',
      now: clock,
      tickMs: 40,
    });
    const events: SchedulerEvent[] = [];
    scheduler.onEvent((e) => events.push(e));
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, h.runs.running().length)), 10);
    scheduler.start();
    await waitFor(() => events.filter((e) => e.type === 'started').length >= 2, 20_000, 'two runs');
    await scheduler.close();
    await h.pipeline.idle();
    clearInterval(watch);

    const started = events.filter((e) => e.type === 'started').length;
    const skipped = events.filter((e) => e.type === 'skipped');
    const { runs } = await h.runs.list({ pageSize: 200 });
    expect(runs).toHaveLength(started); // nothing was queued behind the slow run
    expect(skipped.length).toBeGreaterThan(started);
    expect(skipped[0]?.reason).toMatch(/still going/);
    expect(most).toBe(1);
    const byStart = [...runs].sort((a, b) => a.id - b.id);
    for (let i = 1; i < byStart.length; i++) {
      expect(Date.parse(byStart[i]!.startedAt)).toBeGreaterThanOrEqual(Date.parse(byStart[i - 1]!.endedAt!));
    }
    expect((await bookedKeys(root)).size).toBe(ORDERS);
    expect(await outboxPieces(root)).toHaveLength(ORDERS);
    await h.close();
  }, 30_000);

  it('stops a running task: gracefully between documents, or by force after the grace period', async () => {
    const root = path.join(work, 'stop');
    const h = await openHarness(root);
    const profile = shopProfile(root, sim);
    const scheduler = new Scheduler({
      schedules: await ScheduleStore.open(path.join(root, 'schedules.json')),
      profile: () => profile,
      pipeline: h.pipeline,
      timeZone: 'Europe/Paris',
    });

    // The shop answers in 5 s: the worker never reaches its next document and is terminated.
    sim.faults.slowMs = 5000;
    let runId = 0;
    const forced = h.pipeline.processShop(profile, { task: 'orders', onStarted: (r) => (runId = r.id) });
    const requestsBefore = sim.requests.length;
    await waitFor(() => runId > 0 && h.runs.running().length > 0, 10_000, 'the run');
    // The worker is up once its first request reached the shop (which then answers in 5 s).
    await waitFor(() => sim.requests.length > requestsBefore, 20_000, 'the worker reading the shop');
    const t = Date.now();
    expect(scheduler.stop(runId, 300)).toBe(true);
    const stopped = await forced;
    expect(Date.now() - t).toBeLessThan(3000);
    expect(stopped.status).toBe('failed');
    expect(stopped.message).toMatch(/stopped/);

    // Pages come slowly: the worker sees 'cancel' between documents and stops by itself.
    sim.faults.slowMs = 150;
    // Wait until this run's worker talks to the shop (a loaded machine starts workers slowly).
    const before = sim.requests.length;
    const graceful = h.pipeline.processShop(profile, { task: 'orders', onStarted: (r) => (runId = r.id) });
    await waitFor(() => sim.requests.length > before + 1, 20_000, 'the worker reading the shop');
    expect(scheduler.stop(runId, 10_000)).toBe(true);
    const cancelled = await graceful;
    expect(cancelled.status).toBe('failed');
    expect(cancelled.message).toMatch(/stopped/);

    expect((await bookedKeys(root)).size).toBe(0);
    expect(await outboxPieces(root)).toEqual([]);
    expect(scheduler.stop(runId)).toBe(false); // no longer running
    await h.close();
  }, 30_000);

  it('books nothing twice and loses nothing across a restart in the middle of a run', async () => {
    const root = path.join(work, 'restart');
    const profile = shopProfile(root, sim);
    sim.faults.slowMs = 150;
    const first = await openHarness(root);
    let runId = 0;
    const interrupted = first.pipeline.processShop(profile, {
      task: 'orders',
      onStarted: (r) => (runId = r.id),
    });
    await waitFor(() => runId > 0, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await first.close(300); // SIGTERM: what the appliance's close() does
    expect(ended(await interrupted)).toBe(true);

    sim.faults.slowMs = 0;
    const second = await openHarness(root);
    await second.pipeline.recover([profile]);
    const after = await second.pipeline.processShop(profile, { task: 'orders' });
    const again = await second.pipeline.processShop(profile, { task: 'orders' });
    expect(after.counts.booked + (await first.runs.get(runId))!.counts.booked).toBe(ORDERS);
    expect(again.counts.booked).toBe(0);
    const pieces = await outboxPieces(root);
    expect(pieces).toHaveLength(ORDERS);
    expect(new Set(pieces).size).toBe(ORDERS);
    expect((await bookedKeys(root)).size).toBe(ORDERS);
    await second.close();
  }, 30_000);
});
