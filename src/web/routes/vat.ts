// VAT summary (FEATURES.md §4): for a profile and a period, bases and VAT per country and
// rate from what its runs booked, on a page and as a CSV download.
import Router from '@koa/router';
import { localDate } from '../../clock.js';
import { vatSummaryCsvBytes } from '../../domain/accounting/vat-summary-csv.js';
import { buildVatReportOfRuns } from '../../pipeline/vat-report-runs.js';
import type { VatReport } from '../../pipeline/vat-report.js';
import type { RunReader } from '../../store/runs.js';
import type { SettingsStore } from '../../store/settings.js';
import type { WebContext, WebContextExtras, WebState } from '../context.js';
import { WebError } from '../errors.js';
import { readVatForm, vatQuery, type VatForm } from '../vat-form.js';
import { vatCsvLabels, vatSummaryView } from '../vat-view.js';

export interface VatRouteDeps {
  runs: RunReader;
  settings: SettingsStore;
  timeZone: string;
  /** The profile's transfer ledger (the pipeline's); absent: every document of the kept files counts. */
  ledger?: (profileId: string) => Promise<{ has(key: string): boolean; readonly size: number }>;
  now?: () => Date;
}

export function vatRoutes(deps: VatRouteDeps): Router<WebState, WebContextExtras> {
  const router = new Router<WebState, WebContextExtras>();
  const now = (): Date => deps.now?.() ?? new Date();

  function formOf(ctx: WebContext): VatForm {
    return readVatForm(ctx.query, {
      profiles: deps.settings.profiles(),
      current: ctx.state.profile,
      today: localDate(now(), deps.timeZone),
      t: ctx.state.t,
    });
  }

  async function reportOf(form: VatForm): Promise<VatReport | undefined> {
    if (!form.profile || !form.period) return undefined;
    const ledger = await deps.ledger?.(form.profile.id);
    return buildVatReportOfRuns(deps.runs, {
      profile: form.profile,
      ...form.period,
      timeZone: deps.timeZone,
      isBooked: ledger && ((key) => ledger.has(key)),
      bookedCount: ledger?.size,
      now: now(),
    });
  }

  router.get('/vat', async (ctx) => {
    const form = formOf(ctx);
    const report = await reportOf(form);
    const data = {
      form: form.values,
      errors: form.errors,
      profileChoices: deps.settings.profiles().map((p) => ({ id: p.id, name: p.name })),
      currency: form.profile?.accounting.bookCurrency ?? '',
      csvUrl: report ? `/vat.csv?${vatQuery(form.values)}` : '',
      summary:
        report &&
        form.profile &&
        vatSummaryView(report.summary, report.problems, {
          decimals: form.profile.accounting.rounding.decimals,
          lang: ctx.state.lang,
        }),
    };
    ctx.render(ctx.state.htmx ? 'partials/vat-result.njk' : 'pages/vat.njk', data);
  });

  router.get('/vat.csv', async (ctx) => {
    const form = formOf(ctx);
    const report = await reportOf(form);
    if (!report || !form.profile || !form.period) {
      throw new WebError(400, Object.values(form.errors).join(' ; '));
    }
    const bytes = vatSummaryCsvBytes(report.summary, {
      currency: form.profile.accounting.bookCurrency,
      decimals: form.profile.accounting.rounding.decimals,
      labels: vatCsvLabels(ctx.state.t),
    });
    ctx.attachment(`${ctx.state.t('vat.csv.fileName')}-${form.period.from}-${form.period.to}.csv`);
    ctx.type = 'text/csv; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = Buffer.from(bytes);
  });

  return router;
}
