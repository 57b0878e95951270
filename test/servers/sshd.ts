// Debian's OpenSSH sshd started by hand (TOOLCHAIN.md): password and key authentication,
// internal-sftp, an ed25519 host key made for the test, 127.0.0.1 only.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { captureOutput, freePort, run, scratchDir, stopProcess, waitForPort } from './common.js';
import { ensureTestUser, type SystemUser } from './system-user.js';

export const SSHD = '/usr/sbin/sshd';
export const hasSshd = (): boolean => existsSync(SSHD);

export interface SshdServer {
  port: number;
  user: SystemUser;
  /** The host key's fingerprint line as `ssh-keygen -lf` prints it ("256 SHA256:… (ED25519)"). */
  hostKeyLine: string;
  /** The client's private key (OpenSSH format), whose public half is authorised. */
  clientKey: string;
  stop(): Promise<void>;
}

export async function makeKey(
  dir: string,
  name: string,
): Promise<{ privatePath: string; publicPath: string }> {
  const privatePath = path.join(dir, name);
  await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', privatePath]);
  return { privatePath, publicPath: `${privatePath}.pub` };
}

export async function keygenFingerprint(publicPath: string): Promise<string> {
  return (await run('ssh-keygen', ['-lf', publicPath])).stdout.trim();
}

export async function startSshd(): Promise<SshdServer> {
  const user = await ensureTestUser();
  const dir = await scratchDir('sshd');
  const [hostKey, clientKey] = await Promise.all([
    makeKey(dir, 'host_ed25519'),
    makeKey(dir, 'client_ed25519'),
  ]);
  const authorized = path.join(dir, 'authorized_keys');
  await fs.copyFile(clientKey.publicPath, authorized);
  // sshd reads authorized keys as the user: the folder (mkdtemp makes it 700) must let it in.
  await fs.chmod(dir, 0o755);
  await fs.chmod(authorized, 0o644);
  await fs.mkdir('/run/sshd', { recursive: true, mode: 0o755 }); // privilege separation folder
  const port = await freePort();
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey.privatePath}`,
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    'UsePAM no',
    'PasswordAuthentication yes',
    'PubkeyAuthentication yes',
    'KbdInteractiveAuthentication no',
    `AuthorizedKeysFile ${authorized}`,
    'StrictModes no',
    `AllowUsers ${user.name}`,
    'Subsystem sftp internal-sftp',
    'LogLevel ERROR',
    '',
  ].join('\n');
  const configPath = path.join(dir, 'sshd_config');
  await fs.writeFile(configPath, config, { mode: 0o600 });
  const child = spawn(SSHD, ['-D', '-e', '-f', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output = captureOutput(child);
  try {
    await waitForPort(port, child);
  } catch (error) {
    await stopProcess(child);
    throw new Error(`sshd did not start: ${String(error)}\n${output()}`);
  }
  return {
    port,
    user,
    hostKeyLine: await keygenFingerprint(hostKey.publicPath),
    clientKey: await fs.readFile(clientKey.privatePath, 'utf8'),
    async stop() {
      await stopProcess(child);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
