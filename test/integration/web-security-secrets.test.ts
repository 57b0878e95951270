// Known test secrets go in through the web forms (and the settings store where no form
// exists), runs fail against an unreachable shop, FTP, SFTP and mail server so that
// errors are logged; then the whole data folder (bytes), the captured technical log and
// every page must hold none of them, in clear, base64 or URL-encoded.
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setQuiet } from '../../src/log.js';
import { startAppliance, type Appliance } from '../../src/serve.js';
import { ordersFile } from '../helpers/orders.js';
import { waitFor } from '../helpers/wait.js';
import { Client, crawl, type Reply } from './web-security-helpers.js';

const SECRETS = {
  adminPassword: 'Adm1n-pass-4d8f0c2b-known',
  userPassword: 'Us3r-pass-9e1b7a55-known',
  shopKey: 'ZK7Q2M9XW4PLT8RB3VYC6NHD5FJ1GSEA',
  ftpPassword: 'ftp-Pa55-9f8e7d6c-known',
  sftpPassword: 'sftp-Pa55-1a2b3c4d-known',
  smtpPassword: 'smtp-Pa55-5e6f7a8b-known',
};

/** Each secret as it could leak: clear, base64 (e.g. Basic auth), URL-encoded. */
function leakForms(): { name: string; bytes: Buffer }[] {
  return Object.entries(SECRETS).flatMap(([name, value]) => [
    { name, bytes: Buffer.from(value) },
    {
      name: `${name} (base64)`,
      bytes: Buffer.from(Buffer.from(value).toString('base64').replace(/=+$/, '')),
    },
    { name: `${name} (url)`, bytes: Buffer.from(encodeURIComponent(value)) },
  ]);
}

function leaksIn(where: string, bytes: Buffer): string[] {
  return leakForms()
    .filter((form) => bytes.includes(form.bytes))
    .map((form) => `${form.name} in ${where}`);
}

/** A port nothing listens on: connections are refused at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Everything written to stdout and stderr while the test runs (the technical log). */
function captureOutput(): { text: () => string; restore: () => void } {
  const chunks: string[] = [];
  const original = { out: process.stdout.write, err: process.stderr.write };
  const capture = (chunk: unknown, ...rest: unknown[]): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString());
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  };
  process.stdout.write = capture as typeof process.stdout.write;
  process.stderr.write = capture as typeof process.stderr.write;
  return {
    text: () => chunks.join(''),
    restore: () => {
      process.stdout.write = original.out;
      process.stderr.write = original.err;
    },
  };
}

