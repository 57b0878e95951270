// A run's deliveries (FEATURES.md §6): the section of the run page, which polls itself
// while a delivery waits, and "Send again". Thin: the queue (pipeline/delivery-service.ts)
// does the work.
import Router from '@koa/router';
import type { DeliveryReader, DeliveryRecord } from '../../store/deliveries.js';
import type { WebContext, WebContextExtras, WebState } from '../context.js';
import { deliveriesSection } from '../delivery-view.js';
import { WebError } from '../errors.js';

/** What the web layer needs of the delivery queue. */
export interface WebDeliveries {
  reader: DeliveryReader;
  resend(deliveryId: number): Promise<DeliveryRecord | undefined>;
}

function idParam(ctx: WebContext, value: string | undefined): number {
  if (!value || !/^\d{1,9}$/.test(value)) throw new WebError(404, ctx.state.t('error.notFound'));
  return Number(value);
}

function renderSection(ctx: WebContext, deliveries: WebDeliveries, runId: number): void {
  const { t, fmt } = ctx.state;
  ctx.render(
    'partials/run-deliveries.njk',
    deliveriesSection(deliveries.reader.forRun(runId), runId, t, fmt),
  );
}

export function deliveriesRoutes(deliveries: WebDeliveries): Router<WebState, WebContextExtras> {
  const router = new Router<WebState, WebContextExtras>();

  router.get('/runs/:id/deliveries', (ctx) => {
    renderSection(ctx, deliveries, idParam(ctx, ctx.params.id));
  });

  router.post('/runs/:id/deliveries/:deliveryId/resend', async (ctx) => {
    const runId = idParam(ctx, ctx.params.id);
    const deliveryId = idParam(ctx, ctx.params.deliveryId);
    // Only a delivery of this run: the URL names both.
    if (deliveries.reader.forRun(runId).every((d) => d.id !== deliveryId)) {
      throw new WebError(404, ctx.state.t('run.deliveryNotFound', { id: runId }));
    }
    await deliveries.resend(deliveryId);
    if (ctx.state.htmx) return renderSection(ctx, deliveries, runId);
    ctx.redirect(`/runs/${runId}`);
  });

  return router;
}
