// The dashboard over real HTTP on real run history: the month's figures match the runs
// seeded in it (and only those), the SVG chart has one bar per day, and the page stays
// fast with 10,000 runs in history.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emptyCounts, type RunRecord } from '../../src/domain/run.js';
import { setQuiet } from '../../src/log.js';
import { RunStore } from '../../src/store/runs.js';
import { SettingsStore } from '../../src/store/settings.js';
import { createWebApp, startWebServer } from '../../src/web/app.js';
import { WebClient } from '../helpers/web-client.js';
import { startWebFixture, type WebFixture } from './web-fixture.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let fx: WebFixture;
let client: WebClient;

async function finishedRun(fields: Partial<RunRecord> & { startedAt: string }): Promise<RunRecord> {
  const started = await fx.runs.create({
    profileId: 'p1',
    profileName: 'Boutique Lavande',
    task: 'orders',
    status: 'running',
    counts: emptyCounts(),
    debit: '0.00',
    credit: '0.00',
    done: 0,
    files: [],
    ...fields,
  });
  const run: RunRecord = { ...started, status: 'succeeded', endedAt: fields.startedAt, ...fields };
  await fx.runs.finish(run);
  return run;
}

const figure = (html: string, name: string): string | undefined =>
  new RegExp(`data-figure="${name}"[^>]*>([^<]*)<`).exec(html)?.[1];

beforeAll(async () => {
  fx = await startWebFixture();
  client = new WebClient(fx.url);
  await client.setup('admin', 'correct horse battery');
  // The fixture has three ended runs on 14, 15 and 16 March 2025 (Paris); add two more:
  // one late on 31 March in Paris (already April in UTC) and one in April, not counted.
  await finishedRun({
    startedAt: '2025-03-31T21:30:00.000Z',
    counts: { read: 5, booked: 4, failed: 1, ignored: 0, entries: 4, lines: 12 },
    debit: '100.04',
    status: 'partly',
  });
  await finishedRun({
    startedAt: '2025-04-01T08:00:00.000Z',
    counts: { read: 7, booked: 7, failed: 0, ignored: 0, entries: 7, lines: 21 },
    debit: '999.99',
  });
}, 60_000);

afterAll(async () => {
  await fx?.close();
});

describe('dashboard', () => {
  it('is where "/" leads once signed in', async () => {
    const home = await client.request('/');
    expect(home.status).toBe(302);
    expect(home.headers.get('location')).toBe('/dashboard');
  });

  it("shows the month's figures of the seeded runs, per profile and in total", async () => {
    const response = await client.request('/dashboard?month=2025-03');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('mars 2025');
    // 2 + 3 + 0 + 4 booked; 0 + 1 + 1 + 1 failed; the April run and the running one left out.
    expect(figure(html, 'documents')).toBe('9');
    expect(figure(html, 'entries')).toBe('9');
    expect(figure(html, 'lines')).toBe('29');
    expect(figure(html, 'failures')).toBe('3');
    expect(figure(html, 'runs')).toBe('4');
    expect(figure(html, 'failedRuns')).toBe('1');
    expect(figure(html, 'debit')).toBe('1334,60');
    expect(html).toMatch(
      /<th scope="row"><a href="\/runs\?profile=p1">Boutique Lavande<\/a><\/th>\s*<td class="num">9<\/td>/,
    );
    expect(html).toMatch(
      /<th scope="row"><a href="\/runs\?profile=p2">Atelier Nord<\/a><\/th>\s*<td class="num">0<\/td>/,
    );
    expect(html).toContain('href="/dashboard?month=2025-02"');
    expect(html).toContain('href="/dashboard?month=2025-04"');

    const april = await (await client.request('/dashboard?month=2025-04')).text();
    expect(figure(april, 'documents')).toBe('7');
    expect(figure(april, 'debit')).toBe('999,99');
  });

  it('draws one bar per day of the month in server-rendered SVG, heights following the days', async () => {
    const html = await (await client.request('/dashboard?month=2025-03')).text();
    expect(html).not.toMatch(/<script(?![^>]*src="\/static\/htmx\.min\.js")/);
    const svg = /<svg[\s\S]*?<\/svg>/.exec(html)?.[0] ?? '';
    const bars = [...svg.matchAll(/<rect class="bar" [^>]*height="([\d.]+)" data-documents="(\d+)"/g)];
    expect(bars).toHaveLength(31);
    const documents = bars.map((b) => Number(b[2]));
    expect(documents[13]).toBe(2); // 14 March
    expect(documents[14]).toBe(3);
    expect(documents[30]).toBe(4); // 31 March in Paris
    expect(documents.reduce((a, b) => a + b, 0)).toBe(9);
    const heights = bars.map((b) => Number(b[1]));
    expect(heights[30]).toBeGreaterThan(heights[14]!);
    expect(heights[14]).toBeGreaterThan(heights[13]!);
    expect(heights[0]).toBe(0);
    expect([...svg.matchAll(/class="bar-failed"/g)]).toHaveLength(3);

    const february = await (await client.request('/dashboard?month=2024-02')).text();
    expect([...february.matchAll(/<rect class="bar" /g)]).toHaveLength(29);
    expect(february).toContain('Aucune exécution terminée ce mois-ci.');
  });

  it('ignores a bad month and shows the current one', async () => {
    const html = await (await client.request('/dashboard?month=2025-13')).text();
    const now = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date()).slice(0, 7);
    expect(html).toContain(`name="month" type="month" value="${now}"`);
  });
});

