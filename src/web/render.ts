// Nunjucks rendering. Templates get the common variables (t, lang, user, CSRF token,
// current path) so that pages and partials never have to be handed them one by one.
import nunjucks from 'nunjucks';
import type { WebApp, WebContext, WebMiddleware } from './context.js';
import { LANGS } from './i18n.js';

export function createViewEnvironment(viewsDir: string): nunjucks.Environment {
  // autoescape: every value is HTML-escaped unless a template says otherwise (none does).
  return new nunjucks.Environment(new nunjucks.FileSystemLoader(viewsDir, { noCache: false }), {
    autoescape: true,
    throwOnUndefined: false,
    trimBlocks: true,
    lstripBlocks: true,
  });
}

export function commonViewData(ctx: WebContext): Record<string, unknown> {
  return {
    t: ctx.state.t,
    lang: ctx.state.lang,
    langs: LANGS,
    fmt: ctx.state.fmt,
    user: ctx.state.user,
    // Made by csrfProtection on every request that goes through the session.
    csrfToken: ctx.session?.csrf ?? '',
    currentPath: ctx.path,
    currentUrl: ctx.url,
    // Where the language switch comes back to; after a POST, the page was its answer.
    backUrl: ctx.method === 'GET' ? ctx.url : '/',
    htmx: ctx.state.htmx,
    profiles: ctx.state.profiles ?? [],
    currentProfile: ctx.state.profile,
  };
}

/** Installs ctx.render on the app. */
export function installRenderer(app: WebApp, viewsDir: string): void {
  const env = createViewEnvironment(viewsDir);
  app.context.render = function render(
    this: WebContext,
    template: string,
    data: Record<string, unknown> = {},
  ) {
    const html = env.render(template, { ...commonViewData(this), ...data });
    // Same URL, two bodies (partial for htmx, page otherwise): caches must tell them apart.
    this.vary('HX-Request');
    this.set('Cache-Control', 'no-store');
    this.type = 'text/html; charset=utf-8';
    this.body = html;
  };
}

/**
 * htmx requests get a fragment. A history restore (back button after hx-push-url) also
 * carries HX-Request but needs the whole page.
 */
export function htmxState(): WebMiddleware {
  return async (ctx, next) => {
    ctx.state.htmx = ctx.get('HX-Request') === 'true' && ctx.get('HX-History-Restore-Request') !== 'true';
    await next();
  };
}
