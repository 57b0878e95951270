// One small HTTP client for every shop: timeout, retries with back-off, content-type check
// and errors that carry the HTTP status and the shop's own message (Uptime Kuma's
// throwGeneralAxiosError), with every secret redacted from every message.
import { AppError } from '../../domain/errors.js';

export type ShopErrorCode =
  | 'shop-unreachable'
  | 'shop-auth'
  | 'shop-permission'
  | 'shop-not-found'
  | 'shop-format'
  | 'shop-timeout'
  | 'shop-rate-limit'
  | 'shop-unavailable'
  | 'shop-http';

export class ShopError extends AppError {
  readonly status: number | undefined;
  /** What the shop said (redacted, shortened), when it said something. */
  readonly shopMessage: string | undefined;
  readonly retryable: boolean;

  constructor(
    code: ShopErrorCode,
    message: string,
    details: { status?: number; shopMessage?: string; retryable?: boolean } = {},
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.status = details.status;
    this.shopMessage = details.shopMessage;
    this.retryable = details.retryable ?? false;
  }
}

export interface HttpOptions {
  /** Per request, default 30 s. */
  timeoutMs?: number;
  /** Extra attempts after the first on 5xx, 429, timeouts and network errors; default 4. */
  retries?: number;
  /** First back-off delay, doubled each attempt (with jitter); default 500 ms. */
  retryDelayMs?: number;
  /** Longest wait accepted, for back-off and Retry-After; default 60 s. */
  maxDelayMs?: number;
  fetch?: typeof fetch;
}

export interface ShopResponse {
  status: number;
  headers: Headers;
  body: string;
}

export type Expected = 'xml' | 'json';

interface ClientSettings extends HttpOptions {
  platform: string;
  baseUrl: string;
  headers: Record<string, string>;
  /** Every value that must never appear in a message: keys, tokens, their encodings. */
  secrets: string[];
  /** Reads the shop's error message from an error body. */
  extractMessage: (body: string) => string | undefined;
}

