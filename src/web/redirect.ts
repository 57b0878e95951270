// Redirects that follow a user-supplied target (?next=, the language switch's `back`)
// accept only a path of this site: "//host" or "/\host" would leave it (open redirect).
import type { WebContext } from './context.js';

export function localPath(value: unknown, fallback: string): string {
  if (typeof value !== 'string' || value.length > 2000) return fallback;
  return /^\/(?![/\\])[^\\\s]*$/.test(value) ? value : fallback;
}

/** A redirect htmx can follow too: fetch would follow a 302 silently and swap the target page in. */
export function redirectTo(ctx: WebContext, location: string, htmxStatus = 200): void {
  if (ctx.state.htmx) {
    ctx.status = htmxStatus;
    ctx.set('HX-Redirect', location);
    ctx.body = '';
    return;
  }
  ctx.redirect(location);
}
