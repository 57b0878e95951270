// Bree job: a worker thread that converts runs (convert-job.ts). Pooled (JobRunner): it
// stays up and takes one job after another — starting a worker and loading the reader,
// the engine and the formats costs far more than converting a small dropped file — until
// told to exit. Each job ends with 'done'; 'cancel' stops the current job between documents.
import { parentPort, workerData } from 'node:worker_threads';
import { runConvertJob, type ConvertJobData } from './convert-job.js';

export type { ConvertJobData, ConvertJobMessage, ConvertJobSource } from './convert-job.js';

/** What the pool posts to the worker. */
export type ConvertWorkerCommand = { type: 'job'; data: ConvertJobData } | 'cancel' | 'exit';

let stopping = false;
let running = 0;
let queue: Promise<void> = Promise.resolve();
const post = (message: unknown): void => parentPort?.postMessage(message);

parentPort?.on('message', (command: ConvertWorkerCommand) => {
  // 'cancel' stops the job between documents; with no job (Bree's stop()), the worker ends.
  if (command === 'cancel') {
    stopping = true;
    if (running === 0) parentPort?.close();
  } else if (command === 'exit') parentPort?.close();
  else {
    // One job at a time: the pool sends the next only after 'done', the queue is a safeguard.
    running++;
    queue = queue.then(async () => {
      stopping = false;
      await runConvertJob(command.data, post, () => stopping);
      running--;
      post({ type: 'done' });
    });
  }
});

// Started for a single job (workerData holds it): run it, then let the thread end.
const single = workerData as Partial<ConvertJobData> & { pooled?: boolean };
if (!single.pooled) {
  parentPort?.unref();
  await runConvertJob(single as ConvertJobData, post, () => stopping);
}
