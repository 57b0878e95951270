// FTP and explicit FTPS delivery against ftp-srv running in-process on 127.0.0.1.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { temporaryName } from '../../src/adapters/delivery/destination-errors.js';
import { createDeliverer, UntrustedServerError } from '../../src/adapters/delivery/destination.js';
import type { FtpDestination } from '../../src/domain/delivery-destination.js';
import { normalizeCertificateFingerprint, parseDeliverUrl } from '../../src/domain/delivery-url.js';
import { DeliveryError } from '../../src/domain/errors.js';
import { logger, setQuiet } from '../../src/log.js';
import { freePort, makeCertificate, scratchDir, type TestCertificate } from '../servers/common.js';
import { listFiles, startFtpServer, type FtpTestServer } from '../servers/ftp.js';

let work: string;
let plain: FtpTestServer;
let secure: FtpTestServer;
let certificate: TestCertificate;
let fingerprint: string;
let bigFile: { path: string; name: string; bytes: Buffer };

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

beforeAll(async () => {
  work = await scratchDir('ftp-test');
  certificate = await makeCertificate(work);
  fingerprint = normalizeCertificateFingerprint(certificate.opensslFingerprint)!;
  [plain, secure] = await Promise.all([
    startFtpServer(),
    startFtpServer({ tls: { cert: certificate.cert, key: certificate.key } }),
  ]);
  // Large enough to take several data chunks, so a cut lands in the middle.
  const bytes = randomBytes(3 * 1024 * 1024);
  bigFile = { path: path.join(work, 'big.txt'), name: 'FEC-big.txt', bytes };
  await fs.writeFile(bigFile.path, bytes);
});

afterAll(async () => {
  await Promise.all([plain?.stop(), secure?.stop()]);
  await fs.rm(work, { recursive: true, force: true });
});

function ftp(server: FtpTestServer, extra: Partial<FtpDestination> = {}): FtpDestination {
  return {
    kind: 'ftp',
    host: '127.0.0.1',
    port: server.port,
    user: server.user,
    password: server.password,
    folder: 'compta/out',
    tls: false,
    ...extra,
  };
}

describe('FTP delivery (ftp-srv)', () => {
  it('creates the folder, uploads under a temporary name and renames, from a --deliver URL', async () => {
    const file = path.join(work, 'FEC.txt');
    await fs.writeFile(file, 'JournalCode\tJournalLib\r\nVT\tVentes\r\n');
    const url = `ftp://${plain.user}:${encodeURIComponent(plain.password)}@127.0.0.1:${plain.port}/urls/dir`;
    await createDeliverer(parseDeliverUrl(url)).deliver({ path: file, name: 'FEC.txt' });
    expect(await listFiles(plain.root)).toEqual(['urls/dir/FEC.txt']);
    expect(await fs.readFile(path.join(plain.root, 'urls/dir/FEC.txt'))).toEqual(await fs.readFile(file));
  });

  it('replaces a file of the same name (a retry after a lost acknowledgement)', async () => {
    const file = path.join(work, 'again.txt');
    const deliverer = createDeliverer(ftp(plain, { folder: 'again' }));
    await fs.writeFile(file, 'first');
    await deliverer.deliver({ path: file, name: 'again.txt' });
    await fs.writeFile(file, 'second');
    await deliverer.deliver({ path: file, name: 'again.txt' });
    expect(await fs.readFile(path.join(plain.root, 'again/again.txt'), 'utf8')).toBe('second');
    expect(await listFiles(path.join(plain.root, 'again'))).toEqual(['again.txt']);
  });

  it('a connection cut mid-upload leaves no file under its final name; the retry leaves no temporary file', async () => {
    const deliverer = createDeliverer(ftp(plain, { folder: 'cut' }), { timeoutMs: 5_000 });
    plain.cutUploads(1, 512 * 1024);
    const error = await failure(deliverer.deliver(bigFile));
    expect(error.retryable).toBe(true);
    const afterCut = await listFiles(path.join(plain.root, 'cut'));
    // The partial upload is there, under its temporary name only.
    expect(afterCut).toEqual([temporaryName(bigFile.name)]);

    await deliverer.deliver(bigFile);
    expect(await listFiles(path.join(plain.root, 'cut'))).toEqual([bigFile.name]);
    expect((await fs.readFile(path.join(plain.root, 'cut', bigFile.name))).equals(bigFile.bytes)).toBe(true);
  });

  it('a wrong password is not retryable and never shown', async () => {
    const password = 'Wr0ng-Secret-Pw';
    const error = await failure(createDeliverer(ftp(plain, { password })).deliver(bigFile));
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/sign-in.*check the user name and password/);
    // The test server echoes the password in its reply: the message keeps the reply, not the password.
    expect(error.message).toMatch(/Login incorrect for ftpuser with password \*\*\*/);
    expect(JSON.stringify({ m: error.message, c: String(error.cause), s: error.stack })).not.toContain(
      password,
    );
  });

  it('a failed delivery logged with its destination shows no secret in the log line', async () => {
    const password = 'L0g-Secret-Pw';
    const destination = ftp(plain, { password });
    const error = await failure(createDeliverer(destination).deliver(bigFile));
    const lines: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      setQuiet(false);
      logger('pipeline').error(error.message, { destination, error, cause: error.cause });
    } finally {
      setQuiet(true);
      spy.mockRestore();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('[redacted]');
    expect(lines[0]).not.toContain(password);
  });

  it('a server that does not answer is retryable', async () => {
    const port = await freePort();
    const error = await failure(createDeliverer(ftp(plain, { port })).deliver(bigFile));
    expect(error.retryable).toBe(true);
    expect(error.message).toMatch(/nothing answers.*tried again/);
    expect(error.message).not.toContain(plain.password);
  });
});

describe('FTPS delivery (ftp-srv, explicit TLS, self-signed certificate)', () => {
  it('refuses an unpinned self-signed certificate before signing in, and says what to do', async () => {
    const deliverer = createDeliverer(ftp(secure, { tls: true }));
    const error = await failure(deliverer.test());
    expect(error).toBeInstanceOf(UntrustedServerError);
    expect(error.retryable).toBe(false);
    expect((error as UntrustedServerError).presented).toBe(fingerprint);
    expect(error.message).toContain(fingerprint);
    expect(error.message).toMatch(/accept this certificate in the profile/);
    expect(error.message).not.toContain(secure.password);
  });

  it('delivers once the fingerprint printed by openssl is pinned (data connection included)', async () => {
    const url =
      `ftps://${secure.user}:${encodeURIComponent(secure.password)}@127.0.0.1:${secure.port}/secure` +
      `?fingerprint=${encodeURIComponent(certificate.opensslFingerprint)}`;
    const deliverer = createDeliverer(parseDeliverUrl(url));
    expect(await deliverer.test()).toContain(fingerprint);
    const file = path.join(work, 'tls.txt');
    await fs.writeFile(file, 'over TLS\r\n');
    await deliverer.deliver({ path: file, name: 'tls.txt' });
    expect(await fs.readFile(path.join(secure.root, 'secure/tls.txt'), 'utf8')).toBe('over TLS\r\n');
  });

  it('refuses a certificate that is not the pinned one', async () => {
    const other = normalizeCertificateFingerprint('00'.repeat(32))!;
    const error = await failure(
      createDeliverer(ftp(secure, { tls: true, fingerprint: other })).deliver(bigFile),
    );
    expect(error).toBeInstanceOf(UntrustedServerError);
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/changed.*accept it in the profile/);
    expect(await listFiles(secure.root)).not.toContain(`compta/out/${bigFile.name}`);
  });
});
