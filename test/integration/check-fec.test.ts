// `comptoir check-fec` accepts every FEC we write (each order fixture, default profile) and
// rejects a broken one with line numbers; the customers file rides along for formats with one.
import { spawn } from 'node:child_process';
import { createReadStream, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkFec } from '../../src/domain/format/fec-check.js';
import { getFormat } from '../../src/domain/format/predefined/index.js';
import { defaultDropFolderProfile } from '../../src/domain/presets/format-france.js';
import { convertOrderStream } from '../../src/pipeline/convert.js';

let work: string;
beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-check-fec-'));
});
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

const ORDERS = path.resolve('test/fixtures/orders');
const fixtures = readdirSync(ORDERS).filter((name) => name.endsWith('.xml'));

function comptoir(args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/cli.ts'), ...args]);
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout }));
  });
}

async function convert(fixture: string, formatId: string) {
  const outDir = await fs.mkdtemp(path.join(work, 'out-'));
  return convertOrderStream(createReadStream(path.join(ORDERS, fixture)), {
    profile: defaultDropFolderProfile('p', outDir, outDir),
    format: getFormat(formatId)!,
    outDir,
    today: '2024-12-31',
  });
}

describe('check-fec on our own FEC', () => {
  it.each(fixtures)('accepts the FEC of %s', async (fixture) => {
    const result = await convert(fixture, 'fec');
    const entries = result.outputs.find((o) => o.kind === 'entries');
    expect(entries).toBeDefined();
    expect(result.outputs.some((o) => o.kind === 'customers')).toBe(false); // FEC has none
    const text = await fs.readFile(entries!.tmpPath, 'utf8');
    expect(checkFec(text.split('\r\n'), '123456789FEC20241231.txt')).toEqual([]);
  });

  it('exits 0 on a valid file and 1 with line numbers on a broken one', async () => {
    const result = await convert('2024-03-boutique-cdata.xml', 'fec');
    const valid = path.join(work, '123456789FEC20241231.txt');
    await fs.copyFile(result.outputs[0]!.tmpPath, valid);
    await expect(comptoir(['check-fec', valid])).resolves.toMatchObject({ code: 0 });
    const broken = await comptoir(['check-fec', path.resolve('test/fixtures/fec-broken/unbalanced.txt')]);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toMatch(/unbalanced\.txt:2: \[unbalanced\] entry 1 of journal VTE is not balanced/);
  });
});

describe('customers file', () => {
  it('is written beside the entries for a format that has one, each account once', async () => {
    const result = await convert('2024-03-boutique-cdata.xml', 'csv');
    const customers = result.outputs.find((o) => o.kind === 'customers');
    expect(customers).toBeDefined();
    const lines = (await fs.readFile(customers!.tmpPath, 'latin1')).split('\r\n').filter(Boolean);
    expect(lines[0]).toMatch(/^"Compte client";"Compte comptable";"Nom"/);
    const accounts = lines.slice(1).map((l) => l.split(';')[0]);
    expect(new Set(accounts).size).toBe(accounts.length);
    expect(customers!.lines).toBe(accounts.length);
  });
});
