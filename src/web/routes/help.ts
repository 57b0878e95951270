// The user guide, in the page's language (plain HTML fragments under views/help/).
import Router from '@koa/router';
import type { WebContextExtras, WebState } from '../context.js';

export function helpRoutes(): Router<WebState, WebContextExtras> {
  const router = new Router<WebState, WebContextExtras>();
  router.get('/help', (ctx) => {
    ctx.render('pages/guide.njk', { guide: `help/guide-${ctx.state.lang}.njk` });
  });
  return router;
}
