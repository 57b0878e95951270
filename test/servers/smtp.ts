// smtp-server in-process, with STARTTLS (a self-signed certificate), sign-in and a size
// limit; mailparser reads what arrived so tests can compare attachments byte for byte.
import { once } from 'node:events';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { freePort } from './common.js';

export interface SmtpTestServer {
  port: number;
  user: string;
  password: string;
  messages: ParsedMail[];
  stop(): Promise<void>;
}

export async function startSmtpServer(
  options: { tls?: { cert: string; key: string }; sizeLimit?: number } = {},
): Promise<SmtpTestServer> {
  const port = await freePort();
  const user = 'mailer';
  const password = 'Smtp-S3cret!pw';
  const messages: ParsedMail[] = [];
  const server = new SMTPServer({
    ...(options.tls ? { key: options.tls.key, cert: options.tls.cert } : { disabledCommands: ['STARTTLS'] }),
    ...(options.sizeLimit ? { size: options.sizeLimit } : {}),
    // Sign-in over plain text is allowed on this loopback test server only.
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === user && auth.password === password) callback(null, { user });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then(
        (mail) => {
          // smtp-server reads the whole message and only flags an oversize one: refusing is up to us.
          if (stream.sizeExceeded) {
            callback(Object.assign(new Error('Message exceeds the size limit'), { responseCode: 552 }));
            return;
          }
          messages.push(mail);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });
  server.listen(port, '127.0.0.1');
  await once(server.server, 'listening');
  return {
    port,
    user,
    password,
    messages,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
