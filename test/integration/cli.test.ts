// `comptoir convert` and `comptoir formats` as a user runs them: a real process, real files.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFtpServer } from '../servers/ftp.js';

let work: string;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command line from the sources, as `node dist/cli.js` would from the build. */
function comptoir(args: string[], input?: string): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/cli.ts'), ...args], {
      cwd: path.resolve('.'),
      env: { ...process.env, COMPTOIR_TZ: 'Europe/Paris' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input ?? '');
  });
}

const fixture = (name: string): string => path.resolve('test/fixtures', name);

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-cli-'));
});
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

describe('comptoir convert', () => {
  it('converts a good file, exits 0 and prints the JSON summary', async () => {
    const out = path.join(work, 'good');
    const result = await comptoir(['convert', fixture('orders/2024-05-latin1.xml'), '--out', out, '--json']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout) as {
      read: number;
      booked: number;
      debit: string;
      credit: string;
      files: string[];
    };
    expect(summary).toMatchObject({ read: 4, booked: 4, failed: 0, ignored: 0 });
    expect(summary.debit).toBe(summary.credit);
    expect(summary.files).toHaveLength(1);
    const text = await fs.readFile(summary.files[0] ?? '', 'utf8');
    expect(text.startsWith('JournalCode\tJournalLib\tEcritureNum')).toBe(true);
    expect(text).toContain('Lefèvre'); // ISO-8859-1 names arrive as UTF-8
  });

  it('writes the good documents, names the bad ones on stderr and exits 1', async () => {
    const out = path.join(work, 'mixed');
    const result = await comptoir([
      'convert',
      fixture('orders-bad/mixed-good-and-bad.xml'),
      '--out',
      out,
      '--json',
    ]);
    expect(result.code).toBe(1);
    const summary = JSON.parse(result.stdout) as { booked: number; failed: number; files: string[] };
    expect(summary.booked).toBeGreaterThan(0);
    expect(summary.failed).toBeGreaterThan(0);
    const errorLines = result.stderr.trim().split('\n');
    expect(errorLines).toHaveLength(summary.failed);
    expect(result.stderr).toMatch(/total_paid_tax_incl|order_key|order_date|creditnote_key/);
    expect(errorLines.every((l) => /^(order|credit note|document)/.test(l))).toBe(true);
    expect(await fs.readdir(out)).toHaveLength(1);
  });

  it('exits 2 on a file that is not well-formed, writing nothing', async () => {
    const out = path.join(work, 'malformed');
    const result = await comptoir([
      'convert',
      fixture('orders-bad/malformed-unclosed-tag.xml'),
      '--out',
      out,
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/line \d+, column \d+/);
    expect(await fs.readdir(out)).toEqual([]);
  });

  it('exits 2 on a missing file and on a bad option', async () => {
    expect((await comptoir(['convert', path.join(work, 'nope.xml')])).code).toBe(2);
    const bad = await comptoir(['convert', fixture('orders/single-order.xml'), '--format', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('fec');
    expect((await comptoir(['convert', fixture('orders/single-order.xml'), '--bogus'])).code).toBe(2);
  });

  it('reads standard input with -', async () => {
    const out = path.join(work, 'stdin');
    const xml = await fs.readFile(fixture('orders/single-order.xml'), 'utf8');
    const result = await comptoir(['convert', '-', '--out', out], xml);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Documents read: 1, booked: 1/);
  });

  it('takes a partial profile file, the preset filling the rest', async () => {
    const profile = path.join(work, 'profile.json');
    await fs.writeFile(profile, JSON.stringify({ accounting: { journals: { default: { sales: 'VE' } } } }));
    const out = path.join(work, 'profile-out');
    const result = await comptoir([
      'convert',
      fixture('orders/single-order.xml'),
      '--profile',
      profile,
      '--out',
      out,
      '--json',
    ]);
    expect(result.code).toBe(0);
    const [file] = (JSON.parse(result.stdout) as { files: string[] }).files;
    const lines = (await fs.readFile(file ?? '', 'utf8')).split('\r\n').slice(1);
    expect(lines.every((l) => l.startsWith('VE\t'))).toBe(true);
    expect(lines.some((l) => l.includes('\t411000\t'))).toBe(true);
  });
});

describe('comptoir convert --deliver', () => {
  it('delivers the files written to an FTP server, and reports a server that is down', async () => {
    const server = await startFtpServer();
    try {
      const out = path.join(work, 'deliver');
      const url = `ftp://${server.user}:${encodeURIComponent(server.password)}@127.0.0.1:${server.port}/compta`;
      const result = await comptoir([
        'convert',
        fixture('orders/single-order.xml'),
        '--out',
        out,
        '--deliver',
        url,
        '--json',
      ]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const summary = JSON.parse(result.stdout) as { files: string[]; deliveries: { error?: string }[] };
      const name = path.basename(summary.files[0] ?? '');
      expect(summary.deliveries).toHaveLength(1);
      const delivered = await fs.readFile(path.join(server.root, 'compta', name));
      expect(delivered.equals(await fs.readFile(summary.files[0] ?? ''))).toBe(true);
      expect(result.stdout).not.toContain(server.password);
    } finally {
      await server.stop();
    }
    const down = await comptoir([
      'convert',
      fixture('orders/single-order.xml'),
      '--out',
      path.join(work, 'deliver-down'),
      '--deliver',
      'ftp://user:s3cret@127.0.0.1:1/compta',
    ]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/failed: .* the file stays in the output folder/);
    expect(down.stderr).not.toContain('s3cret');
    expect(await fs.readdir(path.join(work, 'deliver-down'))).toHaveLength(1);
  });

  it('refuses a malformed --deliver URL before converting anything', async () => {
    const out = path.join(work, 'deliver-bad');
    const result = await comptoir([
      'convert',
      fixture('orders/single-order.xml'),
      '--out',
      out,
      '--deliver',
      'gopher://x',
    ]);
    expect(result.code).toBe(2);
    await expect(fs.access(out)).rejects.toThrow();
  });
});

describe('comptoir formats', () => {
  it('lists the predefined formats', async () => {
    const result = await comptoir(['formats']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^fec\t/m);
  });
});
