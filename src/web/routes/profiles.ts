// Profiles: list, creation wizard, default, duplicate, delete, export and import.
import Router from '@koa/router';
import { listFormats } from '../../domain/format/predefined/index.js';
import { parseProfile } from '../../domain/profile-schema.js';
import type { SourceSettings } from '../../domain/profile.js';
import type { SettingsStore } from '../../store/settings.js';
import type { WebContext, WebContextExtras, WebState } from '../context.js';
import { chooseProfile } from '../current-profile.js';
import { problemsByField } from '../form-paths.js';
import type { UploadedFile } from '../multipart.js';
import {
  duplicateProfile,
  exportFileName,
  exportWithoutSecrets,
  generatedName,
  importedProfile,
  isSourceType,
  SOURCE_TYPES,
  wizardProfile,
  type SourceType,
} from '../profile-actions.js';
import { localPath, redirectTo } from '../redirect.js';
import { fail } from '../fail.js';

function body(ctx: WebContext): Record<string, unknown> {
  return (ctx.request.body as Record<string, unknown> | undefined) ?? {};
}

function field(ctx: WebContext, name: string): string {
  const value = body(ctx)[name];
  return typeof value === 'string' ? value.trim() : '';
}

export function entryFormats(settings: SettingsStore): { id: string; name: string }[] {
  const own = settings.formats().filter((f) => (f.kind ?? 'entries') === 'entries');
  return [...listFormats().filter((f) => f.kind === 'entries'), ...own.map(({ id, name }) => ({ id, name }))];
}

function wizardSource(ctx: WebContext, type: SourceType): SourceSettings {
  const url = field(ctx, 'url');
  switch (type) {
    case 'dropfolder':
      return { type, path: field(ctx, 'path') };
    case 'prestashop':
      return { type, url, key: field(ctx, 'key') };
    case 'woocommerce':
      return {
        type,
        url,
        consumerKey: field(ctx, 'consumerKey'),
        consumerSecret: field(ctx, 'consumerSecret'),
      };
    case 'shopify':
      return { type, url, accessToken: field(ctx, 'accessToken') };
  }
}

/** The wizard's form fields by name, for the template. */
const WIZARD_FIELDS = ['path', 'url', 'key', 'consumerKey', 'consumerSecret', 'accessToken'];

