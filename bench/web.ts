// Web latency with a long run history: the appliance with 100,000 runs (BENCH_WEB_RUNS),
// the runs page (with filters and pages) and a run page requested under a small
// concurrent load from a second process over keep-alive connections to 127.0.0.1.
// benchWeb() returns the p95 of each; `tsx bench/web.ts` prints them. seedRunHistory()
// also serves the page-speed test, so that both measure the same history.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { emptyCounts, type RunRecord, type RunStatus, type RunTask } from '../src/domain/run.js';
import { setQuiet } from '../src/log.js';
import { startAppliance, type Appliance } from '../src/serve.js';
import { dataLayout } from '../src/store/data-layout.js';

const STATUSES: RunStatus[] = ['succeeded', 'succeeded', 'succeeded', 'partly', 'failed'];
const TASKS: RunTask[] = ['orders', 'creditnotes', 'drop-folder'];
const PROFILES = [
  { id: 'default', name: 'Dépôt de fichiers' },
  { id: 'p2', name: 'Boutique Lavande' },
  { id: 'p3', name: 'Atelier Nord' },
];

export interface SeededHistory {
  count: number;
  /** Runs with a journal and an error log on disk (the others have none, as after retention). */
  detailed: number[];
}

/**
 * Writes `count` finished runs straight into the store's files (runs/runs.jsonl, one
 * snapshot per run, as RunStore writes them), over the last two years, the newest now.
 * A few runs get a journal of 200 lines, an error log of 20 and a kept file.
 */
export async function seedRunHistory(
  dataDir: string,
  count: number,
  now = Date.now(),
): Promise<SeededHistory> {
  const layout = dataLayout(dataDir);
  await fs.mkdir(layout.runsDir, { recursive: true });
  const span = 2 * 365 * 86_400_000;
  const detailed = [1, Math.ceil(count / 2), count];
  const lines: string[] = [];
  for (let id = 1; id <= count; id++) {
    const profile = PROFILES[id % PROFILES.length] as (typeof PROFILES)[number];
    const status = STATUSES[id % STATUSES.length] as RunStatus;
    const started = now - span + Math.floor((span * id) / (count + 1));
    const booked = 40 + (id % 60);
    const dir = path.join(layout.runsDir, String(id));
    const record: RunRecord = {
      id,
      profileId: profile.id,
      profileName: profile.name,
      task: TASKS[id % TASKS.length] as RunTask,
      status,
      startedAt: new Date(started).toISOString(),
      endedAt: new Date(started + 4_000).toISOString(),
      durationMs: 4_000,
      counts: {
        ...emptyCounts(),
        read: booked + 2,
        booked,
        failed: status === 'succeeded' ? 0 : 2,
        entries: booked,
        lines: booked * 4,
      },
      debit: `${booked * 120}.40`,
      credit: `${booked * 120}.40`,
      done: booked + 2,
      files: [
        {
          kind: 'source',
          name: `Commandes-${id}.xml`,
          path: path.join(dir, 'source', `Commandes-${id}.xml`),
        },
        { kind: 'entries', name: `Ventes-${id}.txt`, path: path.join(dir, 'files', `Ventes-${id}.txt`) },
      ],
      ...(status === 'failed' ? { message: 'Le fichier XML est mal formé' } : {}),
    };
    lines.push(JSON.stringify(record));
  }
  await fs.writeFile(layout.runsIndex, `${lines.join('\n')}\n`);
  for (const id of detailed) {
    const dir = path.join(layout.runsDir, String(id));
    await fs.mkdir(path.join(dir, 'files'), { recursive: true });
    await fs.writeFile(
      path.join(dir, 'files', `Ventes-${id}.txt`),
      'VE;14/03/2025;706000;1200,40\r\n'.repeat(200),
    );
    const at = new Date(now - 86_400_000).toISOString();
    const journal = Array.from({ length: 200 }, (_, i) =>
      JSON.stringify({
        at,
        level: i % 10 === 0 ? 'warn' : 'info',
        document: `commande ${1000 + i}`,
        message: `Commande ${1000 + i} comptabilisée`,
      }),
    );
    const errors = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify({
        at,
        file: 'orders.xml',
        document: `commande ${2000 + i}`,
        field: 'tax_rate',
        message: `Taux de TVA inconnu « 7,${i} »`,
        fix: 'Ajoutez ce taux dans les exceptions du profil',
      }),
    );
    await fs.writeFile(path.join(dir, 'journal.jsonl'), `${journal.join('\n')}\n`);
    await fs.writeFile(path.join(dir, 'errors.jsonl'), `${errors.join('\n')}\n`);
  }
  return { count, detailed };
}

export interface SeededAppliance {
  appliance: Appliance;
  dataDir: string;
  history: SeededHistory;
  /** The signed-in administrator's Cookie header. */
  cookie: string;
  close(): Promise<void>;
}

