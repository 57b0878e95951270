// The image, proven (issue #11): built from the Dockerfile with podman on a local base, run
// with bind-mounted data, inbox and outbox owned by PUID:PGID, signed into over HTTP, fed
// an order file on the host, stopped with SIGTERM and restarted on the same data.
// `npm run test:container` (run by .ci/run); needs root and Debian's podman.
import fs from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ordersFile } from '../helpers/orders.js';
import { waitFor } from '../helpers/wait.js';
import { ensureBaseImage, ensurePodman, BASE_IMAGE, IMAGE, podman, removeImages, work } from './podman.js';

const NAME = 'comptoir-container-test';
const PUID = 1500;
const PGID = 1500;
const host = path.join(work, 'host');
let port = 0;
let url = '';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function healthy(): Promise<boolean> {
  try {
    await podman(['healthcheck', 'run', NAME]);
    return true;
  } catch {
    return false;
  }
}

async function fecFiles(): Promise<string[]> {
  return (await fs.readdir(path.join(host, 'outbox'))).filter((n) => /^Ventes-.*\.txt$/.test(n));
}

async function start(): Promise<void> {
  await podman(['start', NAME]);
  await waitFor(healthy, 60_000, 'a healthy container');
}

beforeAll(async () => {
  await ensurePodman();
  await ensureBaseImage();
  await podman(['build', '--build-arg', `BASE=${BASE_IMAGE}`, '-t', IMAGE, path.resolve('.')], 900_000);
  await fs.rm(host, { recursive: true, force: true });
  for (const dir of ['data', 'inbox', 'outbox']) await fs.mkdir(path.join(host, dir), { recursive: true });
  port = await freePort();
  url = `http://127.0.0.1:${port}`;
  await podman(['rm', '-f', NAME]).catch(() => undefined);
  await podman([
    'create',
    '--name',
    NAME,
    '-p',
    `127.0.0.1:${port}:8080`,
    '-e',
    `PUID=${PUID}`,
    '-e',
    `PGID=${PGID}`,
    '-e',
    'COMPTOIR_STABILITY_MS=500',
    '-v',
    `${path.join(host, 'data')}:/data`,
    '-v',
    `${path.join(host, 'inbox')}:/data/inbox`,
    '-v',
    `${path.join(host, 'outbox')}:/data/outbox`,
    IMAGE,
  ]);
  await start();
}, 1_800_000);

afterAll(async () => {
  await podman(['rm', '-f', NAME]).catch(() => undefined);
  await removeImages();
  await fs.rm(work, { recursive: true, force: true });
}, 120_000);

describe('the container', () => {
  it('runs the appliance as PUID under tini, with comptoir on the PATH', async () => {
    // The serving process is found by its command line (health checks run node too, as root);
    // PID 1 is tini, root by design, whose command line names it too.
    const script =
      'cat /proc/1/cmdline | tr "\\0" " "; echo; for p in /proc/[0-9]*; do ' +
      '[ $p = /proc/1 ] && continue; ' +
      'if tr "\\0" " " < $p/cmdline 2>/dev/null | grep -q "cli[.]js serve"; then stat -c %u $p; fi; done';
    const [pid1, ...uids] = (await podman(['exec', NAME, 'sh', '-c', script])).trim().split('\n');
    expect(pid1).toContain('tini');
    expect(uids.map(Number)).toEqual([PUID]);
    expect(await podman(['exec', NAME, 'comptoir', 'formats'])).toMatch(/^fec\t/m);
  });

  it('asks for an administrator, then signs in over HTTP', async () => {
    const cookiesOf = (response: Response): string[] =>
      response.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');
    const setup = await fetch(`${url}/setup`);
    const cookie = cookiesOf(setup).join('; ');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await setup.text())?.[1] ?? '';
    const password = 'correct horse battery';
    const body = new URLSearchParams({
      _csrf: csrf,
      username: 'comptable',
      password,
      passwordAgain: password,
    });
    const created = await fetch(`${url}/setup`, {
      method: 'POST',
      body,
      headers: { cookie },
      redirect: 'manual',
    });
    expect(created.status).toBe(302);
    // Cookies set by the sign-in replace those of the same name.
    const jar = new Map(
      [...cookiesOf(setup), ...cookiesOf(created)].map((c) => [c.split('=')[0], c] as const),
    );
    const session = [...jar.values()].join('; ');
    const runs = await fetch(`${url}/runs`, { headers: { cookie: session }, redirect: 'manual' });
    expect(runs.status).toBe(200);
    expect(await runs.text()).toContain('comptable');
  });

  it('turns an order file dropped on the host into a FEC file owned by PUID', async () => {
    await fs.writeFile(
      path.join(host, 'inbox', 'orders.xml'),
      ordersFile([{ key: '7001' }, { key: '7002' }]),
    );
    const [fec] = await waitFor(
      async () => ((await fecFiles()).length > 0 ? fecFiles() : undefined),
      30_000,
      'the FEC file',
    );
    const stat = await fs.stat(path.join(host, 'outbox', fec ?? ''));
    expect(stat.uid).toBe(PUID);
    expect(stat.gid).toBe(PGID);
  });

  it('converts a file with comptoir inside the image', async () => {
    await fs.writeFile(path.join(host, 'data', 'one.xml'), ordersFile([{ key: '9' }]));
    const out = await podman([
      'exec',
      '--user',
      `${PUID}:${PGID}`,
      NAME,
      'comptoir',
      'convert',
      '/data/one.xml',
      '--out',
      '/tmp/out',
      '--json',
    ]);
    expect(JSON.parse(out)).toMatchObject({ read: 1, booked: 1, failed: 0 });
  });

  it('stops cleanly on SIGTERM within 10 s, and books nothing twice after a restart', async () => {
    const started = Date.now();
    await podman(['stop', '-t', '10', NAME], 30_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await podman(['inspect', '--format', '{{.State.ExitCode}}', NAME])).trim()).toBe('0');

    await start();
    const month = (await fs.readdir(path.join(host, 'inbox', 'archive')))[0] ?? '';
    await fs.copyFile(
      path.join(host, 'inbox', 'archive', month, 'orders.xml'),
      path.join(host, 'inbox', 'again.xml'),
    );
    // The same content again: set aside as a duplicate, with the reason, never booked twice.
    const failed = path.join(host, 'inbox', 'failed');
    await waitFor(
      async () => (await fs.readdir(failed).catch(() => [] as string[])).includes('again.xml.error.txt'),
      30_000,
      'the second file set aside',
    );
    expect(await fs.readFile(path.join(failed, 'again.xml.error.txt'), 'utf8')).toMatch(/imported before/);
    expect(await fecFiles()).toHaveLength(1);
  });
});
