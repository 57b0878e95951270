// The web interface: wiring only. Order matters: errors first (catches everything),
// then headers, then what needs no session (health, static), then session, body,
// CSRF, the sign-in guard and the routes.
import http from 'node:http';
import path from 'node:path';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import type { Scheduler } from '../jobs/scheduler.js';
import type { Pipeline } from '../pipeline/pipeline.js';
import type { RunReader } from '../store/runs.js';
import type { ScheduleStore } from '../store/schedules.js';
import type { SettingsStore } from '../store/settings.js';
import type { WebContextExtras, WebState } from './context.js';
import { csrfProtection } from './csrf.js';
import { currentProfile } from './current-profile.js';
import { errorHandler } from './errors.js';
import { appTimeZone } from './format.js';
import { formBody } from './form-body.js';
import { guard } from './guard.js';
import { securityHeaders } from './headers.js';
import { i18n } from './i18n.js';
import { multipartBody } from './multipart.js';
import { SignInLimiter, type SignInLimits } from './rate-limit.js';
import { htmxState, installRenderer } from './render.js';
import { authRoutes } from './routes/auth.js';
import { configurationRoutes } from './routes/configuration.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { deliveriesRoutes, type WebDeliveries } from './routes/deliveries.js';
import { formatsRoutes } from './routes/formats.js';
import { healthRoutes } from './routes/health.js';
import { helpRoutes } from './routes/help.js';
import { langRoutes } from './routes/lang.js';
import { profilesRoutes } from './routes/profiles.js';
import { runsRoutes } from './routes/runs.js';
import { schedulesRoutes } from './routes/schedules.js';
import { settingsRoutes } from './routes/settings.js';
import { staticFiles } from './routes/static.js';
import { vatRoutes } from './routes/vat.js';
import { syncRoutes } from './routes/sync.js';
import { sessionMiddleware } from './session.js';

export interface WebDeps {
  settings: SettingsStore;
  runs: RunReader;
  /** The appliance's 32-byte secret (store/secret-key.ts); session cookie keys derive from it. */
  secretKey: Buffer;
  viewsDir: string;
  publicDir: string;
  /** Behind an HTTPS reverse proxy: Secure cookies, and X-Forwarded-Proto is trusted. */
  secureCookies?: boolean;
  /** Sign-in throttling; default 10 failures per client per 15 min, 100 per minute in all. */
  signInLimits?: Partial<SignInLimits>;
  /** Time zone of the dates shown; default COMPTOIR_TZ, else Europe/Paris. */
  timeZone?: string;
  /** The data folder (settings page, outbox of new profiles); default COMPTOIR_DATA_DIR, else ./data. */
  dataDir?: string;
  /** The delivery queue (pipeline/delivery-service.ts): the run page's section and "Send again". */
  deliveries?: WebDeliveries;
  /** The appliance's run machinery, for the synchronisation and scheduled-task screens. */
  services?: WebServices;
  /** COMPTOIR_JOURNAL_DAYS: the settings page's retention until one is saved there. */
  journalDays?: number;
}

/** What the screens that start or plan runs need; absent in tests of the other pages. */
export interface WebServices {
  pipeline: Pipeline;
  schedules: ScheduleStore;
  scheduler: Scheduler;
}

export function createWebApp(deps: WebDeps): Koa {
  const secure = deps.secureCookies ?? false;
  // maxIpsCount 1: behind the proxy, the client is the address our proxy appended to
  // X-Forwarded-For, not the leftmost one, which any client can write (sign-in throttling).
  const app = new Koa<WebState, WebContextExtras>({ proxy: secure, maxIpsCount: 1 });
  installRenderer(app, deps.viewsDir);
  const timeZone = deps.timeZone ?? appTimeZone();
  const dataDir = deps.dataDir ?? path.resolve(process.env.COMPTOIR_DATA_DIR || './data');

  app.use(errorHandler());
  app.use(securityHeaders());
  app.use(i18n(timeZone));
  app.use(htmxState());
  app.use(healthRoutes().routes());
  app.use(staticFiles(deps.publicDir));
  app.use(sessionMiddleware(app, deps.secretKey, secure));
  app.use(formBody());
  app.use(bodyParser({ enableTypes: ['form', 'json'], formLimit: '64kb', jsonLimit: '64kb' }));
  app.use(multipartBody());
  app.use(csrfProtection());
  app.use(guard(deps.settings));
  app.use(currentProfile(deps.settings));
  const pipeline = deps.services?.pipeline;
  for (const router of [
    authRoutes(deps.settings, new SignInLimiter(deps.signInLimits)),
    langRoutes(secure),
    runsRoutes(deps.runs, deps.settings, deps.deliveries?.reader),
    dashboardRoutes(deps.runs, timeZone),
    ...(deps.services
      ? [schedulesRoutes({ ...deps.services, runs: deps.runs, settings: deps.settings, timeZone })]
      : []),
    ...(deps.deliveries ? [deliveriesRoutes(deps.deliveries)] : []),
    ...(deps.services ? [syncRoutes(deps.services, timeZone)] : []),
    profilesRoutes(
      deps.settings,
      () => deps.settings.defaultProfile()?.target.outbox ?? path.join(dataDir, 'outbox'),
    ),
    configurationRoutes(deps.settings),
    formatsRoutes(deps.settings),
    settingsRoutes(deps.settings, {
      dataDir,
      timeZone,
      journalDays: deps.journalDays,
      appRoot: path.dirname(deps.viewsDir),
    }),
    helpRoutes(),
    vatRoutes({
      runs: deps.runs,
      settings: deps.settings,
      timeZone,
      ledger: pipeline && ((id) => pipeline.ledger(id)),
    }),
  ]) {
    app.use(router.routes());
  }
  // Callers only listen; the typed state and context stay inside the web layer.
  return app as unknown as Koa;
}

export function startWebServer(app: Koa, host: string, port: number): Promise<http.Server> {
  const server = http.createServer(app.callback());
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
