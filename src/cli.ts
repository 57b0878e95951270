#!/usr/bin/env node
// The command line (cli.md). Wiring only: each command lives in src/commands/.
import { checkFecCommand } from './commands/check-fec.js';
import { convertCommand } from './commands/convert.js';
import { runCommand } from './commands/run.js';
import { loadConfig } from './config.js';
import { dropPrivileges } from './container-user.js';
import { withFileSecrets } from './env-files.js';
import { ConfigError } from './domain/errors.js';
import { listFormats } from './domain/format/predefined/index.js';
import { setQuiet } from './log.js';
import { startAppliance } from './serve.js';

const USAGE = `usage:
  comptoir serve                          the appliance (web UI, drop folder, jobs)
  comptoir convert <file.xml|-> [options] one file through the pipeline, no server
      --profile <file.json>  --format <id>  --out <dir> (./out)  --json
      --deliver <ftp|ftps|sftp://user:pass@host:port/dir[?fingerprint=…]>  (repeatable)
  comptoir run <profile.json> [options]   one run of the profile's source (shop or drop folder)
      --task orders|creditnotes  --from YYYY-MM-DD  --to YYYY-MM-DD  --include-transferred
      --out <dir> (./out)  --data <dir> (./data, the ledger)  --deliver <url>  --json
  comptoir formats                        list the predefined formats (id, entries|customers, name)
  comptoir check-fec <file>               check a FEC file as the tax administration's tester does
`;

function refuseToStart(problems: string[]): number {
  process.stderr.write(`Comptoir cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  return 2;
}

async function serve(): Promise<number> {
  const { env, problems } = withFileSecrets(process.env);
  if (problems.length > 0) return refuseToStart(problems);
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return refuseToStart(error.problems);
  }
  try {
    // In the container: give the data folders to PUID:PGID, then run as that user.
    dropPrivileges(env, config.dataDir);
  } catch (error) {
    return refuseToStart([(error as Error).message]);
  }
  let appliance;
  try {
    appliance = await startAppliance(config);
  } catch (error) {
    // E.g. a secret key that cannot decrypt the stored secrets (store/settings.ts).
    if (!(error instanceof ConfigError)) throw error;
    return refuseToStart(error.problems);
  }
  process.stdout.write(`Comptoir listening on ${appliance.url}\n`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      void appliance.close().then(resolve);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  // Closed: the process ends by itself, unless an upload left at the end of the delivery
  // grace period (pipeline/delivery-service.ts) still holds its connection. That one is
  // sent again at the next start, so it must not keep the process past its grace period.
  setTimeout(() => process.exit(0), 100).unref();
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env };
  switch (command) {
    case 'serve':
      return serve();
    case 'convert':
      setQuiet(true);
      return convertCommand(args, io);
    case 'formats':
      for (const f of listFormats()) process.stdout.write(`${f.id}\t${f.kind}\t${f.name}\n`);
      return 0;
    case 'check-fec':
      return checkFecCommand(args, io);
    case 'run':
      setQuiet(true);
      return runCommand(args, io);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`comptoir: unknown command "${command}"\n${USAGE}`);
      return 2;
  }
}

// Until a command settles, the exit status says failure: a process that ends with work
// still pending (a promise that never settles) must not look like a success.
process.exitCode = 2;
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `comptoir: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
