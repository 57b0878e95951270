// ftp-srv in-process: plain FTP, or explicit TLS (AUTH TLS) with a given certificate.
// `cutUploads` makes the next uploads die half-way, as a dropped connection would.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { FileSystem, FtpSrv, type FtpConnection } from 'ftp-srv';
import { freePort, scratchDir } from './common.js';

export interface FtpTestServer {
  port: number;
  /** The folder the test user logs into. */
  root: string;
  user: string;
  password: string;
  /** How many of the next uploads are cut after `afterBytes` bytes. */
  cutUploads(count: number, afterBytes: number): void;
  stop(): Promise<void>;
}

/** ftp-srv logs through bunyan by default; tests want silence. */
const silent = {
  child: () => silent,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
};

export async function startFtpServer(
  /** `port`: one reserved earlier, for a server that comes up after its clients tried it. */
  options: { tls?: { cert: string; key: string }; port?: number } = {},
): Promise<FtpTestServer> {
  const port = options.port ?? (await freePort());
  const root = await scratchDir('ftp-root');
  const user = 'ftpuser';
  const password = 'ftp-S3cret!pw';
  const cut = { count: 0, afterBytes: 0 };

  /** Writes through to disk, but drops the whole connection after some bytes when asked. */
  class CuttingFileSystem extends FileSystem {
    override write(fileName: string, opts?: { append?: boolean; start?: unknown }): unknown {
      const written = super.write(fileName, opts) as { stream: Writable; clientPath: string };
      if (cut.count === 0) return written;
      cut.count -= 1;
      const connection = this.connection as FtpConnection & { commandSocket?: { destroy(): void } };
      let bytes = 0;
      const inner = written.stream;
      const stream = new Writable({
        write(chunk: Buffer, _encoding, callback) {
          bytes += chunk.length;
          if (bytes > cut.afterBytes) {
            inner.end();
            connection.commandSocket?.destroy();
            callback(new Error('connection cut by the test'));
            return;
          }
          inner.write(chunk, callback);
        },
        final(callback) {
          inner.end(callback);
        },
      });
      return { stream, clientPath: written.clientPath };
    }
  }

  const server = new FtpSrv({
    url: `ftp://127.0.0.1:${port}`,
    pasv_url: '127.0.0.1',
    pasv_min: 30000,
    pasv_max: 39999,
    tls: options.tls ?? false,
    greeting: 'Comptoir test FTP server',
    log: silent,
  });
  server.on('login', ({ connection, username, password: given }, resolve, reject) => {
    if (username !== user || given !== password) {
      // Echoes the password back, as a careless server might: our messages must still hide it.
      reject(new Error(`Login incorrect for ${username} with password ${given}`));
      return;
    }
    resolve({ fs: new CuttingFileSystem(connection, { root, cwd: '/' }) });
  });
  // A cut connection is reported here; without a listener EventEmitter would throw.
  server.on('client-error', () => undefined);
  await server.listen();

  return {
    port,
    root,
    user,
    password,
    cutUploads(count, afterBytes) {
      cut.count = count;
      cut.afterBytes = afterBytes;
    },
    async stop() {
      await server.close();
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}

export async function listFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}
