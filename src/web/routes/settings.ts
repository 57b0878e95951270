// The appliance's settings page: users (administrators manage them; anyone changes their
// own password with the current one), the outgoing mail server (SMTP, with a test e-mail),
// the time zone and "about".
import path from 'node:path';
import Router from '@koa/router';
import { logger } from '../../log.js';
import type { SettingsStore } from '../../store/settings.js';
import { appVersion, folderSize, humanBytes } from '../about.js';
import type { WebContext, WebContextExtras, WebState } from '../context.js';
import { hashPassword, verifyPassword } from '../password.js';
import { PASSWORD_MAX, PASSWORD_MIN, USERNAME_MAX } from './auth.js';
import { fail } from '../fail.js';
import {
  isEmail,
  parseSmtpForm,
  sendTestMail,
  SMTP_SECURITY,
  smtpFormValues,
  type SmtpErrors,
  type SmtpFormValues,
} from '../smtp-settings.js';

const log = logger('web');

/** Run journals and error logs kept this many days (summaries are kept for ever). */
const RETENTION_DEFAULT = 90;
const RETENTION_MIN = 1;
const RETENTION_MAX = 36_500;

/** An IANA zone Intl knows ("Europe/Paris", "America/Martinique"). */
function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export interface SettingsPageDeps {
  dataDir: string;
  timeZone: string;
  /** COMPTOIR_JOURNAL_DAYS: the retention when none is set on this page. */
  journalDays?: number;
  /** Where package.json is (the version). */
  appRoot: string;
}

