// ftp-srv in-process: plain FTP, or explicit TLS (AUTH TLS) with a given certificate.
// `cutUploads` makes the next uploads die half-way, as a dropped connection would;
// `throttleUploads` makes the server read slowly (an upload that takes a while).
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
  /** Uploads are read at about this many bytes a second from now on; undefined: full speed. */
  throttleUploads(bytesPerSecond: number | undefined): void;
  /** Target paths (from the login folder) of every rename, in order: how uploads to a temporary name end. */
  renamed: string[];
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
  const throttle: { bytesPerSecond?: number } = {};
  const renamed: string[] = [];

  /** Writes through to disk, but drops the whole connection after some bytes when asked. */
  class CuttingFileSystem extends FileSystem {
    override async rename(from: string, to: string): Promise<unknown> {
      const done: unknown = await super.rename(from, to);
      renamed.push(path.posix.resolve(this.cwd, to).slice(1));
      return done;
    }

    override write(fileName: string, opts?: { append?: boolean; start?: unknown }): unknown {
      const written = super.write(fileName, opts) as { stream: Writable; clientPath: string };
      if (throttle.bytesPerSecond !== undefined) return { ...written, stream: slowed(written.stream) };
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

  /** Passes 1 KB at a time at the throttled rate; the delayed callbacks hold the data socket back. */
  function slowed(inner: Writable): Writable {
    const piece = 1024;
    const stream = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        void (async () => {
          for (let at = 0; at < chunk.length; at += piece) {
            const rate = throttle.bytesPerSecond;
            if (rate) await new Promise((resolve) => setTimeout(resolve, (piece / rate) * 1000));
            if (!inner.write(chunk.subarray(at, at + piece)))
              await new Promise((resolve) => inner.once('drain', resolve));
          }
        })().then(() => callback(), callback);
      },
      final(callback) {
        inner.end(callback);
      },
    });
    // ftp-srv signals the end of the data connection with 'close' when the stream has listeners for it.
    stream.once('close', () => stream.end());
    return stream;
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
    throttleUploads(bytesPerSecond) {
      throttle.bytesPerSecond = bytesPerSecond;
    },
    renamed,
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
