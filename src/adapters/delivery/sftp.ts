// SFTP delivery with ssh2-sftp-client: password or private key; the server's host key must
// match the pinned fingerprint before any credential is sent; upload under a temporary
// name, then rename (posix-rename, atomic over an existing file, when the server has it).
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import SftpClient from 'ssh2-sftp-client';
import { describeDestination, type SftpDestination } from '../../domain/delivery-destination.js';
import { DeliveryError } from '../../domain/errors.js';
import {
  deliveryError,
  errorMessage,
  networkProblem,
  temporaryName,
  UntrustedServerError,
} from './destination-errors.js';
import type { Deliverer, DeliveryFile } from './destination.js';

export interface SftpOptions {
  timeoutMs?: number;
  /** Off: use the plain SFTP rename even when posix-rename is offered (tests the fallback). */
  posixRename?: boolean;
}

/** As ssh-keygen -lf prints it: SHA256 of the key blob, base64 without padding. */
export function hostKeyFingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key blob starts with its type ("ssh-ed25519"…), a length-prefixed string. */
function keyType(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const length = key.readUInt32BE(0);
  return key.subarray(4, 4 + length).toString('latin1');
}

function untrusted(d: SftpDestination, presented: string, type: string): UntrustedServerError {
  const server = describeDestination(d);
  if (d.hostKey) {
    return new UntrustedServerError(
      `The host key of ${server} changed: it was pinned as ${d.hostKey}, the server now presents ${presented} (${type}). ` +
        `Nothing was sent. This happens when the server is reinstalled, or when someone intercepts the connection: ` +
        `check with the server's administrator (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), then accept the new key in the profile.`,
      { what: 'host-key', presented, pinned: d.hostKey },
    );
  }
  return new UntrustedServerError(
    `The host key of ${server} is not accepted yet: the server presents ${presented} (${type}). Nothing was sent. ` +
      `Check it with the server's administrator (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), then accept this key ` +
      `in the profile, or add ?fingerprint=${encodeURIComponent(presented)} to --deliver.`,
    { what: 'host-key', presented },
  );
}

type Sftp = InstanceType<typeof SftpClient>;

async function open(d: SftpDestination, timeoutMs: number): Promise<{ client: Sftp; hostKey: string }> {
  const client = new SftpClient('comptoir');
  let presented: { fingerprint: string; type: string } | undefined;
  try {
    await client.connect({
      host: d.host,
      port: d.port,
      username: d.user,
      ...(d.password ? { password: d.password } : {}),
      ...(d.privateKey ? { privateKey: d.privateKey } : {}),
      ...(d.passphrase ? { passphrase: d.passphrase } : {}),
      readyTimeout: timeoutMs,
      // Runs before authentication: an unknown or changed key stops us before a password leaves.
      hostVerifier: (key: Buffer) => {
        presented = { fingerprint: hostKeyFingerprint(key), type: keyType(key) };
        return presented.fingerprint === d.hostKey;
      },
    });
    return { client, hostKey: presented?.fingerprint ?? '' };
  } catch (error) {
    await client.end().catch(() => false);
    if (presented && presented.fingerprint !== d.hostKey)
      throw untrusted(d, presented.fingerprint, presented.type);
    throw error;
  }
}

function sftpError(d: SftpDestination, doing: string, error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const server = describeDestination(d);
  const secrets = [d.password, d.passphrase, d.privateKey];
  const prefix = `SFTP ${doing} at ${server} failed`;
  const message = errorMessage(error);
  if (/authentication methods failed|authentication failed/i.test(message)) {
    return deliveryError(
      `${prefix}: the server refused the sign-in; check the user name and the password or private key`,
      false,
      error,
      secrets,
    );
  }
  if (/privateKey|private key|passphrase|Cannot parse/i.test(message)) {
    return deliveryError(
      `${prefix}: the private key cannot be read (${message}); check it and its passphrase`,
      false,
      error,
      secrets,
    );
  }
  if (/permission denied|no such file/i.test(message)) {
    return deliveryError(
      `${prefix}: ${message}; check the remote folder and the user's rights on it`,
      false,
      error,
      secrets,
    );
  }
  const network = networkProblem(error, server);
  if (network) return deliveryError(`${prefix}: ${network.message}`, true, error, secrets);
  return deliveryError(`${prefix}: ${message}`, true, error, secrets);
}

function offersPosixRename(client: Sftp): boolean {
  // ssh2 keeps the extensions the server announced; the typings do not show them.
  const sftp = (client as unknown as { sftp?: { _extensions?: Record<string, string> } }).sftp;
  return sftp?._extensions?.['posix-rename@openssh.com'] !== undefined;
}

/** SFTP v3 rename refuses an existing target: without posix-rename, remove it first (not atomic, but rare). */
async function renameOver(client: Sftp, from: string, to: string, usePosix: boolean): Promise<void> {
  if (usePosix && offersPosixRename(client)) {
    await client.posixRename(from, to);
    return;
  }
  try {
    await client.rename(from, to);
  } catch (error) {
    if (!(await client.exists(to))) throw error;
    await client.delete(to);
    await client.rename(from, to);
  }
}

export function createSftpDeliverer(d: SftpDestination, options: SftpOptions = {}): Deliverer {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const at = (name: string): string => (d.folder ? posix.join(d.folder, name) : name);

  async function session<T>(doing: string, work: (client: Sftp, hostKey: string) => Promise<T>): Promise<T> {
    let client: Sftp | undefined;
    try {
      const opened = await open(d, timeoutMs);
      client = opened.client;
      if (d.folder && !(await client.exists(d.folder))) await client.mkdir(d.folder, true);
      return await work(client, opened.hostKey);
    } catch (error) {
      throw sftpError(d, doing, error);
    } finally {
      await client?.end().catch(() => false);
    }
  }

  return {
    async deliver(file: DeliveryFile) {
      const { size } = await stat(file.path);
      const temp = at(temporaryName(file.name));
      await session(`upload of ${file.name}`, async (client) => {
        await client.put(file.path, temp);
        const uploaded = (await client.stat(temp)).size;
        if (uploaded !== size) {
          throw new DeliveryError(
            `SFTP upload of ${file.name} to ${describeDestination(d)} was incomplete (${uploaded} of ${size} bytes); it will be tried again later`,
            true,
          );
        }
        await renameOver(client, temp, at(file.name), options.posixRename !== false);
      });
    },

    async test() {
      const hostKey = await session('connection test', async (_client, key) => key);
      return `Connected to ${describeDestination(d)}, host key ${hostKey}; the folder is ready.`;
    },
  };
}
