// E-mail delivery through smtp-server running in-process (STARTTLS with a self-signed
// certificate, sign-in, size limit); mailparser reads what arrived.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliverer } from '../../src/adapters/delivery/destination.js';
import type { MailDestination, SmtpSettings } from '../../src/domain/delivery-destination.js';
import { DeliveryError } from '../../src/domain/errors.js';
import { freePort, makeCertificate, scratchDir } from '../servers/common.js';
import { startSmtpServer, type SmtpTestServer } from '../servers/smtp.js';

let work: string;
let smtp: SmtpTestServer;
let limited: SmtpTestServer;

const destination: MailDestination = {
  kind: 'mail',
  to: ['compta@example.test', 'cabinet@example.test'],
  subject: 'Écritures {file}',
};

function settings(server: SmtpTestServer, extra: Partial<SmtpSettings> = {}): SmtpSettings {
  return {
    host: '127.0.0.1',
    port: server.port,
    security: 'starttls',
    user: server.user,
    password: server.password,
    from: 'Comptoir <comptoir@example.test>',
    maxAttachmentBytes: 1024 * 1024,
    verifyCertificate: false,
    ...extra,
  };
}

async function failure(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

beforeAll(async () => {
  work = await scratchDir('smtp-test');
  const certificate = await makeCertificate(work);
  [smtp, limited] = await Promise.all([
    startSmtpServer({ tls: certificate }),
    startSmtpServer({ sizeLimit: 64 * 1024 }),
  ]);
});

afterAll(async () => {
  await Promise.all([smtp?.stop(), limited?.stop()]);
  await fs.rm(work, { recursive: true, force: true });
});

describe('e-mail delivery (smtp-server)', () => {
  it('sends the file attached byte for byte, to every recipient, with the subject', async () => {
    // CRLF, tabs, Latin-1 bytes and a missing final newline: everything quoted-printable could alter.
    const bytes = Buffer.concat([
      Buffer.from('JournalCode\tEcritureLib\r\nVT\tVente caf', 'latin1'),
      Buffer.from([0xe9]),
      Buffer.from('\r\n'.repeat(3) + 'x'.repeat(2000) + '\n.\n', 'latin1'),
      randomBytes(4096),
    ]);
    const file = path.join(work, 'FEC.txt');
    await fs.writeFile(file, bytes);
    const deliverer = createDeliverer(destination, { smtp: settings(smtp) });
    expect(await deliverer.test()).toContain('compta@example.test');
    await deliverer.deliver({ path: file, name: 'FEC.txt' });

    const mail = smtp.messages.at(-1)!;
    expect(mail.subject).toBe('Écritures FEC.txt');
    expect(mail.from?.text).toContain('comptoir@example.test');
    expect(JSON.stringify(mail.to)).toContain('cabinet@example.test');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]!.filename).toBe('FEC.txt');
    expect(mail.attachments[0]!.content.equals(bytes)).toBe(true);
  });

  it('refuses a file over the size limit before connecting, with a clear message', async () => {
    const file = path.join(work, 'big.txt');
    await fs.writeFile(file, randomBytes(2 * 1024 * 1024));
    const error = await failure(
      createDeliverer(destination, { smtp: settings(smtp) }).deliver({ path: file, name: 'big.txt' }),
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/big\.txt is 2\.0 MB, over the 1\.0 MB limit.*FTP or SFTP/);
  });

  it("a server's own size limit is not retryable either", async () => {
    const file = path.join(work, 'medium.txt');
    await fs.writeFile(file, randomBytes(200 * 1024));
    const error = await failure(
      createDeliverer(destination, { smtp: settings(limited, { security: 'none' }) }).deliver({
        path: file,
        name: 'medium.txt',
      }),
    );
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/too large/);
  });

  it('a wrong password is not retryable and never shown', async () => {
    const password = 'Wr0ng-Secret-Pw';
    const error = await failure(createDeliverer(destination, { smtp: settings(smtp, { password }) }).test());
    expect(error.retryable).toBe(false);
    expect(error.message).toMatch(/refused the sign-in/);
    expect(JSON.stringify({ m: error.message, c: String(error.cause), s: error.stack })).not.toContain(
      password,
    );
  });

  it('an untrusted certificate is refused when checking is on; a server that does not answer is retryable', async () => {
    const file = path.join(work, 'small.txt');
    await fs.writeFile(file, 'x');
    const tls = await failure(
      createDeliverer(destination, { smtp: settings(smtp, { verifyCertificate: true }) }).deliver({
        path: file,
        name: 'small.txt',
      }),
    );
    expect(tls.retryable).toBe(false);
    expect(tls.message).toMatch(/certificate is not trusted/);

    const down = await failure(
      createDeliverer(destination, { smtp: settings(smtp, { port: await freePort() }) }).deliver({
        path: file,
        name: 'small.txt',
      }),
    );
    expect(down.retryable).toBe(true);
    expect(down.message).not.toContain(smtp.password);
  });

  it('says what to do when the SMTP settings are missing', async () => {
    const error = await failure(createDeliverer(destination).test());
    expect(error.message).toMatch(/SMTP settings/);
  });
});
