// The technical log: one JSON line per event on stdout, a category per module
// (Outline's LogCategory). The user-facing journal of each run is stored apart.

export type LogCategory = 'app' | 'config' | 'store' | 'watcher' | 'pipeline' | 'jobs' | 'web' | 'cli';
type Level = 'debug' | 'info' | 'warn' | 'error';

const SECRET_KEYS = /pass(word)?|secret|token|key$|apikey|authorization|cookie/i;

/** Replaces values of secret-looking keys, at any depth (Outline's sanitize). */
export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEYS.test(k) && typeof v !== 'object' ? '[redacted]' : redact(v, depth + 1);
  }
  return out;
}

let quiet = process.env.COMPTOIR_LOG === 'silent';

/** Tests and the command line silence the technical log. */
export function setQuiet(value: boolean): void {
  quiet = value;
}

function write(level: Level, category: LogCategory, message: string, extra?: Record<string, unknown>): void {
  if (quiet || (level === 'debug' && process.env.COMPTOIR_LOG !== 'debug')) return;
  const line = { time: new Date().toISOString(), level, category, message, ...(redact(extra) as object) };
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

export interface Logger {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

export function logger(category: LogCategory): Logger {
  return {
    debug: (m, e) => write('debug', category, m, e),
    info: (m, e) => write('info', category, m, e),
    warn: (m, e) => write('warn', category, m, e),
    error: (m, e) => write('error', category, m, e),
  };
}
