// Shared by the security and speed tests: an HTTP client with a cookie jar (node:http, so
// that a request can come from another loopback address or carry any header), and a
// real web app on real stores in a temporary folder with the options under test.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setQuiet } from '../../src/log.js';
import { RunStore } from '../../src/store/runs.js';
import { SettingsStore } from '../../src/store/settings.js';
import { createWebApp, startWebServer, type WebDeps } from '../../src/web/app.js';
import { hashPassword } from '../../src/web/password.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const ADMIN = 'admin';
export const PASSWORD = 'correct horse battery';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

export interface ClientOptions {
  /** Source address of the connections (any 127.x.y.z works on Linux loopback). */
  localAddress?: string;
  /** Sent with every request (e.g. X-Forwarded-For). */
  headers?: Record<string, string>;
  agent?: http.Agent;
}

export class Client {
  readonly cookies = new Map<string, string>();
  /** The Set-Cookie lines of the last response. */
  lastSetCookie: string[] = [];

  constructor(
    private readonly base: string,
    private readonly options: ClientOptions = {},
  ) {}

  request(
    method: string,
    target: string,
    body?: string | Buffer,
    headers: Record<string, string> = {},
  ): Promise<Reply> {
    const url = new URL(target, this.base);
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          method,
          host: url.hostname,
          port: url.port,
          // Raw: the path is sent exactly as written (../ and %2e%2e stay as they are).
          path: target.startsWith('http') ? `${url.pathname}${url.search}` : target,
          localAddress: this.options.localAddress,
          agent: this.options.agent,
          headers: {
            ...(cookie ? { cookie } : {}),
            ...(body !== undefined ? { 'content-length': String(Buffer.byteLength(body)) } : {}),
            ...this.options.headers,
            ...headers,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            this.lastSetCookie = response.headers['set-cookie'] ?? [];
            for (const line of this.lastSetCookie) {
              const [pair = '', ...attributes] = line.split(';');
              const at = pair.indexOf('=');
              const name = pair.slice(0, at);
              const value = pair.slice(at + 1);
              const expired = attributes.some((a) => /^\s*expires=Thu, 01 Jan 1970/i.test(a));
              if (expired || value === '') this.cookies.delete(name);
              else this.cookies.set(name, value);
            }
            const all = Buffer.concat(chunks);
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              body: all,
              text: all.toString(),
            });
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  get(target: string, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request('GET', target, undefined, headers);
  }

  post(target: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Reply> {
    return this.request('POST', target, new URLSearchParams(form).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      ...headers,
    });
  }

  /** Loads a page and returns the CSRF token it carries. */
  async token(target: string): Promise<string> {
    const reply = await this.get(target);
    const match = /name="_csrf" value="([^"]+)"/.exec(reply.text);
    if (!match?.[1]) throw new Error(`no CSRF token in ${target} (${reply.status})`);
    return match[1];
  }

  async signIn(username = ADMIN, password = PASSWORD): Promise<Reply> {
    const token = await this.token('/login');
    return this.post('/login', { _csrf: token, username, password });
  }
}

export interface TestApp {
  url: string;
  tmp: string;
  settings: SettingsStore;
  runs: RunStore;
  deps: WebDeps;
  close(): Promise<void>;
}

/** A web app on a fresh data folder with one administrator (ADMIN / PASSWORD). */
export async function startTestApp(
  options: Partial<WebDeps> & { prepare?: (tmp: string) => Promise<void> } = {},
): Promise<TestApp> {
  setQuiet(true);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-websec-'));
  await options.prepare?.(tmp);
  const secretKey = randomBytes(32);
  const settings = await SettingsStore.open(path.join(tmp, 'comptoir.json'), secretKey);
  await settings.createUser({ username: ADMIN, passwordHash: await hashPassword(PASSWORD), role: 'admin' });
  const runs = await RunStore.open(tmp);
  const deps: WebDeps = {
    settings,
    runs,
    secretKey,
    viewsDir: path.join(ROOT, 'views'),
    publicDir: path.join(ROOT, 'public'),
    dataDir: tmp,
    ...options,
  };
  const server = await startWebServer(createWebApp(deps), '127.0.0.1', 0);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tmp,
    settings,
    runs,
    deps,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runs.close();
      await fs.rm(tmp, { recursive: true, force: true });
    },
  };
}

/** Generates a 32-byte key (tests that need to know it). */
export function newKey(): Buffer {
  return randomBytes(32);
}

/** Same-site links of a page: href, hx-get and form actions with method get. */
export function linksOf(html: string): string[] {
  const links = new Set<string>();
  for (const match of html.matchAll(/\b(?:href|hx-get|src)="(\/[^"]*)"/g)) {
    const raw = (match[1] ?? '').replaceAll('&amp;', '&').replace(/#.*$/, '');
    if (raw && !raw.startsWith('//')) links.add(raw);
  }
  return [...links];
}

export interface CrawledPage {
  url: string;
  reply: Reply;
}

/**
 * Every page reachable by GET from `start` through same-site links, at most `limit` of
 * them, and at most `variants` query strings per path (month by month, page by page…).
 */
export async function crawl(
  client: Client,
  start: string[],
  limit = 400,
  variants = 3,
): Promise<CrawledPage[]> {
  const seen = new Set<string>(start);
  const perPath = new Map<string, number>();
  const queue = [...start];
  const pages: CrawledPage[] = [];
  while (queue.length > 0 && pages.length < limit) {
    const url = queue.shift() as string;
    const reply = await client.get(url);
    pages.push({ url, reply });
    const type = String(reply.headers['content-type'] ?? '');
    if (!type.startsWith('text/html')) continue;
    for (const link of linksOf(reply.text)) {
      if (seen.has(link) || link === '/logout') continue;
      const pathname = link.replace(/\?.*$/, '');
      const count = perPath.get(pathname) ?? 0;
      if (count >= variants) continue;
      perPath.set(pathname, count + 1);
      seen.add(link);
      queue.push(link);
    }
  }
  return pages;
}
