// Where a file is delivered besides the outbox (FEATURES.md §6). Secrets live in fields
// named password / passphrase / privateKey so that log.ts's redact() hides them.

export interface FtpDestination {
  kind: 'ftp';
  host: string;
  port: number;
  user: string;
  password: string;
  /** Relative to the login folder (RFC 1738); '/…' is absolute; '' is the login folder. */
  folder: string;
  /** Explicit TLS (AUTH TLS). basic-ftp only does passive mode, which is what firewalls allow. */
  tls: boolean;
  /** Pinned certificate, SHA-256 as "AB:CD:…" (64 hex digits): accepts a self-signed server. */
  fingerprint?: string;
}

export interface SftpDestination {
  kind: 'sftp';
  host: string;
  port: number;
  user: string;
  password?: string;
  /** The private key's text (OpenSSH or PEM), when the server wants key authentication. */
  privateKey?: string;
  passphrase?: string;
  /** '/…' is absolute; anything else is inside the home folder ('' is the home folder). */
  folder: string;
  /** Pinned host key as ssh-keygen -lf prints it: "SHA256:<base64>". */
  hostKey?: string;
}

export interface MailDestination {
  kind: 'mail';
  to: string[];
  /** `{file}` is replaced by the file's name: there is one message per file. */
  subject: string;
}

export type Destination = FtpDestination | SftpDestination | MailDestination;

/** The appliance's outgoing mail server (one for all profiles). */
export interface SmtpSettings {
  host: string;
  port: number;
  /** 'tls': TLS from the start (port 465); 'starttls': required upgrade (587); 'none': plain, or upgraded if offered. */
  security: 'tls' | 'starttls' | 'none';
  user?: string;
  password?: string;
  from: string;
  /** Largest attachment accepted, in bytes (mail servers commonly refuse 10 to 25 MB messages). */
  maxAttachmentBytes: number;
  /** Off only for a LAN server with a self-signed certificate. */
  verifyCertificate?: boolean;
}

export const DEFAULT_MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

function hostPart(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}

/** A URL-like label without any secret, for logs, errors and the run page. */
export function describeDestination(destination: Destination): string {
  switch (destination.kind) {
    case 'ftp': {
      const scheme = destination.tls ? 'ftps' : 'ftp';
      const folder = destination.folder ? `/${encodeURI(destination.folder)}` : '';
      return `${scheme}://${encodeURIComponent(destination.user)}@${hostPart(destination.host)}:${destination.port}${folder}`;
    }
    case 'sftp': {
      const folder = destination.folder.startsWith('/') ? destination.folder : `/~/${destination.folder}`;
      return `sftp://${encodeURIComponent(destination.user)}@${hostPart(destination.host)}:${destination.port}${encodeURI(folder)}`;
    }
    case 'mail':
      return `mailto:${destination.to.join(',')}`;
  }
}
