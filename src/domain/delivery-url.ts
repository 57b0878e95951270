// `--deliver <url>` (spec/cli.md): ftp://, ftps:// (explicit TLS) and sftp:// URLs become a
// Destination. Errors name the URL with its password masked: they end up on a terminal.
import type { FtpDestination, SftpDestination } from './delivery-destination.js';
import { ConfigError } from './errors.js';

const DEFAULT_PORTS = { ftp: 21, ftps: 21, sftp: 22 } as const;
type Scheme = keyof typeof DEFAULT_PORTS;

/**
 * "AB:CD:…" from what `openssl x509 -noout -fingerprint -sha256` prints (the whole line or
 * just the digits, with or without colons); undefined when it is not 32 bytes of hex.
 */
export function normalizeCertificateFingerprint(text: string): string | undefined {
  const digits = text.trim().replace(/^.*=/, '').replace(/[:\s]/g, '').toUpperCase();
  if (!/^[0-9A-F]{64}$/.test(digits)) return undefined;
  return digits.match(/../g)!.join(':');
}

/**
 * "SHA256:<base64>" from what `ssh-keygen -lf` prints (the whole line or the fingerprint
 * alone); undefined when it is not a SHA-256 fingerprint.
 */
export function normalizeHostKeyFingerprint(text: string): string | undefined {
  const match = /SHA256:([A-Za-z0-9+/]{43})=?(?:\s|$)/.exec(text.trim());
  return match ? `SHA256:${match[1]}` : undefined;
}

/**
 * The URL as it may be shown: everything between "://" and the last "@" but the user name
 * is masked, since an unencoded "/", "#" or "@" in a password confuses URL parsing.
 */
function maskedUrl(text: string): string {
  const start = text.indexOf('://') + 3;
  const at = text.lastIndexOf('@');
  const shown =
    start < 3 || at < start
      ? text
      : `${text.slice(0, start)}${text.slice(start, at).split(':')[0]}:***${text.slice(at)}`;
  return shown.replace(/\?.*$/, '');
}

function decode(part: string, what: string, problems: string[]): string {
  try {
    return decodeURIComponent(part);
  } catch {
    problems.push(`${what} is not correctly URL-encoded (write %25 for "%")`);
    return '';
  }
}

/** URLSearchParams turns "+" into a space, which would break base64 fingerprints: decode by hand. */
function parseQuery(search: string, problems: string[]): Map<string, string> {
  const params = new Map<string, string>();
  for (const pair of search.replace(/^\?/, '').split('&')) {
    if (!pair) continue;
    const [key = '', ...rest] = pair.split('=');
    params.set(decode(key, 'an option name', problems), decode(rest.join('='), `option "${key}"`, problems));
  }
  return params;
}

/** FTP paths are relative to the login folder (RFC 1738); an encoded "/" (%2F) starts an absolute one. */
function ftpFolder(pathname: string, problems: string[]): string {
  const segments = pathname.replace(/^\//, '').replace(/\/$/, '').split('/');
  return segments.map((s) => decode(s, 'the folder', problems)).join('/');
}

/** SFTP paths are absolute; "/~/dir" is dir in the home folder, as curl reads it. */
function sftpFolder(pathname: string, problems: string[]): string {
  const decoded = decode(pathname, 'the folder', problems).replace(/(.)\/+$/, '$1');
  if (decoded === '/~' || decoded === '') return '';
  if (decoded.startsWith('/~/')) return decoded.slice(3);
  return decoded;
}

function fingerprintOf(scheme: Scheme, value: string | undefined, problems: string[]): string | undefined {
  if (value === undefined) return undefined;
  if (scheme === 'ftp') {
    problems.push('fingerprint= only applies to ftps:// (a certificate) and sftp:// (a host key)');
    return undefined;
  }
  if (scheme === 'ftps') {
    const fingerprint = normalizeCertificateFingerprint(value);
    if (!fingerprint) {
      problems.push(
        'fingerprint= must be the SHA-256 fingerprint as `openssl x509 -noout -fingerprint -sha256 -in cert.pem` prints it (32 hex pairs, e.g. AB:CD:…)',
      );
    }
    return fingerprint;
  }
  const hostKey = normalizeHostKeyFingerprint(value);
  if (!hostKey) {
    problems.push(
      'fingerprint= must be the host key fingerprint as `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` prints it (SHA256:…, with "+" written %2B)',
    );
  }
  return hostKey;
}

/** Parses one `--deliver` URL; throws ConfigError listing every problem found. */
export function parseDeliverUrl(text: string): FtpDestination | SftpDestination {
  const shown = `--deliver ${maskedUrl(text)}`;
  const fail = (problems: string[]): never => {
    throw new ConfigError(problems.map((p) => `${shown}: ${p}`));
  };
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return fail(['not a URL; expected ftp://user:password@host:port/folder, ftps://… or sftp://…']);
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!(scheme in DEFAULT_PORTS)) {
    return fail([`"${scheme}:" is not supported; use ftp://, ftps:// (explicit TLS) or sftp://`]);
  }
  const kind = scheme as Scheme;
  const problems: string[] = [];
  if (!url.hostname) problems.push('the host is missing (ftp://user:password@host/folder)');
  const user = decode(url.username, 'the user name', problems);
  const password = decode(url.password, 'the password', problems);
  if (!user) problems.push('the user name is missing (ftp://user:password@host/folder)');
  if (!password) problems.push(`the password is missing (${kind}://user:password@host/folder)`);
  if (url.hash) problems.push('remove the "#…" part: a "#" in a password must be written %23');
  const query = parseQuery(url.search, problems);
  for (const key of query.keys()) {
    if (key !== 'fingerprint') problems.push(`unknown option "${key}"; the only option is fingerprint=`);
  }
  const fingerprint = fingerprintOf(kind, query.get('fingerprint'), problems);
  // WHATWG URL already rejects ports above 65535; port 0 is not a server.
  const port = url.port ? Number.parseInt(url.port, 10) : DEFAULT_PORTS[kind];
  if (port === 0) problems.push('the port must be between 1 and 65535');
  // IPv6 hosts come bracketed ("[::1]"); sockets want them bare.
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const folder = kind === 'sftp' ? sftpFolder(url.pathname, problems) : ftpFolder(url.pathname, problems);
  if (problems.length > 0) return fail(problems);

  if (kind === 'sftp') {
    return {
      kind: 'sftp',
      host,
      port,
      user,
      password,
      folder,
      ...(fingerprint ? { hostKey: fingerprint } : {}),
    };
  }
  return {
    kind: 'ftp',
    host,
    port,
    user,
    password,
    folder,
    tls: kind === 'ftps',
    ...(fingerprint ? { fingerprint } : {}),
  };
}
