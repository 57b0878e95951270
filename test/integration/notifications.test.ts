// Run mails through a real local SMTP server: a failed run sends the failure mail (counts,
// errors, link to the run page); a successful one sends only when the profile asks.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_MAX_ATTACHMENT_BYTES } from '../../src/domain/delivery-destination.js';
import { defaultDropFolderProfile } from '../../src/domain/presets/format-france.js';
import type { Profile } from '../../src/domain/profile.js';
import { setQuiet } from '../../src/log.js';
import { createNotifier } from '../../src/pipeline/notifier.js';
import { openHarness, type Harness } from '../helpers/shop-pipeline.js';
import { ordersFile } from '../helpers/orders.js';
import { waitFor } from '../helpers/wait.js';
import { startSmtpServer, type SmtpTestServer } from '../servers/smtp.js';

setQuiet(true);

let smtp: SmtpTestServer;
let root: string;
let h: Harness;
const sent: boolean[] = [];

function profile(notifications: Partial<Profile['notifications']>): Profile {
  const p = defaultDropFolderProfile('depot', path.join(root, 'inbox'), path.join(root, 'outbox'));
  p.name = 'Dépôt';
  p.notifications = { ...p.notifications, recipients: ['compta@example.test'], ...notifications };
  return p;
}

async function drop(name: string, text: string): Promise<string> {
  const file = path.join(root, 'inbox', name);
  await fs.writeFile(file, text);
  return file;
}

beforeAll(async () => {
  smtp = await startSmtpServer();
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-notify-'));
  await fs.mkdir(path.join(root, 'inbox'), { recursive: true });
  const notifier = createNotifier({
    getSmtp: () => ({
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      user: smtp.user,
      password: smtp.password,
      from: 'comptoir@example.test',
      maxAttachmentBytes: DEFAULT_MAX_ATTACHMENT_BYTES,
    }),
    baseUrl: () => 'https://comptoir.example.test/',
    errors: (id) => h.runs.errors(id),
    timeoutMs: 5000,
  });
  h = await openHarness(root, { afterRun: async (run, p) => void sent.push(await notifier.notify(run, p)) });
});

afterAll(async () => {
  await h?.close();
  await smtp?.stop();
  await fs.rm(root, { recursive: true, force: true });
});

it('sends the failure mail of a failed run', async () => {
  const p = profile({ subject: 'Comptoir : %P — %S', onFailure: true, onSuccess: false });
  const run = await h.pipeline.processDroppedFile(p, await drop('broken.xml', '<orders><order></orders>'));
  expect(run.status).toBe('failed');
  await waitFor(() => smtp.messages.length === 1, 5000, 'the mail');
  const mail = smtp.messages[0]!;
  expect(mail.subject).toBe('Comptoir : Dépôt — échouée');
  expect(mail.text).toContain(`https://comptoir.example.test/runs/${run.id}`);
  expect(mail.text).toContain('broken.xml');
  expect(mail.text).toMatch(/Documents lus : 0/);
  expect((mail.to as { text: string }).text).toBe('compta@example.test');
}, 30_000);

it('sends a successful run only when asked', async () => {
  const quiet = profile({ onFailure: true, onSuccess: false });
  const first = await h.pipeline.processDroppedFile(quiet, await drop('a.xml', ordersFile([{ key: '1' }])));
  expect(first.status).toBe('succeeded');
  expect(sent.at(-1)).toBe(false);

  const told = profile({ subject: '%P : %S', onFailure: false, onSuccess: true });
  const second = await h.pipeline.processDroppedFile(told, await drop('b.xml', ordersFile([{ key: '2' }])));
  expect(second.status).toBe('succeeded');
  await waitFor(() => smtp.messages.length === 2, 5000, 'the success mail');
  expect(smtp.messages[1]?.subject).toBe('Dépôt : réussie');
  expect(smtp.messages[1]?.text).toMatch(/transférés : 1/);
}, 30_000);