describe('no secret in the data folder, the logs or any page', () => {
  let dataDir: string;
  let appliance: Appliance | undefined;
  let output: ReturnType<typeof captureOutput>;
  const replies: { url: string; reply: Reply }[] = [];

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-secrets-'));
    output = captureOutput();
    setQuiet(false);
  });

  afterAll(async () => {
    await appliance?.close();
    output.restore();
    setQuiet(true);
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every known secret out of them', { timeout: 120_000 }, async () => {
    const dead = await closedPort();
    appliance = await startAppliance(
      {
        dataDir,
        port: 0,
        host: '127.0.0.1',
        stabilityMs: 200,
        polling: false,
        rescanMs: 60_000,
        timeZone: 'Europe/Paris',
      },
      { deliveryRetry: { maxAttempts: 2, baseDelayMs: 50, factor: 1, maxDelayMs: 50 } },
    );
    const web = new Client(appliance.url);
    const keep = (url: string, reply: Reply): Reply => {
      replies.push({ url, reply });
      return reply;
    };
    const post = async (url: string, form: Record<string, string>) =>
      keep(`POST ${url}`, await web.post(url, { _csrf: await web.token('/settings'), ...form }));

    // The administrator, a second user, the mail server: through their forms.
    const setupToken = await web.token('/setup');
    const setup = await web.post('/setup', {
      _csrf: setupToken,
      username: 'admin',
      password: SECRETS.adminPassword,
      passwordAgain: SECRETS.adminPassword,
    });
    expect(setup.status).toBe(302);
    await post('/settings/users', { username: 'stagiaire', password: SECRETS.userPassword, role: 'user' });
    expect(appliance.settings.findUserByName('stagiaire')).toBeDefined();
    await post('/settings/smtp', {
      host: '127.0.0.1',
      port: String(dead),
      security: 'none',
      user: 'mailer',
      password: SECRETS.smtpPassword,
      from: 'comptoir@example.test',
    });
    expect(appliance.settings.smtp()?.password).toBe(SECRETS.smtpPassword);
    await post('/settings/smtp/test', { testTo: 'compta@example.test' });
    // A wrong current password: the form comes back with a problem, and must not echo what was typed.
    await post('/settings/password', {
      current: SECRETS.userPassword,
      password: SECRETS.shopKey,
      passwordAgain: `${SECRETS.shopKey}x`,
    });

    // A PrestaShop profile through the wizard, with its key.
    const created = await post('/profiles/new', {
      step: '3',
      entriesFormat: 'fec',
      type: 'prestashop',
      url: `http://127.0.0.1:${dead}`,
      key: SECRETS.shopKey,
      orders: '1',
      creditNotes: '1',
      name: 'Boutique test',
    });
    expect(created.status).toBe(302);
    const shop = appliance.settings.profiles().find((p) => p.source.type === 'prestashop');
    expect(shop?.source).toMatchObject({ key: SECRETS.shopKey });
    await post('/profiles/select', { profile: shop?.id ?? '' });
    await post('/configuration/test-connection', {});
    await post('/sync/preview', { task: 'orders', from: '2026-11-01', to: '2026-11-30' });

    // FTP and SFTP destinations and run mails on the drop-folder profile: the
    // notifications form where it takes them, the store for the rest.
    const drop = appliance.settings.defaultProfile();
    if (!drop) throw new Error('no default profile');
    await post('/profiles/select', { profile: drop.id });
    await post('/configuration/notifications', {
      'delivery.destinations.count': '2',
      'delivery.destinations.0.kind': 'ftp',
      'delivery.destinations.0.host': '127.0.0.1',
      'delivery.destinations.0.port': String(dead),
      'delivery.destinations.0.user': 'depot',
      'delivery.destinations.0.password': SECRETS.ftpPassword,
      'delivery.destinations.0.folder': '',
      'delivery.destinations.1.kind': 'sftp',
      'delivery.destinations.1.host': '127.0.0.1',
      'delivery.destinations.1.port': '99999',
      'delivery.destinations.1.user': 'depot',
      'delivery.destinations.1.password': SECRETS.sftpPassword,
      'delivery.destinations.1.folder': '',
    });
    const current = appliance.settings.profile(drop.id) ?? drop;
    await appliance.settings.saveProfile({
      ...current,
      delivery: {
        ...current.delivery,
        destinations: [
          {
            kind: 'ftp',
            host: '127.0.0.1',
            port: dead,
            user: 'depot',
            password: SECRETS.ftpPassword,
            folder: '',
            tls: false,
          },
          {
            kind: 'sftp',
            host: '127.0.0.1',
            port: dead,
            user: 'depot',
            password: SECRETS.sftpPassword,
            folder: '',
          },
        ],
      },
      notifications: {
        ...current.notifications,
        recipients: ['compta@example.test'],
        onSuccess: true,
        onFailure: true,
      },
    });

    // Runs that fail: the shop is unreachable; the dropped file is booked but its
    // deliveries and its mail fail.
    if (!shop) throw new Error('no shop profile');
    const shopRun = await appliance.pipeline.processShop(appliance.settings.profile(shop.id) ?? shop, {
      task: 'orders',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(shopRun.status).toBe('failed');
    // The shop's error is in the run's error log, in the data folder that is searched below.
    expect((await appliance.runs.errors(shopRun.id)).length).toBeGreaterThan(0);
    await fs.writeFile(
      path.join(dataDir, 'inbox', 'ventes.xml'),
      ordersFile([{ key: '9001' }, { key: '9002' }]),
    );
    const dropRun = await waitFor(
      async () =>
        (await appliance!.runs.list({ task: 'drop-folder' })).runs.find((r) => r.status !== 'running'),
      30_000,
    );
    await waitFor(() => {
      const deliveries = appliance!.deliveries.reader().forRun(dropRun.id);
      return deliveries.length >= 2 && deliveries.every((d) => d.status === 'failed')
        ? deliveries
        : undefined;
    }, 30_000);

    // Every page reachable from the menu, for each profile, with the exports and downloads.
    for (const profile of [shop.id, drop.id]) {
      await post('/profiles/select', { profile });
      for (const page of await crawl(web, [
        '/runs',
        '/profiles',
        '/configuration/profile',
        '/settings',
        '/help',
      ])) {
        replies.push(page);
      }
    }
    const urls = replies.map((r) => r.url);
    expect(urls).toEqual(
      expect.arrayContaining([
        `/profiles/${shop.id}/export`,
        `/runs/${shopRun.id}`,
        '/configuration/notifications',
      ]),
    );
    expect(urls.some((u) => /^\/runs\/\d+\/files\/\d+$/.test(u))).toBe(true);
    await appliance.close();
    appliance = undefined;

    const log = output.text();
    // The capture worked: the failures were logged.
    expect(log).toMatch(/"level":"(warn|error)"/);
    expect(log).toContain('delivery failed');
    expect(log).toContain('run mail not sent');
    // The search itself finds a secret, whichever form it takes.
    expect(
      leaksIn('control', Buffer.from(`a ${Buffer.from(SECRETS.ftpPassword).toString('base64')} b`)),
    ).toEqual(['ftpPassword (base64) in control']);
    const leaks: string[] = [...leaksIn('the technical log', Buffer.from(log))];
    for (const { url, reply } of replies) {
      leaks.push(
        ...leaksIn(`page ${url}`, Buffer.concat([Buffer.from(JSON.stringify(reply.headers)), reply.body])),
      );
    }
    let files = 0;
    for (const entry of await fs.readdir(dataDir, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const full = path.join(entry.parentPath, entry.name);
      files++;
      leaks.push(...leaksIn(path.relative(dataDir, full), await fs.readFile(full)));
    }
    expect(files).toBeGreaterThan(5);
    expect(leaks).toEqual([]);
  });
});
