// Dev and test only: Bree workers cannot load .ts files on Node 20 through execArgv
// (TOOLCHAIN.md), so the worker starts here, registers tsx, then imports the job.
import { workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { register } from 'tsx/esm/api';

register();
await import(pathToFileURL(workerData.tsJob).href);
