// A TCP relay that can drop a connection after N bytes from the client: a network cut in
// the middle of an upload, for protocols that use a single connection (SFTP).
import { once } from 'node:events';
import net from 'node:net';

export interface CutProxy {
  port: number;
  /** The next connection is cut once the client has sent this many bytes. */
  cutNextAfter(bytes: number): void;
  stop(): Promise<void>;
}

export async function startCutProxy(targetPort: number): Promise<CutProxy> {
  let cutAfter: number | undefined;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const limit = cutAfter;
    cutAfter = undefined;
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      // A reset on one side ends the other; the error itself is the point of the test.
      s.on('error', () => undefined);
    }
    let sent = 0;
    client.on('data', (chunk: Buffer) => {
      sent += chunk.length;
      if (limit !== undefined && sent > limit) {
        client.destroy();
        upstream.destroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as net.AddressInfo).port,
    cutNextAfter(bytes) {
      cutAfter = bytes;
    },
    async stop() {
      for (const s of sockets) s.destroy();
      server.close();
      await once(server, 'close');
    },
  };
}
