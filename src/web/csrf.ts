// CSRF protection: one random token per session, required on every state-changing
// request, sign-in and first setup included (a forged sign-in would put the victim in
// the attacker's account). htmx sends it as a header (hx-headers on <body>), plain
// forms as the _csrf field.
import { timingSafeEqual } from 'node:crypto';
import type { WebContext, WebMiddleware } from './context.js';
import { randomToken, sessionOf } from './session.js';

export const CSRF_HEADER = 'X-CSRF-Token';
export const CSRF_FIELD = '_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session's token, made on first use. */
export function csrfToken(ctx: WebContext): string {
  const session = sessionOf(ctx);
  if (!session.csrf) session.csrf = randomToken();
  return session.csrf;
}

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function sentToken(ctx: WebContext): string | undefined {
  const header = ctx.get(CSRF_HEADER);
  if (header) return header;
  const body = ctx.request.body as Record<string, unknown> | undefined;
  const field = body?.[CSRF_FIELD];
  return typeof field === 'string' ? field : undefined;
}

export function csrfProtection(): WebMiddleware {
  return async (ctx, next) => {
    if (SAFE_METHODS.has(ctx.method)) {
      // Made now, not at render time, so that it is in the cookie the response sets.
      csrfToken(ctx);
    } else {
      const expected = ctx.session?.csrf;
      const sent = sentToken(ctx);
      if (!expected || !sent || !sameToken(sent, expected)) {
        ctx.throw(403, ctx.state.t('error.csrf'));
      }
    }
    await next();
  };
}
