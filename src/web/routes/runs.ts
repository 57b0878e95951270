// Run logs (FEATURES.md §7 run summary, §9 logs): the list, one run, its kept files.
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import Router from '@koa/router';
import type { RunStatus, RunTask } from '../../domain/run.js';
import type { DeliveryReader } from '../../store/deliveries.js';
import type { RunQuery, RunReader } from '../../store/runs.js';
import type { SettingsStore } from '../../store/settings.js';
import type { WebContext, WebContextExtras, WebState } from '../context.js';
import { deliveriesSection } from '../delivery-view.js';
import { WebError } from '../errors.js';
import {
  errorsView,
  journalView,
  reconciliationView,
  RUN_STATUSES,
  RUN_TASKS,
  runView,
} from '../run-view.js';

const PAGE_SIZE = 25;

interface Filters {
  profileId: string;
  task: RunTask | '';
  status: RunStatus | '';
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[]): T | '' {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : '';
}

function filtersOf(query: WebContext['query']): Filters {
  const profileId = typeof query.profile === 'string' ? query.profile.slice(0, 200) : '';
  return { profileId, task: oneOf(query.task, RUN_TASKS), status: oneOf(query.status, RUN_STATUSES) };
}

function pageOf(value: unknown): number {
  return typeof value === 'string' && /^\d{1,6}$/.test(value) ? Math.max(Number(value), 1) : 1;
}

function listUrl(filters: Filters, page: number): string {
  const params = new URLSearchParams();
  if (filters.profileId) params.set('profile', filters.profileId);
  if (filters.task) params.set('task', filters.task);
  if (filters.status) params.set('status', filters.status);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/runs?${query}` : '/runs';
}

/** A run id or a file index from the path: digits only, else the page does not exist. */
function indexParam(ctx: WebContext, value: string | undefined): number {
  if (!value || !/^\d{1,9}$/.test(value)) throw new WebError(404, ctx.state.t('error.notFound'));
  return Number(value);
}

function missing(error: NodeJS.ErrnoException): undefined {
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR' || error.code === 'ELOOP') return undefined;
  throw error;
}

/**
 * A kept file's real path and size, if it is a regular file whose real path (links
 * followed) lies inside the data folder: a link or an edited index cannot lead out.
 */
async function keptFile(dataDir: string, file: string): Promise<{ path: string; size: number } | undefined> {
  const [real, root] = await Promise.all([
    fs.realpath(file).catch(missing),
    fs.realpath(dataDir).catch(missing),
  ]);
  if (!real || !root || !real.startsWith(root + path.sep)) return undefined;
  const stat = await fs.stat(real).catch(missing);
  return stat?.isFile() ? { path: real, size: stat.size } : undefined;
}

export function runsRoutes(
  runs: RunReader,
  settings: SettingsStore,
  deliveries?: DeliveryReader,
): Router<WebState, WebContextExtras> {
  const router = new Router<WebState, WebContextExtras>();

  // The month's figures are the home page (dashboard.ts); the logs are one click away.
  router.get('/', (ctx) => ctx.redirect('/dashboard'));

  router.get('/runs', async (ctx) => {
    const { t, fmt } = ctx.state;
    const filters = filtersOf(ctx.query);
    const query: RunQuery = {
      profileId: filters.profileId || undefined,
      task: filters.task || undefined,
      status: filters.status || undefined,
      page: pageOf(ctx.query.page),
      pageSize: PAGE_SIZE,
    };
    const result = await runs.list(query);
    const running = runs.running().map((run) => runView(run, t, fmt));
    const pages = Math.max(Math.ceil(result.total / result.pageSize), 1);
    ctx.render(ctx.state.htmx ? 'partials/runs-list.njk' : 'pages/runs.njk', {
      filters,
      runs: result.runs.map((run) => runView(run, t, fmt)),
      running,
      pagination: {
        page: result.page,
        pages,
        total: result.total,
        previousUrl: result.page > 1 ? listUrl(filters, result.page - 1) : '',
        nextUrl: result.page < pages ? listUrl(filters, result.page + 1) : '',
      },
      pollUrl: listUrl(filters, result.page),
      profiles: settings.profiles().map((p) => ({ id: p.id, name: p.name })),
      tasks: RUN_TASKS.map((task) => ({ value: task, text: t(`task.${task}`) })),
      statuses: RUN_STATUSES.map((status) => ({ value: status, text: t(`status.${status}`) })),
    });
  });

  router.get('/runs/:id', async (ctx) => {
    const { t, fmt } = ctx.state;
    const id = indexParam(ctx, ctx.params.id);
    const run = await runs.get(id);
    if (!run) throw new WebError(404, t('run.notFound', { id }));
    const view = runView(run, t, fmt);
    if (ctx.state.htmx) {
      // The summary polls itself; once the run has ended the whole page reloads, so that
      // the journal, the error log and the files appear complete.
      if (ctx.query.poll && !view.running) {
        ctx.set('HX-Refresh', 'true');
        ctx.body = '';
        return;
      }
      return ctx.render('partials/run-summary.njk', { run: view });
    }
    const [journal, errors] = await Promise.all([runs.journal(id), runs.errors(id)]);
    ctx.render('pages/run.njk', {
      run: view,
      journal: journalView(journal, t, fmt),
      errors: errorsView(errors, t, fmt),
      reconciliation: reconciliationView(run.reconciliation, fmt),
      ...(deliveries ? { deliverySection: deliveriesSection(deliveries.forRun(id), id, t, fmt) } : {}),
    });
  });

  router.get('/runs/:id/files/:index', async (ctx) => {
    const { t } = ctx.state;
    const id = indexParam(ctx, ctx.params.id);
    const run = await runs.get(id);
    if (!run) throw new WebError(404, t('run.notFound', { id }));
    // Only an index into the run's own list: the path on disk never comes from the request.
    const file = run.files[indexParam(ctx, ctx.params.index)];
    if (!file) throw new WebError(404, t('run.fileNotFound', { id }));
    const kept = await keptFile(runs.dataDir, file.path);
    if (!kept) throw new WebError(404, t('run.fileGone', { name: file.name }));
    ctx.attachment(file.name);
    ctx.length = kept.size;
    ctx.set('Cache-Control', 'no-store');
    ctx.body = createReadStream(kept.path);
  });

  return router;
}
