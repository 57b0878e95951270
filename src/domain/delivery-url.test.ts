import { describe, expect, it } from 'vitest';
import { describeDestination } from './delivery-destination.js';
import {
  normalizeCertificateFingerprint,
  normalizeHostKeyFingerprint,
  parseDeliverUrl,
} from './delivery-url.js';
import { ConfigError } from './errors.js';

const HEX = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';
const HOST_KEY = 'SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s';

function problems(url: string): string[] {
  try {
    parseDeliverUrl(url);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`${url} was accepted`);
}

describe('parseDeliverUrl', () => {
  it('reads ftp:// with the default port and a folder relative to the login folder', () => {
    expect(parseDeliverUrl('ftp://compta:secret@nas.local/exports/fec')).toEqual({
      kind: 'ftp',
      host: 'nas.local',
      port: 21,
      user: 'compta',
      password: 'secret',
      folder: 'exports/fec',
      tls: false,
    });
  });

  it('reads ftps:// as explicit TLS with a port, an absolute folder (%2F) and a pinned certificate', () => {
    const d = parseDeliverUrl(
      `ftps://u:p@10.0.0.5:2121/%2Fsrv/in/?fingerprint=${encodeURIComponent(`sha256 Fingerprint=${HEX}`)}`,
    );
    expect(d).toMatchObject({ kind: 'ftp', tls: true, port: 2121, folder: '/srv/in', fingerprint: HEX });
  });

  it('accepts the certificate fingerprint without colons, lower case, or as older openssl prints it', () => {
    const digits = HEX.replace(/:/g, '').toLowerCase();
    expect(normalizeCertificateFingerprint(digits)).toBe(HEX);
    expect(normalizeCertificateFingerprint(`SHA256 Fingerprint=${HEX}\n`)).toBe(HEX);
    expect(normalizeCertificateFingerprint('AB:CD')).toBeUndefined();
  });

  it('decodes URL-encoded credentials', () => {
    const d = parseDeliverUrl('ftp://c%40binet:p%3A%2F%40%23%25w@host/');
    expect(d).toMatchObject({ user: 'c@binet', password: 'p:/@#%w', folder: '' });
  });

  it('reads sftp:// paths as absolute, /~/ as the home folder, and the host key as ssh-keygen -lf prints it', () => {
    const line = `256 ${HOST_KEY} root@nas (ED25519)`;
    expect(parseDeliverUrl(`sftp://u:p@nas:2222/var/in?fingerprint=${encodeURIComponent(line)}`)).toEqual({
      kind: 'sftp',
      host: 'nas',
      port: 2222,
      user: 'u',
      password: 'p',
      folder: '/var/in',
      hostKey: HOST_KEY,
    });
    expect(parseDeliverUrl('sftp://u:p@nas/~/compta/fec/')).toMatchObject({ folder: 'compta/fec', port: 22 });
    expect(parseDeliverUrl('sftp://u:p@nas/~')).toMatchObject({ folder: '' });
    expect(parseDeliverUrl('sftp://u:p@[::1]/in')).toMatchObject({ host: '::1' });
  });

  it('keeps a "+" of a base64 fingerprint that was not URL-encoded', () => {
    const key = 'SHA256:ab+cdefghijklmnopqrstuvwxyz/0123456789ABCDE';
    expect(parseDeliverUrl(`sftp://u:p@nas/in?fingerprint=${key}`)).toMatchObject({ hostKey: key });
    expect(normalizeHostKeyFingerprint('MD5:aa:bb')).toBeUndefined();
  });

  it('lists every problem, each naming the URL without its password', () => {
    const found = problems('ftp://:hunter22@host:0/x?fingerprint=AB&mode=active');
    expect(found).toEqual([
      expect.stringMatching(/user name is missing/),
      expect.stringMatching(/unknown option "mode"/),
      expect.stringMatching(/only applies to ftps/),
      expect.stringMatching(/port must be between 1 and 65535/),
    ]);
    for (const p of found) {
      expect(p).toMatch(/^--deliver ftp:\/\/:\*\*\*@host:0\/x: /);
      expect(p).not.toContain('hunter22');
    }
  });

  it('says what to write for a bad fingerprint, a bad scheme, a missing password or a non-URL', () => {
    expect(problems('ftps://u:p@h/?fingerprint=12:34')[0]).toMatch(
      /openssl x509 -noout -fingerprint -sha256/,
    );
    expect(problems('sftp://u:p@h/?fingerprint=abc')[0]).toMatch(/ssh-keygen -lf/);
    expect(problems('http://u:p@h/')[0]).toMatch(/use ftp:\/\/, ftps:\/\/ \(explicit TLS\) or sftp:\/\//);
    expect(problems('sftp://u@h/')[0]).toMatch(/password is missing \(sftp:/);
    expect(problems('nas/folder')[0]).toMatch(/not a URL/);
    expect(problems('ftp://u:p@h:99999/')[0]).toMatch(/not a URL/);
  });

  it('never shows a password, even one the URL parser misreads', () => {
    for (const url of [
      'ftp://u:pa/ss@host/',
      'ftp://u:p#ss@host/',
      'ftp://u:p@ss@host:x/',
      'sftp://u:p%zzss@h/',
    ]) {
      const text = problems(url).join('\n');
      expect(text).not.toMatch(/pa\/ss|p#ss|p@ss|p%zzss/);
    }
  });
});

describe('describeDestination', () => {
  it('labels a destination without its secrets', () => {
    const ftps = parseDeliverUrl('ftps://me:secret@nas:990/out');
    expect(describeDestination(ftps)).toBe('ftps://me@nas:990/out');
    expect(describeDestination(parseDeliverUrl('sftp://me:secret@nas/~/in'))).toBe('sftp://me@nas:22/~/in');
    expect(describeDestination({ kind: 'mail', to: ['a@b.c'], subject: 's' })).toBe('mailto:a@b.c');
  });
});
