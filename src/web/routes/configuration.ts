// The current profile's configuration: one page per tab, one form per section. Every
// save goes through parseProfile, so validation is the schema's; a form that does not
// validate comes back with each problem next to its field, unsaved.
import Router from '@koa/router';
import { createConnector } from '../../adapters/shops/connector.js';
import { formatFranceAccounting } from '../../domain/presets/format-france.js';
import { parseProfile } from '../../domain/profile-schema.js';
import type { Profile } from '../../domain/profile.js';
import type { SettingsStore } from '../../store/settings.js';
import { applyAction, applySection, type FormBody } from '../config-apply.js';
import { isSection, MAPPINGS, SECTIONS, tabOf, type SectionId } from '../config-fields.js';
import { sectionView, templateExample } from '../config-view.js';
import type { WebContext, WebContextExtras, WebState } from '../context.js';
import { requireProfile } from '../current-profile.js';
import { flattenBody } from '../form-paths.js';
import { redirectTo } from '../redirect.js';
import { sessionOf } from '../session.js';
import { rememberShopConfiguration, shopConfiguration } from '../shop-cache.js';
import { listFormats } from '../../domain/format/predefined/index.js';
import { fail } from '../fail.js';

const TABS = ['profile', 'customers', 'entries', 'options', 'import', 'notifications'] as const;

function body(ctx: WebContext): FormBody {
  return flattenBody(ctx.request.body);
}

