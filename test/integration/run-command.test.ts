// `comptoir run <profile.json>` against a shop simulator over real HTTP: documents are
// read, booked and written once; a second run books nothing twice; a reset brings them
// back; the documents read are kept as order XML that converts to the same entries.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockDataFolder } from '../../src/store/data-lock.js';
import { dataLayout } from '../../src/store/data-layout.js';
import { Ledger, ledgerFile } from '../../src/store/ledger.js';
import { startWoocommerceSimulator, type WoocommerceSimulator } from '../simulators/woocommerce.js';

let work: string;
let sim: WoocommerceSimulator;

interface Summary {
  read: number;
  booked: number;
  failed: number;
  ignored: number;
  debit: string;
  credit: string;
  files: string[];
}

function comptoir(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/cli.ts'), ...args], {
      env: { ...process.env, COMPTOIR_TZ: 'Europe/Paris' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const fecBody = async (file: string): Promise<string> =>
  (await fs.readFile(file, 'utf8')).split('\r\n').slice(1).join('\n');

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-run-'));
  sim = await startWoocommerceSimulator();
  const profile = {
    id: 'boutique',
    name: 'WOOCOMMERCE <> TEXTE',
    source: {
      type: 'woocommerce',
      url: sim.url,
      consumerKey: sim.consumerKey,
      consumerSecret: sim.consumerSecret,
    },
    accounting: { customers: { customerAccount: { mode: 'per-customer', prefix: 'WEB', length: 8 } } },
  };
  await fs.writeFile(path.join(work, 'profile.json'), JSON.stringify(profile));
  await fs.writeFile(
    path.join(work, 'wrong-key.json'),
    JSON.stringify({ ...profile, source: { ...profile.source, consumerSecret: 'cs_wrong_secret_value' } }),
  );
});

afterAll(async () => {
  await sim?.close();
  await fs.rm(work, { recursive: true, force: true });
});

const run = (profile: string, out: string, ...extra: string[]) =>
  comptoir([
    'run',
    path.join(work, profile),
    '--from',
    '2017-01-01',
    '--to',
    '2017-12-31',
    '--data',
    path.join(work, 'data'),
    '--out',
    path.join(work, out),
    '--json',
    ...extra,
  ]);

describe('comptoir run', () => {
  let first: Summary;

  it('reads the shop, books the paid orders and writes them', async () => {
    const result = await run('profile.json', 'out1');
    expect([0, 1]).toContain(result.code);
    first = JSON.parse(result.stdout) as Summary;
    expect(first.booked).toBeGreaterThan(0);
    expect(first.debit).toBe(first.credit);
    expect(first.files).toHaveLength(1);
    expect(await fecBody(first.files[0] ?? '')).toContain('\t411000\t');
    if (first.failed > 0) expect(result.stderr).toMatch(/^order \S+.*— /m);
  });

  it('books nothing twice on a second run', async () => {
    const result = await run('profile.json', 'out2');
    const second = JSON.parse(result.stdout) as Summary;
    expect(second.booked).toBe(0);
    expect(second.ignored).toBe(first.booked);
    expect(second.files).toEqual([]);
  });

  it('keeps what it read as order XML that converts to the same entries', async () => {
    const runDir = path.join(work, 'data', 'runs', '1', 'source');
    const [xml] = await fs.readdir(runDir);
    const converted = await comptoir([
      'convert',
      path.join(runDir, xml ?? ''),
      '--out',
      path.join(work, 'reconverted'),
      '--json',
    ]);
    const summary = JSON.parse(converted.stdout) as Summary;
    expect(summary.booked).toBe(first.booked);
    expect(await fecBody(summary.files[0] ?? '')).toBe(await fecBody(first.files[0] ?? ''));
  });

  it('books the documents again after a reset of the transfers', async () => {
    const ledger = await Ledger.open(ledgerFile(dataLayout(path.join(work, 'data')).ledgerDir, 'boutique'));
    await ledger.reset('ALL');
    const result = await run('profile.json', 'out3');
    expect((JSON.parse(result.stdout) as Summary).booked).toBe(first.booked);
  });

  it('books already transferred documents again when asked to include them', async () => {
    const result = await run('profile.json', 'out4', '--include-transferred');
    expect((JSON.parse(result.stdout) as Summary).booked).toBe(first.booked);
  });

  it('refuses a data folder another process writes (an appliance serving it), with status 2', async () => {
    const held = await lockDataFolder(path.join(work, 'data'));
    try {
      const result = await run('profile.json', 'out6');
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/comptoir run: .*(used|lock|another)/i);
    } finally {
      await held.release();
    }
  });

  it('stops with status 2 and a clear message when the shop refuses the key, without showing it', async () => {
    const result = await run('wrong-key.json', 'out5');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/401|refus|key/i);
    expect(result.stderr + result.stdout).not.toContain('cs_wrong_secret_value');
  });
});
