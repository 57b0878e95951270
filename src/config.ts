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
  /**
   * COMPTOIR_DELIVERY_RETRY_MS: the delivery queue's first wait after a failed attempt,
   * doubled at each failure (domain/delivery.ts). Unset: the default policy (1 minute).
   * Shortened by the fault campaigns, which restart a server within seconds.
   */
  deliveryRetryMs?: number;
  /** Retention: days a run's journal and error log are kept (its summary always is). */
  journalDays?: number;
  /**
   * COMPTOIR_TRUST_PROXY=1: behind an HTTPS reverse proxy. Cookies are Secure, and the
   * proxy's X-Forwarded-For / X-Forwarded-Proto are trusted (sign-in throttling per client).
   */
  trustProxy?: boolean;
  /**
   * COMPTOIR_SECRET_KEY (base64 of 32 bytes), e.g. from a Docker secret; unset: data/secret.key,
   * made on first start. It signs sessions and encrypts stored secrets (store/secret-box.ts).
   */
  secretKey?: Buffer;
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

function secretKey(env: Env, problems: string[]): Buffer | undefined {
  const raw = env.COMPTOIR_SECRET_KEY?.trim();
  if (!raw) return undefined;
  const key = Buffer.from(raw, 'base64');
  // The value itself is never echoed: it is the secret.
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(raw) || key.length !== 32) {
    problems.push('COMPTOIR_SECRET_KEY must be 32 bytes in base64 (head -c 32 /dev/urandom | base64)');
    return undefined;
  }
  return key;
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
    journalDays: integer(env, 'COMPTOIR_JOURNAL_DAYS', 90, 1, 36_500, problems),
    trustProxy: flag(env, 'COMPTOIR_TRUST_PROXY', problems),
  };
  const key = secretKey(env, problems);
  if (key) config.secretKey = key;
  if (env.COMPTOIR_DELIVERY_RETRY_MS)
    config.deliveryRetryMs = integer(env, 'COMPTOIR_DELIVERY_RETRY_MS', 60_000, 100, 7_200_000, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
