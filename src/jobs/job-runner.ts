// Runs jobs in Bree worker threads. Workers fetch, parse, book and render, then post
// their results; the main thread stays the only writer of the store (STYLE.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Bree from 'bree';
import { logger } from '../log.js';

const log = logger('jobs');
const here = path.dirname(fileURLToPath(import.meta.url));
// Running from src/ (tests, `npm run dev`) the job is TypeScript: start it through tsx.
const fromSource = fileURLToPath(import.meta.url).endsWith('.ts');

export type JobName = 'convert-file';

interface Pending {
  onMessage: (message: unknown) => void;
  resolve: () => void;
  reject: (error: Error) => void;
  failure?: Error;
  /** Settles when the job ends, however it ends. */
  ended: Promise<void>;
}

/** A pooled worker (a Bree job that stays up): idle, or running one job. */
interface PooledWorker {
  name: string;
  busy: boolean;
  idleTimer?: NodeJS.Timeout;
}

/** An idle worker exits after this long: its memory goes back, the next run starts a new one. */
const IDLE_MS = 60_000;
/** Workers kept for reuse at most; more run at once (profiles in parallel) but end after. */
const POOL_SIZE = 2;

function jobLocation(job: JobName): { path: string; workerData: Record<string, unknown> } {
  if (fromSource) {
    return {
      path: path.join(here, 'tsx-bootstrap.mjs'),
      workerData: { tsJob: path.join(here, `${job}.ts`) },
    };
  }
  return { path: path.join(here, `${job}.js`), workerData: {} };
}

export interface RunOptions {
  /** A key the caller can later cancel() the job by (the pipeline uses `run-<id>`). */
  key?: string;
}

export class JobRunner {
  private readonly bree: Bree;
  /** Bree job name → the job it runs now (its messages go to onMessage until 'done'). */
  private readonly pending = new Map<string, Pending>();
  private readonly pool = new Map<string, PooledWorker>();
  /** Caller's key → Bree job name, while the job runs. */
  private readonly keys = new Map<string, string>();
  private sequence = 0;
  private stopping = false;

  /** Workers started so far: with the pool, far fewer than jobs run. */
  get workersStarted(): number {
    return this.sequence;
  }

  constructor() {
    this.bree = new Bree({
      root: false,
      jobs: [],
      removeCompleted: true,
      doRootCheck: false,
      logger: {
        info: () => undefined,
        warn: (...args: unknown[]) => log.warn(String(args[0])),
        error: (...args: unknown[]) => log.error(String(args[0])),
      } as unknown as Bree.BreeLogger,
      workerMessageHandler: ({ name, message }: { name: string; message: unknown }) =>
        this.onWorkerMessage(name, message),
      errorHandler: (error: unknown, meta: { name: string }) => {
        const pending = this.pending.get(meta.name);
        if (pending) pending.failure = error instanceof Error ? error : new Error(String(error));
        else log.error('job error', { job: meta.name, error });
      },
    });
    // A worker gone (exited when idle, terminated after a cancel, crashed): its job, if
    // any, ends without a result, which the caller reports; the pool forgets it.
    this.bree.on('worker deleted', (name: string) => {
      const worker = this.pool.get(name);
      if (worker?.idleTimer) clearTimeout(worker.idleTimer);
      this.pool.delete(name);
      this.finish(name);
    });
  }

  /** Runs one job to its end in a pooled worker; every message it posts goes to onMessage, in order. */
  async run(
    job: JobName,
    data: Record<string, unknown>,
    onMessage: (message: unknown) => void,
    options: RunOptions = {},
  ): Promise<void> {
    if (this.stopping) throw new Error('The job runner is stopping');
    const worker = await this.worker(job);
    const { key } = options;
    let settle!: Pick<Pending, 'resolve' | 'reject'>;
    const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    this.pending.set(worker.name, { onMessage, ...settle, ended: done.catch(() => undefined) });
    if (key) this.keys.set(key, worker.name);
    try {
      this.bree.workers.get(worker.name)?.postMessage({ type: 'job', data });
      await done;
    } finally {
      if (key && this.keys.get(key) === worker.name) this.keys.delete(key);
      this.release(worker);
    }
  }

