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

export class JobRunner {
  private readonly bree: Bree;
  private readonly pending = new Map<string, Pending>();
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
  ): Promise<void> {
    const name = `${job}-${++this.sequence}`;
    const location = jobLocation(job);
    await this.bree.add({
      name,
      path: location.path,
      worker: { workerData: { ...location.workerData, ...data } },
    });
    const done = new Promise<void>((resolve, reject) => {
      this.pending.set(name, { onMessage, resolve, reject });
    });
    await this.bree.run(name);
    return done;
  }

  /** Asks running jobs to stop (they receive 'cancel'), then waits for them. */
  async stop(): Promise<void> {
    await this.bree.stop();
  }
}
