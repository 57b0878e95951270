// Scheduled tasks (FEATURES.md §8): the list with last and next run, the add / edit dialog,
// pause and resume, delete after a confirmation, and stopping a run still going.
import Router from '@koa/router';
import { wallTimeAt } from '../../domain/schedule.js';
import type { Scheduler } from '../../jobs/scheduler.js';
import { logger } from '../../log.js';
import type { RunReader } from '../../store/runs.js';
import type { ScheduleStore } from '../../store/schedules.js';
import type { SettingsStore } from '../../store/settings.js';
import type { WebContext, WebContextExtras, WebState } from '../context.js';
import { fail } from '../fail.js';
import { redirectTo } from '../redirect.js';
import {
  type FieldErrors,
  formChoices,
  formValuesOf,
  type NamedSchedule,
  newFormValues,
  parseScheduleForm,
  type ScheduleFormValues,
} from '../schedule-form.js';
import { scheduleRow } from '../schedule-view.js';

const log = logger('web');

export interface SchedulesDeps {
  schedules: ScheduleStore;
  scheduler: Scheduler;
  runs: RunReader;
  settings: SettingsStore;
  timeZone: string;
}

const NOTICES = ['created', 'saved', 'deleted', 'paused', 'resumed', 'stopped', 'notRunning'];

const pad = (n: number): string => String(n).padStart(2, '0');

export function schedulesRoutes(deps: SchedulesDeps): Router<WebState, WebContextExtras> {
  const router = new Router<WebState, WebContextExtras>();

  const found = (ctx: WebContext, id: string | undefined): NamedSchedule => {
    const schedule = deps.schedules.get(id ?? '');
    if (!schedule) fail(ctx, 404, ctx.state.t('schedules.notFound'));
    return schedule;
  };

  const renderDialog = (
    ctx: WebContext,
    values: ScheduleFormValues,
    errors: FieldErrors,
    existing?: NamedSchedule,
  ): void => {
    const { t } = ctx.state;
    const data = {
      values,
      errors,
      editing: existing !== undefined,
      action: existing ? `/schedules/${existing.id}` : '/schedules',
      choices: formChoices(t),
      scheduleProfiles: deps.settings.profiles().map((p) => ({ id: p.id, name: p.name })),
    };
    ctx.render(ctx.state.htmx ? 'partials/schedule-dialog.njk' : 'pages/schedule-edit.njk', data);
  };

  router.get('/schedules', async (ctx) => {
    const { t, fmt, lang } = ctx.state;
    const running = deps.runs.running();
    const rows = (await deps.scheduler.list()).map((view) => scheduleRow(view, running, t, fmt, lang));
    rows.sort((a, b) => a.name.localeCompare(b.name));
    const notice =
      typeof ctx.query.notice === 'string' && NOTICES.includes(ctx.query.notice) ? ctx.query.notice : '';
    ctx.render('pages/schedules.njk', { rows, notice });
  });

  router.get('/schedules/new', (ctx) => {
    const today = wallTimeAt(new Date(), deps.timeZone);
    const profileId = ctx.state.profile?.id ?? deps.settings.defaultProfile()?.id ?? '';
    renderDialog(ctx, newFormValues(`${today.year}-${pad(today.month)}-${pad(today.day)}`, profileId), {});
  });

  router.get('/schedules/:id/edit', (ctx) => {
    const schedule = found(ctx, ctx.params.id);
    renderDialog(ctx, formValuesOf(schedule), {}, schedule);
  });

  const save = async (ctx: WebContext, existing?: NamedSchedule): Promise<void> => {
    const profileIds = deps.settings.profiles().map((p) => p.id);
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const parsed = parseScheduleForm(body, ctx.state.t, profileIds, existing);
    if (!parsed.input) {
      ctx.status = 422;
      return renderDialog(ctx, parsed.values, parsed.errors, existing);
    }
    const saved = await deps.schedules.save(parsed.input);
    log.info(existing ? 'schedule changed' : 'schedule created', {
      schedule: saved.id,
      by: ctx.state.user?.username,
    });
    redirectTo(ctx, `/schedules?notice=${existing ? 'saved' : 'created'}`);
  };

  router.post('/schedules', (ctx) => save(ctx));
  router.post('/schedules/:id', (ctx) => save(ctx, found(ctx, ctx.params.id)));

  router.post('/schedules/:id/pause', async (ctx) => {
    const paused = (ctx.request.body as Record<string, unknown> | undefined)?.paused !== 'false';
    await deps.schedules.setPaused(found(ctx, ctx.params.id).id, paused);
    redirectTo(ctx, `/schedules?notice=${paused ? 'paused' : 'resumed'}`);
  });

  router.get('/schedules/:id/delete', (ctx) => {
    const schedule = found(ctx, ctx.params.id);
    ctx.render('pages/schedule-delete.njk', {
      schedule: { id: schedule.id, name: schedule.name || ctx.state.t(`task.${schedule.task}`) },
    });
  });

  router.post('/schedules/:id/delete', async (ctx) => {
    const schedule = found(ctx, ctx.params.id);
    await deps.schedules.delete(schedule.id);
    log.info('schedule deleted', { schedule: schedule.id, by: ctx.state.user?.username });
    redirectTo(ctx, '/schedules?notice=deleted');
  });

  // Stops a run of the schedule's profile (scheduled or manual: the profile runs one at a time).
  router.post('/schedules/:id/stop', (ctx) => {
    const schedule = found(ctx, ctx.params.id);
    const raw = (ctx.request.body as Record<string, unknown> | undefined)?.runId;
    const runId = typeof raw === 'string' && /^\d{1,9}$/.test(raw) ? Number(raw) : undefined;
    const run = runId === undefined ? undefined : deps.runs.running().find((r) => r.id === runId);
    // Only a run of this schedule's profile: the form cannot be used to stop any run.
    const stopped = run?.profileId === schedule.profileId && deps.scheduler.stop(run.id);
    if (stopped) log.info('run stopped', { run: runId, schedule: schedule.id, by: ctx.state.user?.username });
    redirectTo(ctx, `/schedules?notice=${stopped ? 'stopped' : 'notRunning'}`);
  });

  return router;
}
