// Debian's vsftpd started by hand (TOOLCHAIN.md): a second, independent FTP/FTPS server
// for interop. Foreground, 127.0.0.1 only, its own passive range, root-owned config.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  captureOutput,
  freePort,
  makeCertificate,
  scratchDir,
  stopProcess,
  waitForPort,
  type TestCertificate,
} from './common.js';
import { ensureTestUser, type SystemUser } from './system-user.js';

export const VSFTPD = '/usr/sbin/vsftpd';
export const hasVsftpd = (): boolean => existsSync(VSFTPD);

export interface VsftpdServer {
  port: number;
  user: SystemUser;
  certificate: TestCertificate;
  stop(): Promise<void>;
}

/** Explicit TLS is offered but not required, so plain FTP and FTPS both run against the same daemon. */
export async function startVsftpd(): Promise<VsftpdServer> {
  const user = await ensureTestUser();
  const dir = await scratchDir('vsftpd');
  const certificate = await makeCertificate(dir);
  const empty = path.join(dir, 'empty');
  await fs.mkdir(empty, { mode: 0o755 });
  const port = await freePort();
  const pasvMin = 40000 + Math.floor(Math.random() * 200) * 100;
  const config = [
    'listen=YES',
    'listen_ipv6=NO',
    'listen_address=127.0.0.1',
    `listen_port=${port}`,
    'background=NO',
    'seccomp_sandbox=NO',
    'anonymous_enable=NO',
    'local_enable=YES',
    'write_enable=YES',
    'local_umask=022',
    'pam_service_name=vsftpd',
    `secure_chroot_dir=${empty}`,
    'pasv_enable=YES',
    'pasv_address=127.0.0.1',
    `pasv_min_port=${pasvMin}`,
    `pasv_max_port=${pasvMin + 99}`,
    'ssl_enable=YES',
    `rsa_cert_file=${certificate.certPath}`,
    `rsa_private_key_file=${certificate.keyPath}`,
    'force_local_logins_ssl=NO',
    'force_local_data_ssl=NO',
    'ssl_ciphers=HIGH',
    'xferlog_enable=NO',
    'log_ftp_protocol=NO',
    'vsftpd_log_file=/dev/null',
    '',
  ].join('\n');
  const configPath = path.join(dir, 'vsftpd.conf');
  await fs.writeFile(configPath, config, { mode: 0o600 });
  const child = spawn(VSFTPD, [configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child);
  try {
    await waitForPort(port, child);
  } catch (error) {
    await stopProcess(child);
    throw new Error(`vsftpd did not start: ${String(error)}\n${output()}`);
  }
  return {
    port,
    user,
    certificate,
    async stop() {
      await stopProcess(child);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
