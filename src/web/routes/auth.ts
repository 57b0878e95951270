// First setup (the administrator), sign-in and sign-out.
import Router from '@koa/router';
import { logger } from '../../log.js';
import type { SettingsStore } from '../../store/settings.js';
import type { WebContext, WebContextExtras, WebState } from '../context.js';
import { hashPassword, verifyPassword } from '../password.js';
import { SignInLimiter, type SignInVerdict } from '../rate-limit.js';
import { localPath } from '../redirect.js';
import { endSession, startSession } from '../session.js';

const log = logger('web');

export const PASSWORD_MIN = 10;
/** scrypt's cost does not grow with the length, but a form field should still be bounded. */
export const PASSWORD_MAX = 1024;
export const USERNAME_MAX = 64;

/** Checked when no user matches, so that a wrong name takes as long as a wrong password. */
const DUMMY_HASH = hashPassword('comptoir-timing-equaliser');

function field(ctx: WebContext, name: string): string {
  const value = (ctx.request.body as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

function setupProblems(t: WebState['t'], username: string, password: string, again: string): string[] {
  const problems: string[] = [];
  if (username.length < 1 || username.length > USERNAME_MAX) {
    problems.push(t('setup.error.username', { max: USERNAME_MAX }));
  }
  if (password.length < PASSWORD_MIN) problems.push(t('setup.error.passwordShort', { min: PASSWORD_MIN }));
  if (password.length > PASSWORD_MAX) problems.push(t('setup.error.passwordLong', { max: PASSWORD_MAX }));
  if (password !== again) problems.push(t('setup.error.mismatch'));
  return problems;
}

/** 429 with the sign-in form and when to try again (Retry-After and in the message). */
function refuseThrottled(
  ctx: WebContext,
  verdict: Extract<SignInVerdict, { allowed: false }>,
  username: string,
  next: string,
) {
  const { t, fmt } = ctx.state;
  const seconds = Math.ceil(verdict.retryAfterMs / 1000);
  const at = new Date(Date.now() + verdict.retryAfterMs).toISOString();
  log.warn('sign-in throttled', { ip: ctx.ip, scope: verdict.scope, retryAfterSeconds: seconds });
  ctx.status = 429;
  ctx.set('Retry-After', String(seconds));
  ctx.render('pages/login.njk', {
    username,
    failed: false,
    next,
    throttled: t('login.throttled', { minutes: Math.max(Math.ceil(seconds / 60), 1), time: fmt.time(at) }),
  });
}

/**
 * `limiter`: sign-in throttling (rate-limit.ts). The client is ctx.ip: the socket's
 * address, or the address the reverse proxy saw when the app trusts it (app.ts).
 */
export function authRoutes(
  settings: SettingsStore,
  limiter: SignInLimiter = new SignInLimiter(),
): Router<WebState, WebContextExtras> {
  const router = new Router<WebState, WebContextExtras>();

  router.get('/setup', (ctx) => {
    if (settings.userCount() > 0) return ctx.redirect('/login');
    ctx.render('pages/setup.njk', { username: '', problems: [], passwordMin: PASSWORD_MIN });
  });

  router.post('/setup', async (ctx) => {
    if (settings.userCount() > 0) return ctx.redirect('/login');
    const username = field(ctx, 'username').trim();
    const password = field(ctx, 'password');
    const problems = setupProblems(ctx.state.t, username, password, field(ctx, 'passwordAgain'));
    if (problems.length > 0) {
      ctx.status = 422;
      return ctx.render('pages/setup.njk', { username, problems, passwordMin: PASSWORD_MIN });
    }
    const passwordHash = await hashPassword(password);
    // Checked again after the await: two first visitors must not both become administrator.
    if (settings.userCount() > 0) return ctx.redirect('/login');
    const user = await settings.createUser({ username, passwordHash, role: 'admin' });
    log.info('administrator created', { username, ip: ctx.ip });
    startSession(ctx, user.id);
    ctx.redirect('/runs');
  });

  router.get('/login', (ctx) => {
    if (ctx.state.user) return ctx.redirect(localPath(ctx.query.next, '/runs'));
    ctx.render('pages/login.njk', { username: '', failed: false, next: localPath(ctx.query.next, '') });
  });

  router.post('/login', async (ctx) => {
    const username = field(ctx, 'username').trim();
    const password = field(ctx, 'password').slice(0, PASSWORD_MAX);
    const next = localPath(field(ctx, 'next'), '/runs');
    // Asked before the password is checked: once throttled, even the right one is not tried.
    const verdict = limiter.check(ctx.ip);
    if (!verdict.allowed) return refuseThrottled(ctx, verdict, username, next);
    const user = settings.findUserByName(username);
    const ok = await verifyPassword(password, user?.passwordHash ?? (await DUMMY_HASH));
    if (!user || !ok) {
      limiter.failure(ctx.ip);
      // One message for both cases: the page must not tell which user names exist.
      log.warn('sign-in refused', { username: username.slice(0, USERNAME_MAX), ip: ctx.ip });
      ctx.status = 401;
      return ctx.render('pages/login.njk', { username, failed: true, next });
    }
    limiter.success(ctx.ip);
    log.info('signed in', { username: user.username, ip: ctx.ip });
    startSession(ctx, user.id);
    ctx.redirect(next);
  });

  router.post('/logout', (ctx) => {
    if (ctx.state.user) log.info('signed out', { username: ctx.state.user.username });
    endSession(ctx);
    ctx.redirect('/login');
  });

  return router;
}
