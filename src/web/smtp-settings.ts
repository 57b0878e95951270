// The settings page's SMTP section (FEATURES.md §10): the form's values, its checks (each
// problem next to its field) and the test e-mail. The password is write-only: the page
// only says whether one is stored, and an empty field keeps it.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createMailDeliverer } from '../adapters/delivery/mail.js';
import { DEFAULT_MAX_ATTACHMENT_BYTES, type SmtpSettings } from '../domain/delivery-destination.js';
import { AppError } from '../domain/errors.js';
import type { Translate } from './i18n.js';

export const SMTP_SECURITY = ['none', 'starttls', 'tls'] as const;
const EMAIL_MAX = 254;

/** What the form shows: never the password, only whether one is stored. */
export interface SmtpFormValues {
  host: string;
  port: string;
  security: string;
  user: string;
  passwordSet: boolean;
  from: string;
  verifyCertificate: boolean;
  testTo: string;
}

export type SmtpErrors = Record<string, string>;

export function smtpFormValues(stored: SmtpSettings | undefined): SmtpFormValues {
  return {
    host: stored?.host ?? '',
    port: stored ? String(stored.port) : '587',
    security: stored?.security ?? 'starttls',
    user: stored?.user ?? '',
    passwordSet: Boolean(stored?.password),
    from: stored?.from ?? '',
    verifyCertificate: stored?.verifyCertificate !== false,
    testTo: '',
  };
}

/** One address, as a mail server accepts it in a header: no spaces, no list, a dotted domain. */
export function isEmail(value: string): boolean {
  return value.length <= EMAIL_MAX && /^[^\s@<>(),;:"\\[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/.test(value);
}

const isHost = (value: string): boolean =>
  value.length <= 253 &&
  (/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(value) || /^[0-9a-fA-F:]+$/.test(value));

type Body = Record<string, unknown>;

function text(body: Body, name: string, max = 300): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim().slice(0, max) : '';
}

export interface ParsedSmtp {
  values: SmtpFormValues;
  errors: SmtpErrors;
  settings?: SmtpSettings;
}

export function parseSmtpForm(body: Body, stored: SmtpSettings | undefined, t: Translate): ParsedSmtp {
  const values: SmtpFormValues = {
    host: text(body, 'host'),
    port: text(body, 'port', 10),
    security: text(body, 'security'),
    user: text(body, 'user'),
    passwordSet: Boolean(stored?.password),
    from: text(body, 'from'),
    verifyCertificate: 'verifyCertificate' in body,
    testTo: '',
  };
  // Not trimmed: a password may begin or end with a space.
  const typed = typeof body.password === 'string' ? body.password.slice(0, 500) : '';
  const errors: SmtpErrors = {};
  if (!isHost(values.host)) errors.host = t('smtp.err.host');
  const port = /^\d{1,5}$/.test(values.port) ? Number(values.port) : 0;
  if (port < 1 || port > 65535) errors.port = t('smtp.err.port');
  if (!(SMTP_SECURITY as readonly string[]).includes(values.security))
    errors.security = t('smtp.err.security');
  if (!isEmail(values.from)) errors.from = t('smtp.err.from');
  if (values.user === '' && typed !== '') errors.user = t('smtp.err.userForPassword');
  if (Object.keys(errors).length > 0) return { values, errors };
  // Write-only: an empty field keeps the stored password, as long as there is a user.
  const password = values.user === '' ? undefined : typed !== '' ? typed : stored?.password;
  return {
    values,
    errors,
    settings: {
      host: values.host,
      port,
      security: values.security as SmtpSettings['security'],
      ...(values.user ? { user: values.user } : {}),
      ...(password ? { password } : {}),
      from: values.from,
      maxAttachmentBytes: stored?.maxAttachmentBytes ?? DEFAULT_MAX_ATTACHMENT_BYTES,
      verifyCertificate: values.verifyCertificate,
    },
  };
}

/**
 * Sends a test e-mail through the mail adapter that e-mail deliveries use, so a success
 * here means those will go out too. Throws an AppError whose message says what to change.
 */
export async function sendTestMail(
  smtp: SmtpSettings,
  to: string,
  subject: string,
  note: string,
): Promise<void> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-mail-test-'));
  try {
    const file = { name: 'comptoir-test.txt', path: path.join(dir, 'comptoir-test.txt') };
    await fs.writeFile(file.path, `${note}\n`);
    const mailer = createMailDeliverer({ kind: 'mail', to: [to], subject }, smtp, { timeoutMs: 15_000 });
    await mailer.deliver(file);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('smtp-test', String(error), { cause: error });
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