export function profilesRoutes(
  settings: SettingsStore,
  defaultOutbox: () => string,
): Router<WebState, WebContextExtras> {
  const router = new Router<WebState, WebContextExtras>();

  const renderList = (ctx: WebContext, importProblems: string[] = [], notice = ''): void => {
    const defaultId = settings.defaultProfile()?.id;
    const formats = new Map(entryFormats(settings).map((f) => [f.id, f.name]));
    ctx.render('pages/profiles.njk', {
      rows: settings.profiles().map((p) => ({
        id: p.id,
        name: p.name,
        source: p.source.type,
        format: formats.get(p.target.entriesFormat) ?? p.target.entriesFormat,
        isDefault: p.id === defaultId,
      })),
      importProblems,
      notice,
    });
  };

  router.get('/profiles', (ctx) => {
    const notice = typeof ctx.query.notice === 'string' ? ctx.query.notice : '';
    renderList(ctx, [], ['created', 'deleted', 'imported', 'duplicated'].includes(notice) ? notice : '');
  });

  router.post('/profiles/select', (ctx) => {
    const id = field(ctx, 'profile');
    if (settings.profile(id)) chooseProfile(ctx, id);
    redirectTo(ctx, localPath(field(ctx, 'back'), '/profiles'));
  });

  router.get('/profiles/new', (ctx) => {
    ctx.render('pages/profile-new.njk', {
      step: 1,
      values: { entriesFormat: 'fec', type: 'dropfolder' },
      formats: entryFormats(settings),
      sourceTypes: SOURCE_TYPES,
      errors: {},
      general: [],
    });
  });

  router.post('/profiles/new', async (ctx) => {
    const step = Number(field(ctx, 'step')) || 1;
    const type = field(ctx, 'type');
    const values: Record<string, unknown> = { entriesFormat: field(ctx, 'entriesFormat') || 'fec', type };
    for (const name of WIZARD_FIELDS) values[name] = field(ctx, name);
    values.orders = field(ctx, 'orders') !== '';
    values.creditNotes = field(ctx, 'creditNotes') !== '';
    values.name = field(ctx, 'name');
    const view = {
      formats: entryFormats(settings),
      sourceTypes: SOURCE_TYPES,
      values,
      errors: {},
      general: [] as string[],
    };
    if (!isSourceType(type) || step < 2) {
      return ctx.render('pages/profile-new.njk', { ...view, step: isSourceType(type) ? 2 : 1 });
    }
    if (step === 2) {
      values.orders = true;
      values.creditNotes = true;
      values.name = generatedName(type);
    }
    const draft = wizardProfile({
      name: String(values.name),
      entriesFormat: String(values.entriesFormat),
      source: wizardSource(ctx, type),
      orders: values.orders === true,
      creditNotes: values.creditNotes === true,
      outbox: defaultOutbox(),
    });
    const parsed = parseProfile(draft, draft);
    if (!parsed.ok) {
      // Problems with the source send the user back to step 2, next to the field.
      const known = new Set(WIZARD_FIELDS.map((n) => `source.${n}`).concat('name'));
      const byField = problemsByField(parsed.problems, known);
      const errors = Object.fromEntries([...byField].map(([k, v]) => [k.replace(/^source\./, ''), v]));
      ctx.status = 422;
      const sourceProblem = byField.has('source.path') || byField.has('source.url');
      return ctx.render('pages/profile-new.njk', {
        ...view,
        step: sourceProblem ? 2 : 3,
        errors,
        general: byField.get('') ?? [],
      });
    }
    if (step === 2) return ctx.render('pages/profile-new.njk', { ...view, step: 3 });
    await settings.saveProfile(parsed.profile);
    chooseProfile(ctx, parsed.profile.id);
    ctx.redirect('/profiles?notice=created');
  });

  router.post('/profiles/import', async (ctx) => {
    const file = body(ctx).file as UploadedFile | undefined;
    const t = ctx.state.t;
    if (!file || typeof file !== 'object' || file.text.trim() === '') {
      ctx.status = 422;
      return renderList(ctx, [t('profiles.import.noFile')]);
    }
    let json: unknown;
    try {
      json = JSON.parse(file.text);
    } catch {
      ctx.status = 422;
      return renderList(ctx, [t('profiles.import.notJson', { file: file.name })]);
    }
    const parsed = parseProfile(json);
    if (!parsed.ok) {
      ctx.status = 422;
      return renderList(ctx, parsed.problems);
    }
    const profile = importedProfile(parsed.profile);
    await settings.saveProfile(profile);
    chooseProfile(ctx, profile.id);
    ctx.redirect('/profiles?notice=imported');
  });

  router.post('/profiles/:id/default', async (ctx) => {
    const profile = settings.profile(ctx.params.id ?? '');
    if (!profile) fail(ctx, 404);
    await settings.saveProfile(profile, { makeDefault: true });
    redirectTo(ctx, '/profiles');
  });

  router.post('/profiles/:id/duplicate', async (ctx) => {
    const profile = settings.profile(ctx.params.id ?? '');
    if (!profile) fail(ctx, 404);
    const copy = duplicateProfile(profile, ctx.state.t('profiles.copySuffix'));
    await settings.saveProfile(copy);
    redirectTo(ctx, '/profiles?notice=duplicated');
  });

  router.get('/profiles/:id/delete', (ctx) => {
    const profile = settings.profile(ctx.params.id ?? '');
    if (!profile) fail(ctx, 404);
    ctx.render('pages/profile-delete.njk', { profile: { id: profile.id, name: profile.name } });
  });

  router.post('/profiles/:id/delete', async (ctx) => {
    if (!settings.profile(ctx.params.id ?? '')) fail(ctx, 404);
    await settings.deleteProfile(ctx.params.id ?? '');
    redirectTo(ctx, '/profiles?notice=deleted');
  });

  router.get('/profiles/:id/export', (ctx) => {
    const profile = settings.profile(ctx.params.id ?? '');
    if (!profile) fail(ctx, 404);
    ctx.set('Content-Disposition', `attachment; filename="${exportFileName(profile)}"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'application/json; charset=utf-8';
    ctx.body = exportWithoutSecrets(profile);
  });

  return router;
}
