// The dashboard (FEATURES.md §11): a month's figures in total and per profile, a chart of
// the documents exported per day, and the month's last runs.
import Router from '@koa/router';
import type { Figures } from '../../domain/dashboard.js';
import type { RunReader } from '../../store/runs.js';
import type { WebContextExtras, WebState } from '../context.js';
import { chartOf } from '../dashboard-chart.js';
import { monthDashboard, monthOf, parseMonth, shiftMonth } from '../dashboard-data.js';
import type { Formatter } from '../format.js';
import { runView } from '../run-view.js';

function figuresView(f: Figures, fmt: Formatter) {
  return { ...f, debit: fmt.amount(f.debit) };
}

export function dashboardRoutes(runs: RunReader, timeZone: string): Router<WebState, WebContextExtras> {
  const router = new Router<WebState, WebContextExtras>();

  router.get('/dashboard', async (ctx) => {
    const { t, fmt, lang } = ctx.state;
    const current = monthOf(new Date(), timeZone);
    const month = parseMonth(ctx.query.month) ?? current;
    const { dashboard, latest } = await monthDashboard(runs, month, timeZone);
    const [year, m] = month.split('-').map(Number) as [number, number];
    const monthName = new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', {
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(new Date(Date.UTC(year, m - 1, 15)));
    ctx.render('pages/dashboard.njk', {
      month,
      monthName,
      previousMonth: shiftMonth(month, -1),
      nextMonth: month < current ? shiftMonth(month, 1) : '',
      total: figuresView(dashboard.total, fmt),
      profiles: dashboard.profiles.map((p) => figuresView(p, fmt)),
      chart: chartOf(dashboard.total.days),
      latest: latest.map((run) => runView(run, t, fmt)),
    });
  });

  return router;
}
