// `comptoir serve` as `npm start` and the container run it: the built dist/cli.js in a real
// process, configured by environment, converting a dropped file in its Bree worker, and
// stopping cleanly on SIGTERM.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ordersFile } from '../helpers/orders.js';
import { waitFor } from '../helpers/wait.js';

const roots: string[] = [];
beforeAll(async () => {
  // What `npm install` does through the prepare script.
  await promisify(execFile)(process.execPath, [
    path.resolve('node_modules/typescript/bin/tsc'),
    '-p',
    'tsconfig.build.json',
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all(roots.map((r) => fs.rm(r, { recursive: true, force: true })));
});

function start(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [path.resolve('dist/cli.js'), 'serve'], {
    env: { ...process.env, COMPTOIR_HOST: '127.0.0.1', COMPTOIR_PORT: '0', COMPTOIR_LOG: 'silent', ...env },
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  return { child, output: () => output };
}

const exited = (child: ChildProcess): Promise<number | null> =>
  new Promise((resolve) => child.once('exit', (code) => resolve(code)));

describe('comptoir serve', () => {
  it('starts on its defaults, converts a dropped file, and stops on SIGTERM with status 0', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-serve-'));
    roots.push(root);
    const { child, output } = start({ COMPTOIR_DATA_DIR: root, COMPTOIR_STABILITY_MS: '300' });
    const url = await waitFor(() => /listening on (http:\S+)/.exec(output())?.[1], 20_000, 'the server');
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // First start: the default profile's folders exist, and the UI asks for an administrator.
    const home = await fetch(`${url}/runs`, { redirect: 'manual' });
    expect(home.headers.get('location')).toMatch(/\/setup$/);

    await fs.writeFile(path.join(root, 'inbox', 'orders.xml'), ordersFile([{ key: '5001' }]));
    const written = await waitFor(
      async () => {
        const names = await fs.readdir(path.join(root, 'outbox'));
        const fec = names.filter((n) => /^Ventes-\d{8}-\d{6}\.txt$/.test(n));
        return fec.length > 0 ? fec : undefined;
      },
      20_000,
      'the FEC file',
    );
    expect(written).toHaveLength(1);

    const code = exited(child);
    child.kill('SIGTERM');
    expect(await code).toBe(0);
  });

  it('refuses to start on a bad environment, listing every problem', async () => {
    const { child, output } = start({
      COMPTOIR_PORT: 'eighty',
      COMPTOIR_TZ: 'Mars/Olympus',
      COMPTOIR_POLLING: 'maybe',
    });
    expect(await exited(child)).toBe(2);
    expect(output()).toContain('COMPTOIR_PORT');
    expect(output()).toContain('COMPTOIR_TZ');
    expect(output()).toContain('COMPTOIR_POLLING');
  });
});
