// The SMTP section of the settings page over real HTTP: bad input refused next to the
// field, settings saved (password sealed on disk, never rendered back), and the test
// e-mail received by a real local SMTP server.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebClient } from '../helpers/web-client.js';
import { startSmtpServer, type SmtpTestServer } from '../servers/smtp.js';
import { startWebFixture, type WebFixture } from './web-fixture.js';

let fx: WebFixture;
let smtp: SmtpTestServer;
let client: WebClient;
let token: string;

const fieldError = (html: string, name: string): string | undefined =>
  new RegExp(`id="smtp-err-${name}" role="alert">([^<]*)<`).exec(html)?.[1]?.replace(/&#39;/g, "'");

/** The page's text with the entities autoescape writes turned back. */
const text = async (response: Response): Promise<string> =>
  (await response.text())
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');

function form(fields: Record<string, string>): Record<string, string> {
  return {
    _csrf: token,
    host: '127.0.0.1',
    port: String(smtp.port),
    security: 'none',
    user: smtp.user,
    password: smtp.password,
    from: 'comptoir@cabinet.example',
    ...fields,
  };
}

beforeAll(async () => {
  fx = await startWebFixture();
  smtp = await startSmtpServer();
  client = new WebClient(fx.url);
  token = await client.setup('admin', 'correct horse battery');
});

afterAll(async () => {
  await smtp?.stop();
  await fx?.close();
});

describe('SMTP settings', () => {
  it('shows the section with nothing set', async () => {
    const html = await text(await client.request('/settings'));
    expect(html).toContain("Serveur d'envoi des e-mails (SMTP)");
    expect(html).toMatch(/<p class="secret-state">non défini<\/p>\s*<input id="smtp-password"/);
  });

  it('refuses a bad e-mail, a port out of range and an empty host, each under its field', async () => {
    const response = await client.post(
      '/settings/smtp',
      form({ host: '', port: '70000', from: 'pas-une-adresse' }),
    );
    expect(response.status).toBe(422);
    const html = await response.text();
    expect(fieldError(html, 'host')).toContain('Indiquez le nom ou');
    expect(fieldError(html, 'port')).toBe('Indiquez un port de 1 à 65535 (587 pour STARTTLS, 465 pour TLS).');
    expect(fieldError(html, 'from')).toContain('adresse e-mail valide');
    expect(fieldError(html, 'security')).toBeUndefined();
    // What was typed stays, except the password, which is never sent back.
    expect(html).toContain('value="70000"');
    expect(html).toContain('value="pas-une-adresse"');
    expect(html).not.toContain(smtp.password);
    expect(fx.settings.smtp()).toBeUndefined();

    for (const [fields, field] of [
      [{ port: '0' }, 'port'],
      [{ port: '25a' }, 'port'],
      [{ security: 'ssl3' }, 'security'],
      [{ from: 'a@b' }, 'from'],
      [{ from: 'a b@example.fr' }, 'from'],
      [{ host: 'smtp server' }, 'host'],
    ] as const) {
      const html = await (await client.post('/settings/smtp', form(fields))).text();
      expect(fieldError(html, field), JSON.stringify(fields)).toBeDefined();
    }
    expect(fx.settings.smtp()).toBeUndefined();
  });

  it('saves the settings, seals the password on disk and never renders it back', async () => {
    const response = await client.post('/settings/smtp', form({}));
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Les réglages SMTP sont enregistrés.');
    expect(fx.settings.smtp()).toMatchObject({
      host: '127.0.0.1',
      port: smtp.port,
      security: 'none',
      user: smtp.user,
      password: smtp.password,
      from: 'comptoir@cabinet.example',
      verifyCertificate: false,
    });
    const page = await (await client.request('/settings')).text();
    expect(page).not.toContain(smtp.password);
    expect(page).toContain('••••••• défini');
    expect(page).toContain(`value="${smtp.user}"`);
    const onDisk = await fs.readFile(path.join(fx.tmp, 'comptoir.json'), 'utf8');
    expect(onDisk).not.toContain(smtp.password);

    // An empty password field keeps the stored one.
    await client.post('/settings/smtp', form({ password: '', port: String(smtp.port) }));
    expect(fx.settings.smtp()?.password).toBe(smtp.password);
  });

  it('sends a test e-mail through the mail adapter to a real SMTP server', async () => {
    const bad = await client.post('/settings/smtp/test', { _csrf: token, testTo: 'personne' });
    expect(bad.status).toBe(422);
    expect(fieldError(await bad.text(), 'testTo')).toContain('adresse e-mail valide');

    const before = smtp.messages.length;
    const sent = await client.post('/settings/smtp/test', { _csrf: token, testTo: 'expert@cabinet.example' });
    const html = await text(sent);
    expect(sent.status, html.slice(0, 500)).toBe(200);
    expect(html).toContain("L'e-mail de test est parti vers expert@cabinet.example.");
    expect(smtp.messages).toHaveLength(before + 1);
    const mail = smtp.messages[before]!;
    expect(mail.subject).toBe('Comptoir — e-mail de test');
    expect(mail.from?.text).toBe('comptoir@cabinet.example');
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('expert@cabinet.example');
    expect(mail.attachments[0]?.content.toString('utf8')).toContain('les réglages SMTP fonctionnent');
  });

  it('says why a test e-mail could not go, without the password', async () => {
    await fx.settings.saveSmtp({ ...fx.settings.smtp()!, password: 'not-the-password' });
    const failed = await client.post('/settings/smtp/test', {
      _csrf: token,
      testTo: 'expert@cabinet.example',
    });
    expect(failed.status).toBe(422);
    const html = await text(failed);
    expect(html).toContain("L'e-mail de test n'est pas parti");
    expect(html).toContain('refused the sign-in');
    expect(html).not.toContain('not-the-password');
  });
});
