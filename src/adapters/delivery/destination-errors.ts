// Turning library errors into DeliveryErrors a user can act on, with no secret inside:
// messages reach the run page, the log and the queue's stored "last error".
import { DeliveryError } from '../../domain/errors.js';

/** A server whose certificate or host key is not (or no longer) the pinned one: never retried. */
export class UntrustedServerError extends DeliveryError {
  /** What the server presented: "AB:CD:…" (certificate) or "SHA256:…" (host key), for an "accept" button. */
  readonly presented: string;
  readonly what: 'certificate' | 'host-key';
  /** The pinned value it did not match; undefined when nothing was pinned yet. */
  readonly pinned: string | undefined;

  constructor(
    message: string,
    details: { presented: string; what: 'certificate' | 'host-key'; pinned?: string },
  ) {
    super(message, false);
    this.presented = details.presented;
    this.what = details.what;
    this.pinned = details.pinned;
  }
}

/** Network trouble that may go away by itself: worth retrying later. */
const TRANSIENT_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'ETIMEOUT',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ECONNECTION',
  'ESOCKET',
  'ERR_SOCKET_CONNECTION_TIMEOUT',
  'ERR_STREAM_PREMATURE_CLOSE',
]);

const CERTIFICATE_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME/;

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function isTransient(error: unknown): boolean {
  const code = errorCode(error);
  if (TRANSIENT_CODES.has(code)) return true;
  return /timed? ?out|ECONNRESET|ECONNREFUSED|socket hang up|closed|ended|end of file|not connected/i.test(
    errorMessage(error),
  );
}

export function isCertificateError(error: unknown): boolean {
  return CERTIFICATE_CODES.test(errorCode(error)) || /certificate/i.test(errorMessage(error));
}

/** Hides every secret (and its URL-encoded form) that a server or library may have echoed. */
export function scrub(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    // A one- or two-character secret would turn every such letter into stars; none is that short in practice.
    if (!secret || secret.length < 3) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('***');
  }
  return out;
}

/** What a queue needs from a raw error: a message without secrets and a retryable flag. */
export function deliveryError(
  message: string,
  retryable: boolean,
  cause: unknown,
  secrets: ReadonlyArray<string | undefined>,
): DeliveryError {
  // The cause is rebuilt rather than kept: a library error may carry the connection options.
  const safeCause = Object.assign(new Error(scrub(errorMessage(cause), secrets)), { code: errorCode(cause) });
  return new DeliveryError(scrub(message, secrets), retryable, { cause: safeCause });
}

/** The network part shared by every protocol; undefined when the error is something else. */
export function networkProblem(
  error: unknown,
  server: string,
): { message: string; retryable: true } | undefined {
  if (!isTransient(error)) return undefined;
  const code = errorCode(error);
  const advice: Record<string, string> = {
    ECONNREFUSED: `nothing answers at ${server}: check that the server is running and the host and port are right`,
    ENOTFOUND: `the host name of ${server} is unknown: check its spelling and the appliance's DNS`,
    EAI_AGAIN: `the host name of ${server} could not be looked up (DNS): it will be tried again`,
  };
  const reason = advice[code] ?? `the connection to ${server} failed or was cut (${errorMessage(error)})`;
  return { message: `${reason}; it will be tried again later`, retryable: true };
}

/** Name of the file while it uploads: hidden from folder watchers, and the same on every attempt so a retry overwrites a partial one. */
export function temporaryName(name: string): string {
  return `.comptoir-${name}.tmp`;
}