function isAdvanced(ctx: WebContext): boolean {
  return ctx.session?.advanced === true;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function configurationRoutes(settings: SettingsStore): Router<WebState, WebContextExtras> {
  const router = new Router<WebState, WebContextExtras>();

  const formats = () => [
    ...listFormats(),
    ...settings.formats().map(({ id, name, kind }) => ({ id, name, kind: kind ?? ('entries' as const) })),
  ];

  const view = (
    ctx: WebContext,
    profile: Profile,
    section: SectionId,
    problems: readonly string[] = [],
    search = '',
  ) =>
    sectionView(
      profile,
      section,
      {
        t: ctx.state.t,
        advanced: isAdvanced(ctx),
        problems,
        formats: formats(),
        shop: shopConfiguration(profile.id),
      },
      search,
    );

  const sectionsOf = (tab: string): SectionId[] =>
    tab === 'entries'
      ? MAPPINGS.map((m) => m.name)
      : (SECTIONS as readonly SectionId[]).filter((s) => s === tab);

  const renderTab = (
    ctx: WebContext,
    tab: string,
    profile: Profile,
    override?: { section: SectionId; draft: Profile; problems: readonly string[]; saved: boolean },
  ): void => {
    const sections = sectionsOf(tab).map((section) =>
      override?.section === section
        ? { ...view(ctx, override.draft, section, override.problems), saved: override.saved }
        : view(ctx, profile, section),
    );
    ctx.render('pages/configuration.njk', {
      tab,
      tabs: TABS,
      sections,
      advanced: isAdvanced(ctx),
      sourceType: profile.source.type,
      shop: shopConfiguration(profile.id),
    });
  };

  router.get('/configuration', (ctx) => ctx.redirect('/configuration/profile'));

  router.get('/configuration/preset', (ctx) => {
    requireProfile(ctx);
    ctx.render('pages/configuration-preset.njk', {});
  });

  router.post('/configuration/preset', async (ctx) => {
    const profile = requireProfile(ctx);
    const parsed = parseProfile({ ...profile, accounting: formatFranceAccounting() }, profile);
    if (!parsed.ok) fail(ctx, 500, parsed.problems.join('; '));
    await settings.saveProfile(parsed.profile);
    redirectTo(ctx, '/configuration/entries');
  });

  router.post('/configuration/mode', (ctx) => {
    sessionOf(ctx).advanced = body(ctx).advanced === '1';
    const back = typeof body(ctx).tab === 'string' ? String(body(ctx).tab) : 'profile';
    redirectTo(ctx, `/configuration/${(TABS as readonly string[]).includes(back) ? back : 'profile'}`);
  });

  router.post('/configuration/test-connection', async (ctx) => {
    const profile = requireProfile(ctx);
    const t = ctx.state.t;
    if (profile.source.type === 'dropfolder') {
      return ctx.render('partials/config-result.njk', { ok: false, message: t('cfg.notShop') });
    }
    try {
      await createConnector(profile.source, { timeoutMs: 15_000, retries: 0 }).testConnection();
      ctx.render('partials/config-result.njk', { ok: true, message: t('cfg.connectionOk') });
    } catch (error) {
      ctx.render('partials/config-result.njk', {
        ok: false,
        message: t('cfg.connectionFailed', { error: errorText(error) }),
      });
    }
  });

  router.post('/configuration/refresh', async (ctx) => {
    const profile = requireProfile(ctx);
    const t = ctx.state.t;
    if (profile.source.type === 'dropfolder') {
      return ctx.render('partials/config-result.njk', { ok: false, message: t('cfg.notShop') });
    }
    try {
      const configuration = await createConnector(profile.source, {
        timeoutMs: 30_000,
        retries: 1,
      }).readConfiguration();
      rememberShopConfiguration(profile.id, configuration);
      ctx.render('partials/config-result.njk', {
        ok: true,
        message: t('cfg.refreshed', {
          states: configuration.orderStates.length,
          payments: configuration.paymentMethods.length,
          carriers: configuration.carriers.length,
          countries: configuration.countries.length,
        }),
      });
    } catch (error) {
      ctx.render('partials/config-result.njk', {
        ok: false,
        message: t('cfg.refreshFailed', { error: errorText(error) }),
      });
    }
  });

  router.post('/configuration/template-example', (ctx) => {
    const name = typeof body(ctx).field === 'string' ? String(body(ctx).field) : '';
    const value = body(ctx)[name];
    ctx.render('partials/template-example.njk', {
      example: typeof value === 'string' ? templateExample(value) : '',
    });
  });

  router.get('/configuration/section/:section', (ctx) => {
    const profile = requireProfile(ctx);
    const section = ctx.params.section ?? '';
    if (!isSection(section)) fail(ctx, 404);
    const search = typeof ctx.query.q === 'string' ? ctx.query.q : '';
    ctx.render('partials/config-section.njk', {
      s: view(ctx, profile, section, [], search),
      advanced: isAdvanced(ctx),
    });
  });

  router.get('/configuration/:tab', (ctx) => {
    const profile = requireProfile(ctx);
    if (!(TABS as readonly string[]).includes(ctx.params.tab ?? '')) fail(ctx, 404);
    renderTab(ctx, ctx.params.tab ?? '', profile);
  });

  router.post('/configuration/:section', async (ctx) => {
    const profile = requireProfile(ctx);
    const section = ctx.params.section ?? '';
    if (!isSection(section)) fail(ctx, 404);
    const form = body(ctx);
    const applied = applySection(profile, section, form, isAdvanced(ctx));
    const action = typeof form.action === 'string' ? form.action : 'save';
    const countries = shopConfiguration(profile.id)?.countries.map((c) => c.isoCode) ?? [];
    if (!applyAction(applied, section, action, { shopCountries: countries })) fail(ctx, 400);
    const parsed = parseProfile(applied.draft, profile);
    const problems = parsed.ok ? [] : parsed.problems;
    if (parsed.ok) await settings.saveProfile(parsed.profile);
    const shown = parsed.ok ? parsed.profile : applied.draft;
    if (ctx.state.htmx) {
      // 200 even when refused: htmx reports error statuses as console errors, and the
      // form itself says what was not saved.
      return ctx.render('partials/config-section.njk', {
        s: { ...view(ctx, shown, section, problems), saved: parsed.ok },
        advanced: isAdvanced(ctx),
      });
    }
    if (!parsed.ok) ctx.status = 422;
    renderTab(ctx, tabOf(section), parsed.ok ? parsed.profile : profile, {
      section,
      draft: shown,
      problems,
      saved: parsed.ok,
    });
  });

  return router;
}
