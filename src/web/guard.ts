// Who may see what. Until the first user exists every page leads to /setup; afterwards
// every page needs a signed-in user, except the sign-in page itself. /healthz and
// /static are served before this middleware and never reach it.
import type { SettingsStore } from '../store/settings.js';
import type { WebMiddleware } from './context.js';
import { redirectTo } from './redirect.js';

/** Reachable without signing in. /lang only sets a cookie, so the sign-in page can offer it. */
const PUBLIC_PATHS = new Set(['/login', '/setup', '/lang']);

export function guard(settings: SettingsStore): WebMiddleware {
  return async (ctx, next) => {
    if (settings.userCount() === 0) {
      if (ctx.path === '/setup' || ctx.path === '/lang') return next();
      return redirectTo(ctx, '/setup');
    }
    const userId = ctx.session?.userId;
    const user = userId ? settings.findUserById(userId) : undefined;
    if (user) {
      ctx.state.user = { id: user.id, username: user.username, role: user.role };
      return next();
    }
    if (PUBLIC_PATHS.has(ctx.path)) return next();
    const back = ctx.method === 'GET' && ctx.path !== '/' ? `?next=${encodeURIComponent(ctx.url)}` : '';
    return redirectTo(ctx, `/login${back}`, 401);
  };
}
