// FTP and FTPS (explicit TLS) delivery with basic-ftp: passive mode, folder created if
// missing, upload under a temporary name then rename, so a reader never sees half a file.
import { stat } from 'node:fs/promises';
import { Client, FTPError } from 'basic-ftp';
import { describeDestination, type FtpDestination } from '../../domain/delivery-destination.js';
import { DeliveryError } from '../../domain/errors.js';
import { deliveryError, isCertificateError, networkProblem, temporaryName } from './destination-errors.js';
import type { Deliverer, DeliveryFile } from './destination.js';
import { connectTls } from './ftp-tls.js';

export interface FtpOptions {
  /** Per command and per idle transfer (basic-ftp's timeout). */
  timeoutMs?: number;
}

async function open(
  d: FtpDestination,
  timeoutMs: number,
  trusted: { pem?: string },
): Promise<{ client: Client; certificate?: string }> {
  const client = new Client(timeoutMs);
  try {
    const certificate = await connectTls(client, d, trusted);
    await client.sendIgnoringError('OPTS UTF8 ON');
    await client.login(d.user, d.password);
    await client.useDefaultSettings();
    return { client, ...(certificate ? { certificate } : {}) };
  } catch (error) {
    client.close();
    throw error;
  }
}

function ftpError(d: FtpDestination, doing: string, error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const server = describeDestination(d);
  const secrets = [d.password];
  const prefix = `FTP ${doing} at ${server} failed`;
  if (error instanceof FTPError) {
    const reply = error.message;
    if (error.code === 530) {
      return deliveryError(
        `${prefix}: the server refused the sign-in (${reply}); check the user name and password`,
        false,
        error,
        secrets,
      );
    }
    // 4xx replies are transient by definition (RFC 959); among 5xx, only "storage full" may clear by itself.
    const retryable = (error.code >= 400 && error.code < 500) || error.code === 552;
    const advice = retryable
      ? 'it will be tried again later'
      : "check the remote folder and the user's rights on it";
    return deliveryError(`${prefix}: the server replied ${reply}; ${advice}`, retryable, error, secrets);
  }
  if (isCertificateError(error)) {
    return deliveryError(
      `${prefix}: TLS problem (${String(error)}); check the server's certificate or pin it in the profile`,
      false,
      error,
      secrets,
    );
  }
  const network = networkProblem(error, server);
  if (network) return deliveryError(`${prefix}: ${network.message}`, true, error, secrets);
  return deliveryError(`${prefix}: ${String(error)}`, true, error, secrets);
}

/** Renames over an existing file; servers that refuse to (RNTO 550/553 when the target exists) get it removed first. */
async function renameOver(client: Client, from: string, to: string): Promise<void> {
  try {
    await client.rename(from, to);
  } catch (error) {
    if (!(error instanceof FTPError) || error.code < 500) throw error;
    const existing = await client.size(to).catch(() => undefined);
    if (existing === undefined) throw error;
    await client.remove(to);
    await client.rename(from, to);
  }
}

export function createFtpDeliverer(d: FtpDestination, options: FtpOptions = {}): Deliverer {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const trusted: { pem?: string } = {};

  async function session<T>(doing: string, work: (client: Client) => Promise<T>): Promise<T> {
    let client: Client | undefined;
    try {
      client = (await open(d, timeoutMs, trusted)).client;
      if (d.folder) await client.ensureDir(d.folder); // also moves into it
      return await work(client);
    } catch (error) {
      throw ftpError(d, doing, error);
    } finally {
      client?.close();
    }
  }

  return {
    async deliver(file: DeliveryFile) {
      const { size } = await stat(file.path);
      const temp = temporaryName(file.name);
      await session(`upload of ${file.name}`, async (client) => {
        await client.uploadFrom(file.path, temp);
        // A cut data connection may still be acknowledged by some servers: check the size before renaming.
        const uploaded = await client.size(temp).catch(() => size);
        if (uploaded !== size) {
          throw new DeliveryError(
            `FTP upload of ${file.name} to ${describeDestination(d)} was incomplete (${uploaded} of ${size} bytes); it will be tried again later`,
            true,
          );
        }
        await renameOver(client, temp, file.name);
      });
    },

    async test() {
      let certificate: string | undefined;
      try {
        const opened = await open(d, timeoutMs, trusted);
        certificate = opened.certificate;
        try {
          if (d.folder) await opened.client.ensureDir(d.folder);
        } finally {
          opened.client.close();
        }
      } catch (error) {
        throw ftpError(d, 'connection test', error);
      }
      const tls = certificate ? `, TLS certificate SHA-256 ${certificate}` : '';
      return `Connected to ${describeDestination(d)}${tls}; the folder is ready.`;
    },
  };
}
