// SFTP delivery against Debian's OpenSSH sshd, started by the test (root and
// /usr/sbin/sshd needed: `apt-get install -y openssh-server`; see test/servers/README.md).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { temporaryName } from '../../src/adapters/delivery/destination-errors.js';
import { createDeliverer, UntrustedServerError } from '../../src/adapters/delivery/destination.js';
import { createSftpDeliverer } from '../../src/adapters/delivery/sftp.js';
import type { SftpDestination } from '../../src/domain/delivery-destination.js';
import { normalizeHostKeyFingerprint, parseDeliverUrl } from '../../src/domain/delivery-url.js';
import { DeliveryError } from '../../src/domain/errors.js';
import { scratchDir } from '../servers/common.js';
import { startCutProxy, type CutProxy } from '../servers/cut-proxy.js';
import { listFiles } from '../servers/ftp.js';
import { hasSshd, keygenFingerprint, makeKey, startSshd, type SshdServer } from '../servers/sshd.js';
import { isRoot } from '../servers/system-user.js';

// Skipped only on a developer machine without sshd or root; CI must have both.
const runnable = (hasSshd() && isRoot()) || Boolean(process.env.CI);

describe.runIf(runnable)('SFTP delivery (OpenSSH sshd)', () => {
  let work: string;
  let sshd: SshdServer;
  let proxy: CutProxy;
  let hostKey: string;
  let remote: string; // this run's folder inside the test user's home
  let bigFile: { path: string; name: string; bytes: Buffer };

  beforeAll(async () => {
    work = await scratchDir('sftp-test');
    sshd = await startSshd();
    proxy = await startCutProxy(sshd.port);
    hostKey = normalizeHostKeyFingerprint(sshd.hostKeyLine)!;
    remote = `run-${randomBytes(4).toString('hex')}`;
    const bytes = randomBytes(2 * 1024 * 1024);
    bigFile = { path: path.join(work, 'big.txt'), name: 'FEC-big.txt', bytes };
    await fs.writeFile(bigFile.path, bytes);
  });

  afterAll(async () => {
    await proxy?.stop();
    await sshd?.stop();
    if (sshd) await fs.rm(path.join(sshd.user.home, remote), { recursive: true, force: true });
    await fs.rm(work, { recursive: true, force: true });
  });

  function sftp(extra: Partial<SftpDestination> = {}): SftpDestination {
    return {
      kind: 'sftp',
      host: '127.0.0.1',
      port: sshd.port,
      user: sshd.user.name,
      password: sshd.user.password,
      folder: `${remote}/out`,
      hostKey,
      ...extra,
    };
  }

  const inHome = (...parts: string[]): string => path.join(sshd.user.home, remote, ...parts);

  async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DeliveryError);
    return error as DeliveryError;
  }

  it('shows the host key at the first connection and refuses it until it is pinned, before signing in', async () => {
    const error = await failure(createDeliverer(sftp({ hostKey: undefined })).test());
    expect(error).toBeInstanceOf(UntrustedServerError);
    expect(error.retryable).toBe(false);
    expect((error as UntrustedServerError).presented).toBe(hostKey);
    expect(error.message).toContain(hostKey);
    expect(error.message).toMatch(/not accepted yet.*accept this key in the profile/);
    expect(error.message).not.toContain(sshd.user.password);
  });

  it('refuses a changed host key with a message that says what to do', async () => {
    const other = await makeKey(work, 'other');
    const pinned = normalizeHostKeyFingerprint(await keygenFingerprint(other.publicPath))!;
    const error = await failure(createDeliverer(sftp({ hostKey: pinned })).deliver(bigFile));
    expect(error).toBeInstanceOf(UntrustedServerError);
    expect(error.retryable).toBe(false);
    expect(error.message).toContain(`pinned as ${pinned}, the server now presents ${hostKey}`);
    expect(error.message).toMatch(/check with the server's administrator.*accept the new key/);
  });

  it('delivers with a password from a --deliver URL (/~/dir is in the home folder)', async () => {
    const url =
      `sftp://${sshd.user.name}:${encodeURIComponent(sshd.user.password)}@127.0.0.1:${sshd.port}/~/${remote}/url` +
      `?fingerprint=${encodeURIComponent(sshd.hostKeyLine)}`;
    const deliverer = createDeliverer(parseDeliverUrl(url));
    expect(await deliverer.test()).toContain(hostKey);
    const file = path.join(work, 'FEC.txt');
    await fs.writeFile(file, 'JournalCode\tJournalLib\r\n');
    await deliverer.deliver({ path: file, name: 'FEC.txt' });
    expect(await fs.readFile(inHome('url', 'FEC.txt'), 'utf8')).toBe('JournalCode\tJournalLib\r\n');
    expect(await listFiles(inHome('url'))).toEqual(['FEC.txt']);
  });

  it('delivers with a private key to an absolute folder', async () => {
    const file = path.join(work, 'key.txt');
    await fs.writeFile(file, 'by key');
    const deliverer = createDeliverer(
      sftp({ password: undefined, privateKey: sshd.clientKey, folder: inHome('abs') }),
    );
    await deliverer.deliver({ path: file, name: 'key.txt' });
    expect(await fs.readFile(inHome('abs', 'key.txt'), 'utf8')).toBe('by key');
  });

  it('replaces an existing file, with posix-rename and with the plain-rename fallback', async () => {
    const file = path.join(work, 'again.txt');
    for (const [posixRename, content] of [
      [true, 'one'],
      [true, 'two'],
      [false, 'three'],
    ] as const) {
      await fs.writeFile(file, content);
      await createSftpDeliverer(sftp({ folder: `${remote}/again` }), { posixRename }).deliver({
        path: file,
        name: 'again.txt',
      });
      expect(await fs.readFile(inHome('again', 'again.txt'), 'utf8')).toBe(content);
    }
    expect(await listFiles(inHome('again'))).toEqual(['again.txt']);
  });

  it('a connection cut mid-upload leaves no file under its final name; the retry leaves no temporary file', async () => {
    const deliverer = createDeliverer(sftp({ port: proxy.port, folder: `${remote}/cut` }), {
      timeoutMs: 5_000,
    });
    proxy.cutNextAfter(600 * 1024);
    const error = await failure(deliverer.deliver(bigFile));
    expect(error.retryable).toBe(true);
    expect(await listFiles(inHome('cut'))).toEqual([temporaryName(bigFile.name)]);

    await deliverer.deliver(bigFile);
    expect(await listFiles(inHome('cut'))).toEqual([bigFile.name]);
    expect((await fs.readFile(inHome('cut', bigFile.name))).equals(bigFile.bytes)).toBe(true);
  });

  it('a wrong password is not retryable and never shown', async () => {
    const password = 'Wr0ng-Secret-Pw';
    const error = await failure(createDeliverer(sftp({ password })).deliver(bigFile));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/refused the sign-in/);
    expect(JSON.stringify({ m: error.message, c: String(error.cause), s: error.stack })).not.toContain(
      password,
    );
  });
});
