// Synchronisation (FEATURES.md §7): for a shop profile, the entry list of a period, then an
// import of the ticked entries that runs in the background while the run page shows its
// progress; for every profile, the reset of transferred documents (issue #5 item 7).
// Nothing is kept on the server between the preview and the import (sync-form.ts).
import Router from '@koa/router';
import { localDate } from '../../clock.js';
import { periodRange } from '../../domain/period.js';
import type { Profile } from '../../domain/profile.js';
import type { RunRecord } from '../../domain/run.js';
import { logger } from '../../log.js';
import { loadBookedKeys } from '../../store/ledger.js';
import type { WebServices } from '../app.js';
import type { WebContext, WebContextExtras, WebState } from '../context.js';
import { requireProfile } from '../current-profile.js';
import { fail } from '../fail.js';
import { redirectTo } from '../redirect.js';
import { importSelection, MAX_PLAIN_ENTRIES, readSyncForm, text, type SyncValues } from '../sync-form.js';
import { MAX_IDS, parseDocumentIds, resolveDocumentIds, type DocumentKind } from '../sync-reset.js';
import { previewView, type PreviewView } from '../sync-view.js';

const log = logger('web');

/** The period form and what answered it: the part of the page the preview replaces. */
interface WorkView {
  values: SyncValues;
  errors?: Record<string, string>;
  preview?: PreviewView;
  /** A refusal or failure shown above the form's result. */
  alert?: string;
}

/** The reset section: its form, a confirmation step, or what a reset did. */
interface ResetView {
  ids?: string;
  kind?: DocumentKind;
  error?: string;
  confirmAll?: boolean;
  done?: string[];
}

