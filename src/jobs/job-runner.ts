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
}

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
  private readonly pending = new Map<string, Pending>();
  /** Caller's key → Bree job name, while the job runs. */
  private readonly keys = new Map<string, string>();
  private sequence = 0;

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
        this.pending.get(name)?.onMessage(message),
      errorHandler: (error: unknown, meta: { name: string }) => {
        const pending = this.pending.get(meta.name);
        if (pending) pending.failure = error instanceof Error ? error : new Error(String(error));
        else log.error('job error', { job: meta.name, error });
      },
    });
    this.bree.on('worker deleted', (name: string) => {
      const pending = this.pending.get(name);
      if (!pending) return;
      this.pending.delete(name);
      if (pending.failure) pending.reject(pending.failure);
      else pending.resolve();
    });
  }

  /** Runs one job to its end; every message it posts goes to onMessage, in order. */
  async run(
    job: JobName,
    data: Record<string, unknown>,
    onMessage: (message: unknown) => void,
    options: RunOptions = {},
  ): Promise<void> {
    const name = `${job}-${++this.sequence}`;
    const { key } = options;
    const location = jobLocation(job);
    await this.bree.add({
      name,
      path: location.path,
      worker: { workerData: { ...location.workerData, ...data } },
    });
    const done = new Promise<void>((resolve, reject) => {
      this.pending.set(name, { onMessage, resolve, reject });
    });
    if (key) this.keys.set(key, name);
    try {
      await this.bree.run(name);
      await done;
    } finally {
      if (key && this.keys.get(key) === name) this.keys.delete(key);
    }
  }

  /**
   * Stops one job: it receives 'cancel' (convert-file stops between documents), and is
   * terminated if still running after graceMs (a worker waiting on a slow shop never
   * reaches the next document). False when no job runs under that key.
   */
  cancel(key: string, graceMs: number): boolean {
    const name = this.keys.get(key);
    return name ? this.cancelJob(name, graceMs) : false;
  }

  /**
   * Asks running jobs to stop (they receive 'cancel'), terminates those still running
   * after graceMs, then waits for them: a stop must fit in the container's grace period.
   */
  async stop(graceMs = 5000): Promise<void> {
    const running = [...this.pending.keys()];
    const ended = running.map((name) => this.ended(name));
    for (const name of running) this.cancelJob(name, graceMs);
    await Promise.all(ended);
    await this.bree.stop();
  }

  private cancelJob(name: string, graceMs: number): boolean {
    const worker = this.bree.workers.get(name);
    if (!worker) return false;
    worker.postMessage('cancel');
    const timer = setTimeout(() => {
      if (this.bree.workers.get(name) !== worker) return;
      log.warn('job still running after its grace period: terminated', { job: name, graceMs });
      void worker.terminate();
    }, graceMs);
    timer.unref();
    worker.once('exit', () => clearTimeout(timer));
    return true;
  }

  /** Resolves once the job's worker is gone, however it ended. */
  private ended(name: string): Promise<void> {
    const worker = this.bree.workers.get(name);
    if (!worker) return Promise.resolve();
    return new Promise((resolve) => worker.once('exit', () => resolve()));
  }
}
