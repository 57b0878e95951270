// E-mail delivery with nodemailer: the appliance's SMTP settings, the profile's recipients
// and subject, one message per file with the file attached byte for byte.
import { stat } from 'node:fs/promises';
import nodemailer from 'nodemailer';
import type { MailDestination, SmtpSettings } from '../../domain/delivery-destination.js';
import { DeliveryError } from '../../domain/errors.js';
import {
  deliveryError,
  errorCode,
  errorMessage,
  isCertificateError,
  networkProblem,
} from './destination-errors.js';
import type { Deliverer, DeliveryFile } from './destination.js';

export interface MailOptions {
  timeoutMs?: number;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A nodemailer transport for the appliance's SMTP settings (deliveries and run mails). */
export function smtpTransport(smtp: SmtpSettings, timeoutMs: number) {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.security === 'tls',
    requireTLS: smtp.security === 'starttls',
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    tls: { rejectUnauthorized: smtp.verifyCertificate !== false },
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
}

function mailError(smtp: SmtpSettings, doing: string, error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const server = `smtp://${smtp.host}:${smtp.port}`;
  const secrets = [smtp.password];
  const prefix = `E-mail ${doing} through ${server} failed`;
  const message = errorMessage(error);
  const code = errorCode(error);
  const responseCode = (error as { responseCode?: number }).responseCode ?? 0;
  if (code === 'EAUTH' || responseCode === 535) {
    return deliveryError(
      `${prefix}: the mail server refused the sign-in; check the user and password in the SMTP settings`,
      false,
      error,
      secrets,
    );
  }
  if (responseCode === 552 || /size limit|larger than allowed|too (big|large)/i.test(message)) {
    return deliveryError(
      `${prefix}: the mail server refused the message as too large; deliver this file by FTP or SFTP, or download it from the run page`,
      false,
      error,
      secrets,
    );
  }
  if (isCertificateError(error)) {
    return deliveryError(
      `${prefix}: the mail server's certificate is not trusted (${message}); fix its certificate, or turn certificate checking off in the SMTP settings for a server on your own network`,
      false,
      error,
      secrets,
    );
  }
  if (code === 'EENVELOPE' || (responseCode >= 500 && responseCode < 600)) {
    return deliveryError(
      `${prefix}: ${message}; check the recipients and the sender address`,
      false,
      error,
      secrets,
    );
  }
  // 4xx replies ("try again later", greylisting) are transient by definition (RFC 5321).
  if (responseCode >= 400 && responseCode < 500) {
    return deliveryError(`${prefix}: ${message}; it will be tried again later`, true, error, secrets);
  }
  const network = networkProblem(error, server);
  if (network) return deliveryError(`${prefix}: ${network.message}`, true, error, secrets);
  return deliveryError(`${prefix}: ${message}`, true, error, secrets);
}

export function createMailDeliverer(
  d: MailDestination,
  smtp: SmtpSettings,
  options: MailOptions = {},
): Deliverer {
  const timeoutMs = options.timeoutMs ?? 30_000;

  return {
    async deliver(file: DeliveryFile) {
      if (d.to.length === 0) {
        throw new DeliveryError(
          'No recipient for this e-mail delivery: add at least one address in the profile',
          false,
        );
      }
      const { size } = await stat(file.path);
      if (size > smtp.maxAttachmentBytes) {
        throw new DeliveryError(
          `${file.name} is ${megabytes(size)}, over the ${megabytes(smtp.maxAttachmentBytes)} limit for e-mail attachments ` +
            `(SMTP settings). Download it from the run page or deliver it by FTP or SFTP; raise the limit only if your mail server accepts larger messages.`,
          false,
        );
      }
      const mailer = smtpTransport(smtp, timeoutMs);
      try {
        await mailer.sendMail({
          from: smtp.from,
          to: d.to,
          subject: d.subject.split('{file}').join(file.name),
          text: `${file.name} is attached (sent by Comptoir).`,
          // base64 keeps the bytes exactly (quoted-printable may rewrap lines or change line ends).
          attachments: [{ filename: file.name, path: file.path, contentTransferEncoding: 'base64' }],
        });
      } catch (error) {
        throw mailError(smtp, `of ${file.name}`, error);
      } finally {
        mailer.close();
      }
    },

    async test() {
      const mailer = smtpTransport(smtp, timeoutMs);
      try {
        await mailer.verify();
      } catch (error) {
        throw mailError(smtp, 'connection test', error);
      } finally {
        mailer.close();
      }
      return `Connected to smtp://${smtp.host}:${smtp.port}${smtp.user ? ` as ${smtp.user}` : ''}; messages go to ${d.to.join(', ')}.`;
    },
  };
}