describe('dashboard with 10,000 runs in history', () => {
  let root: string;
  let server: http.Server;
  let runs: RunStore;
  let history: WebClient;

  beforeAll(async () => {
    setQuiet(true);
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-dashboard-'));
    // The history is written as the run store writes it (start and end snapshots), at once.
    const base = Date.parse('2024-06-01T06:00:00.000Z');
    const lines: string[] = [];
    for (let id = 1; id <= 10_000; id++) {
      const startedAt = new Date(base + (id % 30) * 86_400_000 + id * 1000).toISOString();
      const record = {
        id,
        profileId: id % 3 === 0 ? 'drop' : 'shop',
        profileName: id % 3 === 0 ? 'Dépôt' : 'Boutique',
        task: 'orders',
        startedAt,
        debit: '1.10',
        credit: '1.10',
        done: 1,
        files: [],
      };
      lines.push(JSON.stringify({ ...record, status: 'running', counts: emptyCounts() }));
      lines.push(
        JSON.stringify({
          ...record,
          status: 'succeeded',
          endedAt: startedAt,
          counts: { read: 1, booked: 1, failed: 0, ignored: 0, entries: 1, lines: 3 },
        }),
      );
    }
    await fs.mkdir(path.join(root, 'runs'), { recursive: true });
    await fs.writeFile(path.join(root, 'runs', 'runs.jsonl'), `${lines.join('\n')}\n`);
    runs = await RunStore.open(root);
    const secretKey = randomBytes(32);
    const settings = await SettingsStore.open(path.join(root, 'comptoir.json'), secretKey);
    const app = createWebApp({
      settings,
      runs,
      secretKey,
      timeZone: 'Europe/Paris',
      dataDir: root,
      viewsDir: path.join(ROOT, 'views'),
      publicDir: path.join(ROOT, 'public'),
    });
    server = await startWebServer(app, '127.0.0.1', 0);
    history = new WebClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    await history.setup('admin', 'correct horse battery');
  }, 60_000);

  afterAll(async () => {
    server?.closeAllConnections();
    await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
    await runs?.close();
    if (root) await fs.rm(root, { recursive: true, force: true });
  });

  it('counts a month of 10,000 runs and answers quickly', async () => {
    const timed = async (url: string): Promise<{ html: string; ms: number }> => {
      const started = performance.now();
      const html = await (await history.request(url)).text();
      return { html, ms: performance.now() - started };
    };
    await timed('/dashboard?month=2024-06'); // warm-up (templates compiled, code optimised)
    const busy = await timed('/dashboard?month=2024-06');
    expect(figure(busy.html, 'documents')).toBe('10000');
    expect(figure(busy.html, 'debit')).toBe('11000,00');
    expect(busy.html).toMatch(
      /<th scope="row"><a href="\/runs\?profile=drop">Dépôt<\/a><\/th>\s*<td class="num">3333<\/td>/,
    );
    const quiet = await timed('/dashboard?month=2024-09');
    expect(figure(quiet.html, 'documents')).toBe('0');
    console.log(
      `dashboard: ${busy.ms.toFixed(0)} ms for a month of 10,000 runs, ${quiet.ms.toFixed(0)} ms for an empty month`,
    );
    // Generous bounds: the machine is shared; before the period query and the day cache the
    // busy month took seconds.
    expect(quiet.ms).toBeLessThan(250);
    expect(busy.ms).toBeLessThan(1000);
  });
});