async function signIn(url: string): Promise<string> {
  const jar = new Map<string, string>();
  const call = async (target: string, init: RequestInit = {}): Promise<string> => {
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const response = await fetch(`${url}${target}`, {
      redirect: 'manual',
      ...init,
      headers: { ...(cookie ? { cookie } : {}), ...(init.headers as Record<string, string>) },
    });
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
    return response.text();
  };
  const token = /name="_csrf" value="([^"]+)"/.exec(await call('/setup'))?.[1] ?? '';
  const password = 'bench password 0123';
  await call('/setup', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      _csrf: token,
      username: 'admin',
      password,
      passwordAgain: password,
    }).toString(),
  });
  return [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
}

/** The appliance on a fresh data folder with `count` runs in its history, and a signed-in cookie. */
export async function startSeededAppliance(count: number): Promise<SeededAppliance> {
  setQuiet(true);
  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-web-bench-'));
  const history = await seedRunHistory(dataDir, count);
  const appliance = await startAppliance({
    dataDir,
    port: 0,
    host: '127.0.0.1',
    stabilityMs: 2000,
    polling: false,
    rescanMs: 3_600_000,
    timeZone: 'Europe/Paris',
  });
  const cookie = await signIn(appliance.url);
  return {
    appliance,
    dataDir,
    history,
    cookie,
    async close() {
      await appliance.close();
      await fs.rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The load generator, run by a second node process: `concurrency` keep-alive connections
 * each sending its share of `requests` requests for `paths` (round robin), after a
 * warm-up; prints the latencies in ms per path group as one JSON line.
 */
const LOAD_SCRIPT = `
const http = require('node:http');
const { url, cookie, groups, concurrency, requests, warmup } = JSON.parse(process.argv[1]);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const target = new URL(url);
function get(path) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.get({ host: target.hostname, port: target.port, path, agent, headers: { cookie } }, (res) => {
      res.resume();
      res.on('end', () => {
        if (res.statusCode !== 200) reject(new Error(path + ' answered ' + res.statusCode));
        else resolve(Number(process.hrtime.bigint() - started) / 1e6);
      });
    });
    req.on('error', reject);
  });
}
async function phase(count, record) {
  const names = Object.keys(groups);
  let next = 0;
  const out = Object.fromEntries(names.map((n) => [n, []]));
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const name = names[i % names.length];
      const paths = groups[name];
      const ms = await get(paths[Math.floor(i / names.length) % paths.length]);
      if (record) out[name].push(ms);
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}
(async () => {
  await phase(warmup, false);
  const latencies = await phase(requests, true);
  process.stdout.write(JSON.stringify(latencies) + '\\n');
  agent.destroy();
})().catch((error) => { console.error(error); process.exit(1); });
`;

interface LoadOptions {
  url: string;
  cookie: string;
  groups: Record<string, string[]>;
  concurrency: number;
  requests: number;
  warmup: number;
}

function runLoad(options: LoadOptions): Promise<Record<string, number[]>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-e', LOAD_SCRIPT, JSON.stringify(options)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`load generator exited with ${code}: ${err}`));
      else resolve(JSON.parse(out) as Record<string, number[]>);
    });
  });
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const round = (ms: number): number => Math.round(ms * 100) / 100;

export interface WebBenchResult {
  runsPageP95Ms: number;
  runPageP95Ms: number;
  /** The larger of the two: what bench/run.ts reports as web_p95_ms. */
  p95Ms: number;
}

export async function benchWeb(): Promise<WebBenchResult> {
  const count = Number(process.env.BENCH_WEB_RUNS ?? 100_000);
  const seeded = await startSeededAppliance(count);
  try {
    const pages = [1, 2, 7, 40, 400, Math.floor(count / 25)];
    const runsPaths = [
      '/runs',
      ...pages.map((p) => `/runs?page=${p}`),
      '/runs?status=failed',
      '/runs?status=partly&page=3',
      '/runs?profile=p2&task=orders',
      '/runs?profile=p3&status=succeeded&page=10',
    ];
    // Run pages: the detailed ones and others spread over the history.
    const runPaths = [
      ...seeded.history.detailed,
      ...Array.from({ length: 17 }, (_, i) => 1 + Math.floor(((i + 1) * (count - 1)) / 18)),
    ].map((id) => `/runs/${id}`);
    const latencies = await runLoad({
      url: seeded.appliance.url,
      cookie: seeded.cookie,
      groups: { runs: runsPaths, run: runPaths },
      concurrency: 4,
      requests: 2000,
      warmup: 200,
    });
    const runsPageP95Ms = round(percentile(latencies.runs ?? [], 95));
    const runPageP95Ms = round(percentile(latencies.run ?? [], 95));
    return { runsPageP95Ms, runPageP95Ms, p95Ms: Math.max(runsPageP95Ms, runPageP95Ms) };
  } finally {
    await seeded.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const started = Date.now();
  const result = await benchWeb();
  console.log(
    JSON.stringify({
      runs: Number(process.env.BENCH_WEB_RUNS ?? 100_000),
      ...result,
      seconds: (Date.now() - started) / 1000,
    }),
  );
}
