// Environment variables, all prefixed COMPTOIR_, with every default here. Checked at
// start-up: the appliance refuses to start and lists every problem (Outline's env.ts).
import path from 'node:path';
import { ConfigError } from './domain/errors.js';

export interface Config {
  dataDir: string;
  port: number;
  host: string;
  /** How long a dropped file's size and mtime must stay the same before it is read. */
  stabilityMs: number;
  /** chokidar polling, for bind mounts and network shares. */
  polling: boolean;
  /** Safety-net rescan of the drop folders (paperless added one after its watcher missed files). */
  rescanMs: number;
  timeZone: string;
}

type Env = Record<string, string | undefined>;

function integer(
  env: Env,
  name: string,
  fallback: number,
  min: number,
  max: number,
  problems: string[],
): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min || Number(raw) > max) {
    problems.push(`${name}="${raw}" must be a whole number from ${min} to ${max}`);
    return fallback;
  }
  return Number(raw);
}

function flag(env: Env, name: string, problems: string[]): boolean {
  const raw = (env[name] ?? '').toLowerCase();
  if (['', '0', 'false', 'no'].includes(raw)) return false;
  if (['1', 'true', 'yes'].includes(raw)) return true;
  problems.push(`${name}="${env[name]}" must be 1 or 0`);
  return false;
}

function timeZone(env: Env, problems: string[]): string {
  const zone = env.COMPTOIR_TZ || 'Europe/Paris';
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    problems.push(`COMPTOIR_TZ="${zone}" is not a known time zone (e.g. Europe/Paris)`);
    return 'Europe/Paris';
  }
  return zone;
}

/** Reads the configuration; throws ConfigError listing every problem at once. */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const problems: string[] = [];
  const host = env.COMPTOIR_HOST || '0.0.0.0';
  if (!/^[\w.:-]+$/.test(host)) problems.push(`COMPTOIR_HOST="${host}" is not a host name or address`);
  const config: Config = {
    dataDir: path.resolve(cwd, env.COMPTOIR_DATA_DIR || './data'),
    port: integer(env, 'COMPTOIR_PORT', 8080, 0, 65535, problems),
    host,
    stabilityMs: integer(env, 'COMPTOIR_STABILITY_MS', 2000, 0, 600_000, problems),
    polling: flag(env, 'COMPTOIR_POLLING', problems),
    rescanMs: integer(env, 'COMPTOIR_RESCAN_MS', 60_000, 1000, 86_400_000, problems),
    timeZone: timeZone(env, problems),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
