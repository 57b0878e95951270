// The language switch in the layout: a cookie, then back to the page it came from.
import Router from '@koa/router';
import type { WebContextExtras, WebState } from '../context.js';
import { isLang, LANG_COOKIE } from '../i18n.js';
import { localPath } from '../redirect.js';

const ONE_YEAR_MS = 365 * 24 * 60 * 60 * 1000;

export function langRoutes(secure: boolean): Router<WebState, WebContextExtras> {
  const router = new Router<WebState, WebContextExtras>();
  router.post('/lang', (ctx) => {
    const body = ctx.request.body as Record<string, unknown> | undefined;
    if (isLang(body?.lang)) {
      ctx.cookies.set(LANG_COOKIE, body.lang, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        maxAge: ONE_YEAR_MS,
        signed: false,
      });
    }
    ctx.redirect(localPath(body?.back, '/'));
  });
  return router;
}
