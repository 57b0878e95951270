// The delivery queue in the appliance, against a real FTP server (ftp-srv): a server down
// when the run ends gets the file once it is up, across a restart; a failed delivery is
// sent again from the run page; secrets are sealed at rest and never logged.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../src/config.js';
import { DEFAULT_MAX_ATTACHMENT_BYTES, type FtpDestination } from '../../src/domain/delivery-destination.js';
import type { RetryPolicy } from '../../src/domain/delivery.js';
import { ConfigError } from '../../src/domain/errors.js';
import { defaultDropFolderProfile } from '../../src/domain/presets/format-france.js';
import { setQuiet } from '../../src/log.js';
import { startAppliance, type Appliance } from '../../src/serve.js';
import type { DeliveryRecord } from '../../src/store/deliveries.js';
import { hashPassword } from '../../src/web/password.js';
import { ordersFile } from '../helpers/orders.js';
import { waitFor } from '../helpers/wait.js';
import { freePort } from '../servers/common.js';
import { listFiles, startFtpServer, type FtpTestServer } from '../servers/ftp.js';

const POLICY: RetryPolicy = { maxAttempts: 100, baseDelayMs: 150, factor: 2, maxDelayMs: 600 };
const FTP_PASSWORD = 'ftp-S3cret!pw'; // test/servers/ftp.ts's
const WRONG_PASSWORD = 'Wr0ng-Pa55!word';
const CONSUMER_KEY = 'ck_9f8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b2a1f0e';
const CONSUMER_SECRET = 'cs_0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9b';
const SMTP_PASSWORD = 'smtp-Pa55-w0rd!';
const SECRETS = [FTP_PASSWORD, WRONG_PASSWORD, CONSUMER_KEY, CONSUMER_SECRET, SMTP_PASSWORD];
const USER_PASSWORD = 'correct horse battery';

let root: string;
let config: Config;
let appliance: Appliance;
let ftpPort: number;
let ftp: FtpTestServer | undefined;
const logged: string[] = [];

const inbox = (): string => path.join(root, 'inbox');
const start = (): Promise<Appliance> => startAppliance(config, { deliveryRetry: POLICY });

function destination(password: string): FtpDestination {
  return {
    kind: 'ftp',
    host: '127.0.0.1',
    port: ftpPort,
    user: 'ftpuser',
    password,
    folder: 'compta',
    tls: false,
  };
}

async function useFtpPassword(password: string): Promise<void> {
  const profile = appliance.settings.profile('default')!;
  await appliance.settings.saveProfile({ ...profile, delivery: { destinations: [destination(password)] } });
}

/** Drops an order file and returns the run that converted it. */
async function dropAndRun(name: string, key: string): Promise<number> {
  const before = (await appliance.runs.list({ pageSize: 200 })).total;
  await fs.writeFile(path.join(inbox(), name), ordersFile([{ key }]));
  const run = await waitFor(
    async () => {
      const { runs, total } = await appliance.runs.list({ pageSize: 200 });
      return total > before && runs[0]?.status !== 'running' ? runs[0] : undefined;
    },
    10_000,
    `the run of ${name}`,
  );
  expect(run.status).toBe('succeeded');
  return run.id;
}

function deliveriesOf(runId: number): DeliveryRecord[] {
  return appliance.deliveries.reader().forRun(runId);
}

