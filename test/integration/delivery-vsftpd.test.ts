// Interop: the same FTP/FTPS deliverer against Debian's vsftpd, a second, independent
// server implementation (root and /usr/sbin/vsftpd needed: `apt-get install -y vsftpd`).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliverer, UntrustedServerError } from '../../src/adapters/delivery/destination.js';
import type { FtpDestination } from '../../src/domain/delivery-destination.js';
import { normalizeCertificateFingerprint } from '../../src/domain/delivery-url.js';
import { scratchDir } from '../servers/common.js';
import { listFiles } from '../servers/ftp.js';
import { isRoot } from '../servers/system-user.js';
import { hasVsftpd, startVsftpd, type VsftpdServer } from '../servers/vsftpd.js';

// Skipped only on a developer machine without vsftpd or root; CI must have both.
const runnable = (hasVsftpd() && isRoot()) || Boolean(process.env.CI);

describe.runIf(runnable)('FTP and FTPS delivery (vsftpd)', () => {
  let work: string;
  let vsftpd: VsftpdServer;
  let remote: string;
  let file: { path: string; name: string; bytes: Buffer };

  beforeAll(async () => {
    work = await scratchDir('vsftpd-test');
    vsftpd = await startVsftpd();
    remote = `run-${randomBytes(4).toString('hex')}`;
    const bytes = randomBytes(256 * 1024);
    file = { path: path.join(work, 'FEC.txt'), name: 'FEC.txt', bytes };
    await fs.writeFile(file.path, bytes);
  });

  afterAll(async () => {
    await vsftpd?.stop();
    if (vsftpd) await fs.rm(path.join(vsftpd.user.home, remote), { recursive: true, force: true });
    await fs.rm(work, { recursive: true, force: true });
  });

  function ftp(extra: Partial<FtpDestination>): FtpDestination {
    return {
      kind: 'ftp',
      host: '127.0.0.1',
      port: vsftpd.port,
      user: vsftpd.user.name,
      password: vsftpd.user.password,
      folder: remote,
      tls: false,
      ...extra,
    };
  }

  const inHome = (...parts: string[]): string => path.join(vsftpd.user.home, remote, ...parts);

  it('delivers over plain FTP into a new folder, twice under the same name', async () => {
    const deliverer = createDeliverer(ftp({ folder: `${remote}/plain/deep` }));
    await deliverer.deliver(file);
    await deliverer.deliver(file);
    expect(await listFiles(inHome('plain'))).toEqual(['deep/FEC.txt']);
    expect((await fs.readFile(inHome('plain', 'deep', 'FEC.txt'))).equals(file.bytes)).toBe(true);
  });

  it('refuses the unpinned self-signed certificate, then delivers over explicit TLS once pinned', async () => {
    const fingerprint = normalizeCertificateFingerprint(vsftpd.certificate.opensslFingerprint)!;
    const refused = await createDeliverer(ftp({ tls: true }))
      .test()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UntrustedServerError);
    expect((refused as UntrustedServerError).presented).toBe(fingerprint);

    await createDeliverer(ftp({ tls: true, fingerprint, folder: `${remote}/tls` })).deliver(file);
    expect(await listFiles(inHome('tls'))).toEqual(['FEC.txt']);
    expect((await fs.readFile(inHome('tls', 'FEC.txt'))).equals(file.bytes)).toBe(true);
  });

  it('a wrong password is not retryable and never shown', async () => {
    const password = 'Wr0ng-Secret-Pw';
    const error = (await createDeliverer(ftp({ password }))
      .deliver(file)
      .catch((e: unknown) => e)) as Error & {
      retryable: boolean;
    };
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/refused the sign-in/);
    expect(error.message).not.toContain(password);
  });
});