/** Replaces every secret (as given, URL-encoded and base64 basic-auth forms) with ***. */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  const forms = secrets
    .filter((s) => s.length >= 4)
    .flatMap((s) => [s, encodeURIComponent(s), Buffer.from(`${s}:`).toString('base64')])
    .sort((a, b) => b.length - a.length);
  let out = text;
  for (const form of forms) out = out.split(form).join('***');
  return out;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class ShopHttpClient {
  private readonly s: Required<HttpOptions> & ClientSettings;

  constructor(settings: ClientSettings) {
    this.s = {
      timeoutMs: 30_000,
      retries: 4,
      retryDelayMs: 500,
      maxDelayMs: 60_000,
      fetch: globalThis.fetch,
      ...settings,
    };
  }

  redact(text: string): string {
    return redactSecrets(text, this.s.secrets);
  }

  /** GET `path` (relative to the base URL, with its query); throws ShopError. */
  async get(path: string, expect: Expected): Promise<ShopResponse> {
    const url = new URL(path, this.s.baseUrl.endsWith('/') ? this.s.baseUrl : `${this.s.baseUrl}/`);
    const where = this.redact(`${url.pathname}${url.search}`);
    for (let attempt = 0; ; attempt++) {
      let wait: number | undefined;
      try {
        const response = await this.s.fetch(url, {
          headers: { accept: expect === 'xml' ? 'application/xml' : 'application/json', ...this.s.headers },
          signal: AbortSignal.timeout(this.s.timeoutMs),
          redirect: 'follow',
        });
        const body = await response.text();
        if (response.ok) {
          this.checkFormat(response, body, expect, where);
          return { status: response.status, headers: response.headers, body };
        }
        const error = this.statusError(response, body, where);
        if (!error.retryable || attempt >= this.s.retries) throw error;
        wait = this.retryAfter(response, attempt, error);
      } catch (cause) {
        if (cause instanceof ShopError) throw cause;
        const error = this.networkError(cause, where);
        if (!error.retryable || attempt >= this.s.retries) throw error;
        wait = this.backoff(attempt);
      }
      await sleep(wait);
    }
  }

  private backoff(attempt: number): number {
    const base = Math.min(this.s.maxDelayMs, this.s.retryDelayMs * 2 ** attempt);
    // Full jitter on half the delay: retries from several workers do not line up.
    return base / 2 + Math.random() * (base / 2);
  }

  private retryAfter(response: Response, attempt: number, error: ShopError): number {
    const header = response.headers.get('retry-after');
    if (header === null) return this.backoff(attempt);
    const seconds = /^\d+$/.test(header.trim())
      ? Number(header.trim()) * 1000
      : Date.parse(header) - Date.now();
    const ms = Number.isFinite(seconds) ? Math.max(0, seconds) : this.backoff(attempt);
    // A shop asking for a longer pause than we accept: stop now with its answer.
    if (ms > this.s.maxDelayMs) throw error;
    return ms;
  }

  private checkFormat(response: Response, body: string, expect: Expected, where: string): void {
    const type = (response.headers.get('content-type') ?? '').toLowerCase();
    const head = body.trimStart().slice(0, 100).toLowerCase();
    const html = type.includes('html') || head.startsWith('<!doctype html') || head.startsWith('<html');
    const ok = expect === 'xml' ? type.includes('xml') || head.startsWith('<?xml') : type.includes('json');
    if (html || !ok) {
      const what = html ? 'an HTML page' : `"${type || 'no content type'}"`;
      throw new ShopError(
        'shop-format',
        `${this.s.platform} answered ${where} with ${what} instead of ${expect.toUpperCase()}: the URL probably points to the shop's pages, a login or a maintenance page rather than its API. Check the shop URL in the profile.`,
        { status: response.status },
      );
    }
  }

  private statusError(response: Response, body: string, where: string): ShopError {
    const status = response.status;
    const said = this.s.extractMessage(body);
    const shopMessage = said === undefined ? undefined : this.redact(said).slice(0, 300);
    const tail = shopMessage ? ` The shop said: "${shopMessage}".` : '';
    const p = this.s.platform;
    const details = { status, ...(shopMessage ? { shopMessage } : {}) };
    if (status === 401) {
      return new ShopError(
        'shop-auth',
        `${p} refused the key (HTTP 401 on ${where}). Check the key in the profile and that it is enabled in the shop.${tail}`,
        details,
      );
    }
    if (status === 403) {
      return new ShopError(
        'shop-permission',
        `${p} refused access to ${where} (HTTP 403): the key lacks a permission. Give it read access to this resource in the shop.${tail}`,
        details,
      );
    }
    if (status === 404) {
      return new ShopError(
        'shop-not-found',
        `${p} has no ${where} (HTTP 404). Check the shop URL in the profile.${tail}`,
        details,
      );
    }
    if (status === 429) {
      return new ShopError(
        'shop-rate-limit',
        `${p} kept limiting requests (HTTP 429 on ${where}). Try again later.${tail}`,
        { ...details, retryable: true },
      );
    }
    if (status >= 500) {
      return new ShopError(
        'shop-unavailable',
        `${p} failed on ${where} (HTTP ${status}). Try again later; if it persists, check the shop's error log.${tail}`,
        { ...details, retryable: true },
      );
    }
    return new ShopError('shop-http', `${p} answered HTTP ${status} on ${where}.${tail}`, details);
  }

  private networkError(cause: unknown, where: string): ShopError {
    const p = this.s.platform;
    const name = cause instanceof Error ? cause.name : '';
    if (name === 'TimeoutError' || name === 'AbortError') {
      return new ShopError(
        'shop-timeout',
        `${p} did not answer ${where} within ${this.s.timeoutMs} ms. Try again later.`,
        { retryable: true },
      );
    }
    const code = errorCode(cause);
    // A name that does not resolve will not resolve on a retry either.
    const permanent = code === 'ENOTFOUND' || code === 'ERR_INVALID_URL' || code === 'CERT_HAS_EXPIRED';
    const reason = this.redact(code ?? (cause instanceof Error ? cause.message : String(cause)));
    return new ShopError(
      'shop-unreachable',
      `cannot reach ${p} at ${this.redact(new URL(this.s.baseUrl).origin)} (${reason}). Check the shop URL in the profile and that the shop is online.`,
      { retryable: !permanent },
    );
  }
}

function errorCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    e = (e as { cause?: unknown }).cause;
  }
  return undefined;
}
