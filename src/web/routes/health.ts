// Container health check (Dockerfile HEALTHCHECK). Served before sessions: it must answer
// without a cookie and must not create one.
import Router from '@koa/router';
import type { WebContextExtras, WebState } from '../context.js';

export function healthRoutes(): Router<WebState, WebContextExtras> {
  const router = new Router<WebState, WebContextExtras>();
  router.get('/healthz', (ctx) => {
    ctx.set('Cache-Control', 'no-store');
    ctx.body = { status: 'ok' };
  });
  return router;
}
