// Cookie sessions (koa-session): the whole session lives in a cookie signed with a key
// derived from the appliance's secret, so sessions survive a restart with no store.
// Because a cookie cannot be taken back, signed-out session ids are remembered until
// their cookie would have expired anyway.
import { createHmac, randomBytes } from 'node:crypto';
import createSession from 'koa-session';
import type { WebApp, WebContext, WebMiddleware, WebSession } from './context.js';

export const SESSION_COOKIE = 'comptoir.sid';
export const SESSION_MAX_AGE_MS = 12 * 60 * 60 * 1000;

/** The cookie-signing key is derived, so the secret itself never signs anything directly. */
export function cookieKeys(secretKey: Buffer): string[] {
  return [createHmac('sha256', secretKey).update('comptoir/session-cookie/v1').digest('base64')];
}

export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Ids of signed-out sessions, with the time their cookie expires. In memory: a restart forgets them. */
class RevokedSessions {
  private readonly until = new Map<string, number>();

  add(sid: string): void {
    this.prune();
    this.until.set(sid, Date.now() + SESSION_MAX_AGE_MS);
  }

  has(sid: string): boolean {
    const expires = this.until.get(sid);
    return expires !== undefined && expires > Date.now();
  }

  private prune(): void {
    const now = Date.now();
    for (const [sid, expires] of this.until) if (expires <= now) this.until.delete(sid);
  }
}

const revoked = new RevokedSessions();

export function sessionMiddleware(app: WebApp, secretKey: Buffer, secure: boolean): WebMiddleware {
  app.keys = cookieKeys(secretKey);
  return createSession(
    {
      key: SESSION_COOKIE,
      maxAge: SESSION_MAX_AGE_MS,
      httpOnly: true,
      signed: true,
      sameSite: 'lax',
      secure,
      // A revoked (signed-out) session is dropped and the visitor starts anonymous.
      valid: (_ctx: unknown, data: WebSession) => !(data.sid && revoked.has(data.sid)),
    },
    app,
  );
}

/** The current session, created empty when there is none. */
export function sessionOf(ctx: WebContext): WebSession {
  if (!ctx.session) ctx.session = {};
  return ctx.session as WebSession;
}

/** After a sign-in: a new session (new id and CSRF token), so nothing from before carries over. */
export function startSession(ctx: WebContext, userId: string): void {
  ctx.session = { sid: randomToken(), userId, csrf: randomToken() };
}

export function endSession(ctx: WebContext): void {
  const sid = ctx.session?.sid;
  if (sid) revoked.add(sid);
  ctx.session = null;
}