function field(ctx: WebContext, name: string): string {
  const value = (ctx.request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

export function settingsRoutes(
  settings: SettingsStore,
  deps: SettingsPageDeps,
): Router<WebState, WebContextExtras> {
  const router = new Router<WebState, WebContextExtras>();

  const render = async (
    ctx: WebContext,
    messages: {
      userProblems?: string[];
      passwordProblems?: string[];
      notice?: string;
      smtp?: { values?: SmtpFormValues; errors?: SmtpErrors; notice?: string; problem?: string };
      retention?: { value: string; error?: string };
      zone?: { value: string; error?: string };
    } = {},
  ): Promise<void> => {
    ctx.render('pages/settings.njk', {
      users: settings.users().map(({ id, username, role }) => ({ id, username, role })),
      isAdmin: ctx.state.user?.role === 'admin',
      timeZone: deps.timeZone,
      zone: messages.zone ?? { value: settings.timeZone() ?? deps.timeZone },
      retention: messages.retention ?? {
        value: String(settings.journalDays() ?? deps.journalDays ?? RETENTION_DEFAULT),
      },
      version: await appVersion(deps.appRoot),
      dataDir: path.resolve(deps.dataDir),
      diskUse: humanBytes(await folderSize(deps.dataDir)),
      passwordMin: PASSWORD_MIN,
      userProblems: messages.userProblems ?? [],
      passwordProblems: messages.passwordProblems ?? [],
      notice: messages.notice ?? '',
      // SMTP (smtp-settings.ts): the password is never part of these values.
      smtp: {
        values: messages.smtp?.values ?? smtpFormValues(settings.smtp()),
        errors: messages.smtp?.errors ?? {},
        notice: messages.smtp?.notice ?? '',
        problem: messages.smtp?.problem ?? '',
        securities: SMTP_SECURITY,
      },
    });
  };

  const requireAdmin = (ctx: WebContext): void => {
    if (ctx.state.user?.role !== 'admin') fail(ctx, 403, ctx.state.t('settings.adminOnly'));
  };

  router.get('/settings', async (ctx) => render(ctx));

  router.post('/settings/timezone', async (ctx) => {
    requireAdmin(ctx);
    const { t } = ctx.state;
    const value = field(ctx, 'timeZone').trim();
    if (!isTimeZone(value)) {
      ctx.status = 422;
      return render(ctx, { zone: { value, error: t('settings.timeZoneInvalid') } });
    }
    await settings.saveTimeZone(value);
    log.info('time zone changed, applied at the next start', { timeZone: value });
    await render(ctx, { notice: t('settings.timeZoneSaved', { zone: value }) });
  });

  router.post('/settings/retention', async (ctx) => {
    requireAdmin(ctx);
    const { t } = ctx.state;
    const value = field(ctx, 'journalDays').trim();
    const days = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
    if (!(days >= RETENTION_MIN && days <= RETENTION_MAX)) {
      ctx.status = 422;
      return render(ctx, {
        retention: {
          value,
          error: t('settings.retentionInvalid', { min: RETENTION_MIN, max: RETENTION_MAX }),
        },
      });
    }
    await settings.saveJournalDays(days);
    log.info('journal retention changed', { days });
    await render(ctx, { notice: t('settings.retentionSaved', { days }) });
  });

  router.post('/settings/users', async (ctx) => {
    requireAdmin(ctx);
    const t = ctx.state.t;
    const username = field(ctx, 'username').trim();
    const password = field(ctx, 'password');
    const role = field(ctx, 'role') === 'admin' ? 'admin' : 'user';
    const problems: string[] = [];
    if (username.length < 1 || username.length > USERNAME_MAX)
      problems.push(t('setup.error.username', { max: USERNAME_MAX }));
    else if (settings.findUserByName(username)) problems.push(t('settings.userExists', { user: username }));
    if (password.length < PASSWORD_MIN) problems.push(t('setup.error.passwordShort', { min: PASSWORD_MIN }));
    if (password.length > PASSWORD_MAX) problems.push(t('setup.error.passwordLong', { max: PASSWORD_MAX }));
    if (problems.length > 0) {
      ctx.status = 422;
      return render(ctx, { userProblems: problems });
    }
    await settings.createUser({ username, passwordHash: await hashPassword(password), role });
    log.info('user created', { username, by: ctx.state.user?.username });
    await render(ctx, { notice: t('settings.userAdded', { user: username }) });
  });

  router.post('/settings/users/:id/delete', async (ctx) => {
    requireAdmin(ctx);
    const t = ctx.state.t;
    const user = settings.findUserById(ctx.params.id ?? '');
    if (!user) fail(ctx, 404);
    const admins = settings.users().filter((u) => u.role === 'admin');
    if (user.role === 'admin' && admins.length <= 1) {
      ctx.status = 422;
      return render(ctx, { userProblems: [t('settings.lastAdmin')] });
    }
    if (user.id === ctx.state.user?.id) {
      ctx.status = 422;
      return render(ctx, { userProblems: [t('settings.notSelf')] });
    }
    await settings.removeUser(user.id);
    log.info('user removed', { username: user.username, by: ctx.state.user?.username });
    await render(ctx, { notice: t('settings.userRemoved', { user: user.username }) });
  });

  router.post('/settings/password', async (ctx) => {
    const t = ctx.state.t;
    const me = ctx.state.user ? settings.findUserById(ctx.state.user.id) : undefined;
    if (!me) fail(ctx, 403);
    const current = field(ctx, 'current').slice(0, PASSWORD_MAX);
    const password = field(ctx, 'password');
    const problems: string[] = [];
    if (!(await verifyPassword(current, me.passwordHash))) problems.push(t('settings.wrongPassword'));
    if (password.length < PASSWORD_MIN) problems.push(t('setup.error.passwordShort', { min: PASSWORD_MIN }));
    if (password.length > PASSWORD_MAX) problems.push(t('setup.error.passwordLong', { max: PASSWORD_MAX }));
    if (password !== field(ctx, 'passwordAgain')) problems.push(t('setup.error.mismatch'));
    if (problems.length > 0) {
      ctx.status = 422;
      return render(ctx, { passwordProblems: problems });
    }
    await settings.setPasswordHash(me.id, await hashPassword(password));
    log.info('password changed', { username: me.username });
    await render(ctx, { notice: t('settings.passwordChanged') });
  });

  router.post('/settings/smtp', async (ctx) => {
    requireAdmin(ctx);
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const parsed = parseSmtpForm(body, settings.smtp(), ctx.state.t);
    if (!parsed.settings) {
      ctx.status = 422;
      return render(ctx, { smtp: { values: parsed.values, errors: parsed.errors } });
    }
    await settings.saveSmtp(parsed.settings);
    log.info('SMTP settings saved', { host: parsed.settings.host, by: ctx.state.user?.username });
    await render(ctx, { smtp: { notice: ctx.state.t('smtp.saved') } });
  });

  router.post('/settings/smtp/test', async (ctx) => {
    requireAdmin(ctx);
    const t = ctx.state.t;
    const to = field(ctx, 'testTo').trim().slice(0, 300);
    const values = { ...smtpFormValues(settings.smtp()), testTo: to };
    const smtp = settings.smtp();
    if (!isEmail(to)) {
      ctx.status = 422;
      return render(ctx, { smtp: { values, errors: { testTo: t('smtp.err.testTo') } } });
    }
    if (!smtp) {
      ctx.status = 422;
      return render(ctx, { smtp: { values, problem: t('smtp.testNoSettings') } });
    }
    try {
      await sendTestMail(smtp, to, t('smtp.testSubject'), t('smtp.testBody'));
    } catch (error) {
      log.warn('SMTP test e-mail not sent', { host: smtp.host, error });
      ctx.status = 422;
      return render(ctx, {
        smtp: { values, problem: t('smtp.testFailed', { message: (error as Error).message }) },
      });
    }
    log.info('SMTP test e-mail sent', { host: smtp.host, by: ctx.state.user?.username });
    await render(ctx, { smtp: { values, notice: t('smtp.testSent', { to }) } });
  });

  return router;
}