async function allFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/** A signed-in session: cookie header and CSRF token. */
async function signIn(): Promise<{ cookie: string; csrf: string }> {
  if (!appliance.settings.findUserByName('admin')) {
    await appliance.settings.createUser({
      username: 'admin',
      passwordHash: await hashPassword(USER_PASSWORD),
      role: 'admin',
    });
  }
  const cookies = new Map<string, string>();
  const keep = (response: Response): void => {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
    }
  };
  const header = (): string => [...cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const login = await fetch(`${appliance.url}/login`, { redirect: 'manual' });
  keep(login);
  const token = /name="_csrf" value="([^"]+)"/.exec(await login.text())?.[1] ?? '';
  const posted = await fetch(`${appliance.url}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: header() },
    body: new URLSearchParams({ _csrf: token, username: 'admin', password: USER_PASSWORD }).toString(),
  });
  expect(posted.status).toBe(302);
  keep(posted);
  // Signing in starts a new session, with its own CSRF token.
  const runs = await fetch(`${appliance.url}/runs`, { headers: { cookie: header() } });
  keep(runs);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await runs.text())?.[1] ?? '';
  return { cookie: header(), csrf };
}

beforeAll(async () => {
  setQuiet(false);
  // The technical log, captured whole: no secret may appear in it.
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    logged.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-deliveries-'));
  ftpPort = await freePort(); // reserved: the server starts only after the first run
  config = {
    dataDir: root,
    port: 0,
    host: '127.0.0.1',
    stabilityMs: 150,
    polling: false,
    rescanMs: 1000,
    timeZone: 'Europe/Paris',
  };
  appliance = await start();
  await useFtpPassword(FTP_PASSWORD);
  await appliance.settings.saveProfile({
    ...defaultDropFolderProfile('shop', path.join(root, 'unused'), path.join(root, 'outbox')),
    name: 'Boutique',
    source: {
      type: 'woocommerce',
      url: 'https://shop.example.test',
      consumerKey: CONSUMER_KEY,
      consumerSecret: CONSUMER_SECRET,
    },
  });
  await appliance.settings.saveSmtp({
    host: '127.0.0.1',
    port: 2525,
    security: 'none',
    user: 'mailer',
    password: SMTP_PASSWORD,
    from: 'comptoir@example.test',
    maxAttachmentBytes: DEFAULT_MAX_ATTACHMENT_BYTES,
  });
});

afterAll(async () => {
  await appliance?.close();
  await ftp?.stop();
  vi.restoreAllMocks();
  setQuiet(true);
  await fs.rm(root, { recursive: true, force: true });
});

describe('delivery queue', () => {
  let firstRun = 0;

  it('retries a destination that is down, across a restart, and delivers the file once', async () => {
    firstRun = await dropAndRun('first.xml', '501');
    const retrying = await waitFor(
      () => deliveriesOf(firstRun).find((d) => d.status === 'retrying' && d.attempts >= 2),
      10_000,
      'two failed attempts',
    );
    expect(retrying.destination).toBe(`ftp://ftpuser@127.0.0.1:${ftpPort}/compta`);
    expect(retrying.lastError).toMatch(/tried again later/);
    const expected = (await appliance.runs.get(firstRun))!.files.filter((f) => f.kind !== 'source');
    expect(deliveriesOf(firstRun)).toHaveLength(expected.length);

    await appliance.close();
    ftp = await startFtpServer({ port: ftpPort });
    appliance = await start();

    const sent = await waitFor(
      () => {
        const all = deliveriesOf(firstRun);
        return all.every((d) => d.status === 'sent') ? all : undefined;
      },
      10_000,
      'the delivery after the restart',
    );
    expect(sent).toHaveLength(expected.length); // resumed, not queued a second time
    expect(await listFiles(ftp.root)).toEqual(expected.map((f) => `compta/${f.name}`).sort());
    for (const file of expected) {
      expect(await fs.readFile(path.join(ftp.root, 'compta', file.name))).toEqual(
        await fs.readFile(path.join(root, 'outbox', file.name)),
      );
    }
    // Each file sent once: a single "sent" record per delivery in the queue's file.
    const lines = (await fs.readFile(path.join(root, 'deliveries.jsonl'), 'utf8')).trim().split('\n');
    const sentLines = lines.map((l) => JSON.parse(l) as DeliveryRecord).filter((d) => d.status === 'sent');
    expect(sentLines.map((d) => d.id).sort()).toEqual(sent.map((d) => d.id).sort());
    // The files stay in the outbox.
    for (const file of expected) await fs.access(path.join(root, 'outbox', file.name));
  });

  it('shows a failed delivery on the run page and sends it again from there', async () => {
    await useFtpPassword(WRONG_PASSWORD);
    const runId = await dropAndRun('second.xml', '502');
    const failed = await waitFor(
      () => deliveriesOf(runId).find((d) => d.status === 'failed'),
      10_000,
      'a refused sign-in',
    );
    expect(failed.attempts).toBe(1); // a wrong password is not retried
    expect(failed.lastError).not.toContain(WRONG_PASSWORD);

    const { cookie, csrf } = await signIn();
    const page = await (await fetch(`${appliance.url}/runs/${runId}`, { headers: { cookie } })).text();
    expect(page).toContain('Livraisons');
    expect(page).toContain(failed.destination);
    expect(page).toContain(failed.file.name);
    expect(page).toContain('échouée');
    expect(page).toContain(`/runs/${runId}/deliveries/${failed.id}/resend`);
    expect(page).toContain('Renvoyer');

    const resendUrl = `${appliance.url}/runs/${runId}/deliveries/${failed.id}/resend`;
    const forged = await fetch(resendUrl, { method: 'POST', headers: { cookie, 'HX-Request': 'true' } });
    expect(forged.status).toBe(403);
    expect(appliance.deliveries.reader().forRun(runId)[0]?.status).toBe('failed');
    const elsewhere = await fetch(`${appliance.url}/runs/${firstRun}/deliveries/${failed.id}/resend`, {
      method: 'POST',
      headers: { cookie, 'HX-Request': 'true', 'X-CSRF-Token': csrf },
    });
    expect(elsewhere.status).toBe(404);

    await useFtpPassword(FTP_PASSWORD);
    const resent = await fetch(resendUrl, {
      method: 'POST',
      headers: { cookie, 'HX-Request': 'true', 'X-CSRF-Token': csrf },
    });
    expect(resent.status).toBe(200);
    expect(await resent.text()).toContain('id="run-deliveries"');
    await waitFor(
      () => deliveriesOf(runId).every((d) => d.status === 'sent'),
      10_000,
      'the re-sent delivery',
    );
    expect(await listFiles(ftp!.root)).toContain(`compta/${failed.file.name}`);
    const after = await (await fetch(`${appliance.url}/runs/${runId}`, { headers: { cookie } })).text();
    expect(after).toContain('envoyée');
  });

  it('keeps every secret encrypted at rest and out of the technical log', async () => {
    expect(appliance.settings.profile('shop')?.source).toMatchObject({
      consumerKey: CONSUMER_KEY,
      consumerSecret: CONSUMER_SECRET,
    });
    expect(appliance.settings.profile('default')?.delivery.destinations[0]).toMatchObject({
      password: FTP_PASSWORD,
    });
    expect(appliance.settings.smtp()?.password).toBe(SMTP_PASSWORD);
    expect(await fs.readFile(path.join(root, 'comptoir.json'), 'utf8')).toContain('"enc:v1:');

    const leaks: string[] = [];
    for (const file of await allFiles(root)) {
      const text = await fs.readFile(file, 'latin1');
      for (const secret of SECRETS) if (text.includes(secret)) leaks.push(`${file}: ${secret}`);
    }
    const log = logged.join('');
    expect(log).toContain('file delivered'); // the log was captured
    for (const secret of SECRETS) if (log.includes(secret)) leaks.push(`technical log: ${secret}`);
    expect(leaks).toEqual([]);
  });

  it('refuses to start with a key that cannot decrypt the stored secrets', async () => {
    await appliance.close();
    const error = await startAppliance({ ...config, secretKey: randomBytes(32) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(/cannot decrypt the secrets stored in .*comptoir\.json/);
    // The right key still opens them: nothing was re-keyed.
    appliance = await start();
    expect(appliance.settings.profile('shop')?.source).toMatchObject({ consumerKey: CONSUMER_KEY });
  });
});