  /**
   * Stops one job: it receives 'cancel' (convert-file stops between documents), and its
   * worker is terminated if the job still runs after graceMs (a worker waiting on a slow
   * shop never reaches the next document). False when no job runs under that key.
   */
  cancel(key: string, graceMs: number): boolean {
    const name = this.keys.get(key);
    return name ? this.cancelJob(name, graceMs) : false;
  }

  /**
   * Asks running jobs to stop (they receive 'cancel'), terminates those still running
   * after graceMs, then waits for them and ends the idle workers: a stop must fit in the
   * container's grace period.
   */
  async stop(graceMs = 5000): Promise<void> {
    this.stopping = true;
    const running = [...this.pending.keys()];
    const ended = running.map((name) => this.ended(name));
    for (const name of running) this.cancelJob(name, graceMs);
    await Promise.all(ended);
    // Idle workers end on 'cancel' (convert-file.ts), which Bree's stop() sends them.
    await this.bree.stop();
  }

  /** An idle pooled worker of this job, or a new one. */
  private async worker(job: JobName): Promise<PooledWorker> {
    for (const worker of this.pool.values()) {
      if (worker.busy || !worker.name.startsWith(`${job}-`) || !this.bree.workers.has(worker.name)) continue;
      if (worker.idleTimer) clearTimeout(worker.idleTimer);
      worker.busy = true;
      return worker;
    }
    const name = `${job}-${++this.sequence}`;
    const location = jobLocation(job);
    await this.bree.add({
      name,
      path: location.path,
      worker: { workerData: { ...location.workerData, pooled: true } },
    });
    await this.bree.run(name);
    const worker: PooledWorker = { name, busy: true };
    this.pool.set(name, worker);
    return worker;
  }

  /** After a job: back to the pool (and exit once idle for a while), or exit now when the pool is full. */
  private release(worker: PooledWorker): void {
    worker.busy = false;
    const thread = this.bree.workers.get(worker.name);
    if (!thread || !this.pool.has(worker.name)) return;
    const idle = [...this.pool.values()].filter((w) => !w.busy).length;
    if (this.stopping || idle > POOL_SIZE) {
      this.retire(worker);
      return;
    }
    worker.idleTimer = setTimeout(() => this.retire(worker), IDLE_MS);
    worker.idleTimer.unref();
  }

  /** Out of the pool first, so that no job is handed to a worker on its way out. */
  private retire(worker: PooledWorker): void {
    this.pool.delete(worker.name);
    this.bree.workers.get(worker.name)?.postMessage('exit');
  }

  private onWorkerMessage(name: string, message: unknown): void {
    if (isDone(message)) this.finish(name);
    else this.pending.get(name)?.onMessage(message);
  }

  /** The worker's current job ended: resolved, or rejected with the error it raised. */
  private finish(name: string): void {
    const pending = this.pending.get(name);
    if (!pending) return;
    this.pending.delete(name);
    if (pending.failure) pending.reject(pending.failure);
    else pending.resolve();
  }

  private cancelJob(name: string, graceMs: number): boolean {
    const worker = this.bree.workers.get(name);
    if (!worker || !this.pending.has(name)) return false;
    worker.postMessage('cancel');
    const timer = setTimeout(() => {
      if (this.bree.workers.get(name) !== worker || !this.pending.has(name)) return;
      log.warn('job still running after its grace period: terminated', { job: name, graceMs });
      void worker.terminate();
    }, graceMs);
    timer.unref();
    worker.once('exit', () => clearTimeout(timer));
    return true;
  }

  /** Resolves once the worker's current job has ended, however it ended. */
  private ended(name: string): Promise<void> {
    return this.pending.get(name)?.ended ?? Promise.resolve();
  }
}

function isDone(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'done';
}
