// FTPS certificate checks for ftp.ts: the server's certificate is verified (or compared
// with the pinned fingerprint) right after AUTH TLS, before any password is sent.
import { X509Certificate } from 'node:crypto';
import type { ConnectionOptions, PeerCertificate, TLSSocket } from 'node:tls';
import type { Client } from 'basic-ftp';
import { describeDestination, type FtpDestination } from '../../domain/delivery-destination.js';
import { UntrustedServerError } from './destination-errors.js';

function toPem(raw: Buffer): string {
  const body = raw.toString('base64').replace(/.{1,64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${body}-----END CERTIFICATE-----\n`;
}

function isSelfSigned(raw: Buffer): boolean {
  const x509 = new X509Certificate(raw);
  return x509.checkIssued(x509) && x509.verify(x509.publicKey);
}

/**
 * TLS options that trust exactly the pinned self-signed certificate. Both connections must
 * be verified this way: data connections resume the control connection's TLS session, and
 * OpenSSL hands a resumed session the verification result of the first handshake.
 */
function pinnedOptions(host: string, pem: string, pinned: string): ConnectionOptions {
  return {
    host,
    ca: pem,
    checkServerIdentity: (_name, peer) =>
      peer.fingerprint256 === pinned ? undefined : new Error('the certificate is not the pinned one'),
  };
}

function untrusted(d: FtpDestination, cert: PeerCertificate, reason: string): UntrustedServerError {
  const server = describeDestination(d);
  const presented = cert.fingerprint256;
  if (d.fingerprint) {
    return new UntrustedServerError(
      `The certificate of ${server} changed: it was pinned as SHA-256 ${d.fingerprint}, the server now presents ${presented}. ` +
        `Nothing was sent. If the server's certificate was renewed, check the new fingerprint with its administrator ` +
        `(openssl x509 -noout -fingerprint -sha256 -in cert.pem), then accept it in the profile.`,
      { what: 'certificate', presented, pinned: d.fingerprint },
    );
  }
  return new UntrustedServerError(
    `The certificate of ${server} is not trusted (${reason}). Nothing was sent. If this is your server and its ` +
      `SHA-256 fingerprint is ${presented} (openssl x509 -noout -fingerprint -sha256 -in cert.pem on the server), ` +
      `accept this certificate in the profile, or add ?fingerprint=${encodeURIComponent(presented)} to --deliver.`,
    { what: 'certificate', presented },
  );
}

/**
 * Connects and switches to TLS, checking the certificate before any password is sent.
 * `trusted` holds the pinned self-signed certificate once seen, for the strict options.
 */
export async function connectTls(
  client: Client,
  d: FtpDestination,
  trusted: { pem?: string },
): Promise<string | undefined> {
  await client.connect(d.host, d.port);
  if (!d.tls) return undefined;
  if (d.fingerprint && trusted.pem) {
    try {
      await client.useTLS(pinnedOptions(d.host, trusted.pem, d.fingerprint));
      return d.fingerprint;
    } catch {
      // The certificate may have changed since it was last seen: look again, and say so.
      trusted.pem = undefined;
      client.close();
      return connectTls(client, d, trusted);
    }
  }
  // Verified here rather than by tls.connect, to tell a self-signed certificate (and its
  // fingerprint) from a pinned one that changed.
  await client.useTLS({ host: d.host, rejectUnauthorized: false });
  const socket = client.ftp.socket as TLSSocket;
  const cert = socket.getPeerCertificate();
  if (!d.fingerprint) {
    if (!socket.authorized) throw untrusted(d, cert, socket.authorizationError?.message ?? 'unverified');
    client.ftp.tlsOptions = { host: d.host };
    return cert.fingerprint256;
  }
  if (cert.fingerprint256 !== d.fingerprint) throw untrusted(d, cert, 'changed');
  if (!isSelfSigned(cert.raw)) {
    // A pinned leaf from a private authority cannot be a trust anchor on Node 20: data
    // connections then rest on resuming this (checked) session.
    client.ftp.tlsOptions = { host: d.host, rejectUnauthorized: false };
    return cert.fingerprint256;
  }
  trusted.pem = toPem(cert.raw);
  client.close();
  return connectTls(client, d, trusted);
}