function body(ctx: WebContext): Record<string, unknown> {
  return (ctx.request.body as Record<string, unknown> | undefined) ?? {};
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function syncRoutes(services: WebServices, timeZone: string): Router<WebState, WebContextExtras> {
  const router = new Router<WebState, WebContextExtras>();
  const { pipeline } = services;

  const defaults = (profile: Profile): SyncValues => {
    const { from, to } = periodRange(profile.import.period, localDate(new Date(), timeZone));
    return { task: 'orders', from, to, includeTransferred: false };
  };

  const isShop = (profile: Profile): boolean => profile.source.type !== 'dropfolder';

  /** The whole page, or under htmx only the section that was asked for. */
  const render = async (
    ctx: WebContext,
    profile: Profile,
    parts: { work?: WorkView; reset?: ResetView },
  ): Promise<void> => {
    const ledger = await pipeline.ledger(profile.id);
    const reset = { kind: 'order', ...parts.reset, transferred: ledger.size };
    if (ctx.state.htmx && parts.work)
      return ctx.render('partials/sync-work.njk', { work: parts.work, profile });
    if (ctx.state.htmx && parts.reset) return ctx.render('partials/sync-reset.njk', { reset });
    ctx.render('pages/sync.njk', {
      shop: isShop(profile),
      dropPath: profile.source.type === 'dropfolder' ? profile.source.path : '',
      work: parts.work ?? { values: defaults(profile) },
      reset,
      busy: pipeline.isBusy(profile.id),
    });
  };

  /** Refused input: 422 for a plain form; htmx gets 200, as its swap shows the problems. */
  const refused = (ctx: WebContext): void => {
    if (!ctx.state.htmx) ctx.status = 422;
  };

  router.get('/sync', async (ctx) => {
    await render(ctx, requireProfile(ctx), {});
  });

  router.post('/sync/preview', async (ctx) => {
    const profile = requireProfile(ctx);
    if (!isShop(profile)) fail(ctx, 400);
    const form = readSyncForm(body(ctx), ctx.state.t);
    if (!form.ok) {
      refused(ctx);
      return render(ctx, profile, { work: { values: form.values, errors: form.errors } });
    }
    let work: WorkView;
    try {
      const preview = await pipeline.preview(profile, form.request);
      work = { values: form.values, preview: previewView(preview, form.values, ctx.state.fmt, ctx.state.t) };
    } catch (error) {
      // The connectors' messages name the HTTP status and the shop's answer, never a key.
      work = { values: form.values, alert: ctx.state.t('sync.previewFailed', { error: errorText(error) }) };
    }
    await render(ctx, profile, { work });
  });

  router.post('/sync/import', async (ctx) => {
    const profile = requireProfile(ctx);
    if (!isShop(profile)) fail(ctx, 400);
    const { t } = ctx.state;
    const form = readSyncForm(body(ctx), t);
    if (!form.ok) {
      refused(ctx);
      return render(ctx, profile, { work: { values: form.values, errors: form.errors } });
    }
    // The preview was of the profile current then; another tab may have switched it since.
    const alert =
      text(body(ctx), 'profile') !== profile.id
        ? t('sync.profileChanged')
        : pipeline.isBusy(profile.id)
          ? t('sync.busy')
          : undefined;
    const selection = importSelection(body(ctx));
    if (alert || !selection.ok) {
      ctx.status = ctx.state.htmx ? 200 : 409;
      const refusal =
        alert ??
        (selection.ok || selection.reason === 'bad'
          ? t('sync.badSelection')
          : t('sync.tooManyWithoutScript', { max: MAX_PLAIN_ENTRIES }));
      return render(ctx, profile, { work: { values: form.values, alert: refusal } });
    }
    const run = await new Promise<RunRecord>((resolve, reject) => {
      pipeline
        .processShop(profile, { ...form.request, excludeDocuments: selection.excluded, onStarted: resolve })
        // Once started, the run's own record and error log tell what happened.
        .then(undefined, (error: unknown) => {
          log.error('import run failed', { profile: profile.id, error });
          reject(error instanceof Error ? error : new Error(String(error)));
        });
    });
    redirectTo(ctx, `/runs/${run.id}`);
  });

  router.post('/sync/reset', async (ctx) => {
    const profile = requireProfile(ctx);
    const { t } = ctx.state;
    const ids = text(body(ctx), 'ids', 200_000);
    const kind: DocumentKind = text(body(ctx), 'kind') === 'creditnote' ? 'creditnote' : 'order';
    const { wanted, invalid } = parseDocumentIds(ids, kind);
    const error =
      invalid.length > 0
        ? t('sync.reset.invalid', { ids: invalid.slice(0, 20).join(', ') })
        : wanted.length === 0
          ? t('sync.reset.empty')
          : wanted.length > MAX_IDS
            ? t('sync.reset.tooMany', { max: MAX_IDS })
            : pipeline.isBusy(profile.id)
              ? t('sync.reset.busy')
              : undefined;
    if (error) {
      refused(ctx);
      return render(ctx, profile, { reset: { ids, kind, error } });
    }
    const ledger = await pipeline.ledger(profile.id);
    const { keys, notFound } = resolveDocumentIds(wanted, await loadBookedKeys(ledger.file));
    if (keys.length > 0) await ledger.reset(keys);
    log.info('transferred documents reset', { profile: profile.id, count: keys.length });
    const done = [t('sync.reset.done', { count: keys.length })];
    if (notFound.length > 0) done.push(t('sync.reset.notFound', { ids: notFound.slice(0, 20).join(', ') }));
    await render(ctx, profile, { reset: { kind, done } });
  });

  router.post('/sync/reset-all', async (ctx) => {
    const profile = requireProfile(ctx);
    const { t } = ctx.state;
    if (pipeline.isBusy(profile.id)) {
      refused(ctx);
      return render(ctx, profile, { reset: { error: t('sync.reset.busy') } });
    }
    if (text(body(ctx), 'confirm') !== 'yes') return render(ctx, profile, { reset: { confirmAll: true } });
    const ledger = await pipeline.ledger(profile.id);
    const count = ledger.size;
    await ledger.reset('ALL');
    log.info('all transferred documents reset', { profile: profile.id, count });
    await render(ctx, profile, { reset: { done: [t('sync.reset.done', { count })] } });
  });

  return router;
}
