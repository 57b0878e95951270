// The HTTP side every shop simulator shares: a node:http server on 127.0.0.1:0, an auth
// check, a request log and fault injection (HTML answer, 429 once, 5xx then 200, slowness).
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

export interface Faults {
  /** Answer every request with a 200 HTML page (a front office, a maintenance page). */
  html?: boolean;
  /** The next request gets 429 with Retry-After: 1. */
  rateLimitOnce?: boolean;
  /** The next N requests get 500. */
  failures?: number;
  /** Delay every answer by this long. */
  slowMs?: number;
}

export interface Simulator {
  url: string;
  /** Paths and queries received, in order (after auth). */
  requests: string[];
  faults: Faults;
  close(): Promise<void>;
}

export type Handler = (url: URL, req: IncomingMessage) => SimResponse;

export async function startSimulator(options: {
  authorised: (req: IncomingMessage, url: URL) => boolean;
  unauthorised: SimResponse;
  handle: Handler;
}): Promise<Simulator> {
  const requests: string[] = [];
  const faults: Faults = {};
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const send = (r: SimResponse): void => {
      const delay = faults.slowMs ?? 0;
      const timer = setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(r.status, r.headers ?? {});
        res.end(r.body);
      }, delay);
      res.on('close', () => clearTimeout(timer));
    };
    if (faults.html)
      return send({
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8' },
        body: '<!DOCTYPE html><html><body>Welcome to our shop</body></html>',
      });
    if (faults.rateLimitOnce) {
      faults.rateLimitOnce = false;
      return send({
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '1' },
        body: '{"errors":"Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service."}',
      });
    }
    if ((faults.failures ?? 0) > 0) {
      faults.failures = (faults.failures ?? 0) - 1;
      return send({
        status: 500,
        headers: { 'content-type': 'text/html' },
        body: '<html><body>Internal Server Error</body></html>',
      });
    }
    if (!options.authorised(req, url)) return send(options.unauthorised);
    requests.push(`${url.pathname}${url.search}`);
    send(options.handle(url, req));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export const json = (body: unknown, headers: Record<string, string> = {}): SimResponse => ({
  status: 200,
  headers: { 'content-type': 'application/json; charset=UTF-8', ...headers },
  body: typeof body === 'string' ? body : JSON.stringify(body),
});

export function basicUser(req: IncomingMessage): { user: string; password: string } | undefined {
  const header = req.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const at = decoded.indexOf(':');
  return at < 0
    ? { user: decoded, password: '' }
    : { user: decoded.slice(0, at), password: decoded.slice(at + 1) };
}
