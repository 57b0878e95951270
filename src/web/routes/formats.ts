// The format editor: predefined formats are read-only ("load and save as…"); the user's
// formats live in the settings store. The preview is re-rendered by htmx as options change.
import Router from '@koa/router';
import { getFormat, listFormats, resolveFormat } from '../../domain/format/predefined/index.js';
import type { FormatDefinition } from '../../domain/format/definition.js';
import { formatProblems } from '../../domain/format/validate.js';
import { formatFranceAccounting } from '../../domain/presets/format-france.js';
import type { SettingsStore } from '../../store/settings.js';
import type { FormBody } from '../config-apply.js';
import type { WebContext, WebContextExtras, WebState } from '../context.js';
import {
  applyFieldAction,
  CUSTOMER_FIELDS,
  ENCODINGS,
  ENTRY_FIELDS,
  escapeText,
  newUserFormat,
  preview,
  readFormat,
  RECORD_SEPARATORS,
} from '../format-form.js';
import { flattenBody } from '../form-paths.js';
import { redirectTo } from '../redirect.js';
import { fail } from '../fail.js';

function body(ctx: WebContext): FormBody {
  return flattenBody(ctx.request.body);
}

function recordSeparatorName(value: string): string {
  return Object.entries(RECORD_SEPARATORS).find(([, v]) => v === value)?.[0] ?? 'crlf';
}

export function formatsRoutes(settings: SettingsStore): Router<WebState, WebContextExtras> {
  const router = new Router<WebState, WebContextExtras>();

  const accounting = (ctx: WebContext) => ctx.state.profile?.accounting ?? formatFranceAccounting();
  const isPredefined = (id: string) => getFormat(id) !== undefined;

  const renderEditor = (
    ctx: WebContext,
    format: FormatDefinition,
    problems: string[] = [],
    saved = false,
  ): void => {
    const { id, kind } = format;
    ctx.render('pages/format-edit.njk', {
      format,
      readOnly: isPredefined(id),
      available: kind === 'customers' ? CUSTOMER_FIELDS : ENTRY_FIELDS,
      encodings: ENCODINGS,
      recordSeparator: recordSeparatorName(format.recordSeparator),
      escaped: {
        fieldSeparator: escapeText(format.fieldSeparator),
        recordStart: escapeText(format.recordStart),
        recordEnd: escapeText(format.recordEnd),
      },
      fields: format.fields.map((spec) => {
        const { field, header, text, width, align, pad, ...extra } = spec;
        return {
          field,
          header,
          text: escapeText(text ?? ''),
          width,
          align,
          pad,
          extra: JSON.stringify(extra),
        };
      }),
      preview: preview(format, accounting(ctx)),
      problems,
      saved,
    });
  };

  router.get('/formats', (ctx) => {
    ctx.render('pages/formats.njk', { predefined: listFormats(), own: settings.formats() });
  });

  router.get('/formats/:id', (ctx) => {
    const format = resolveFormat(ctx.params.id ?? '', settings.formats());
    if (!format) fail(ctx, 404);
    renderEditor(ctx, format, [], ctx.query.saved === '1');
  });

  router.post('/formats/:id/preview', (ctx) => {
    const base = resolveFormat(ctx.params.id ?? '', settings.formats());
    if (!base) fail(ctx, 404);
    ctx.render('partials/format-preview.njk', {
      preview: preview(readFormat(body(ctx), base), accounting(ctx)),
    });
  });

  router.post('/formats/:id/delete', async (ctx) => {
    if (isPredefined(ctx.params.id ?? '')) fail(ctx, 400);
    await settings.deleteFormat(ctx.params.id ?? '');
    redirectTo(ctx, '/formats');
  });

  router.post('/formats/:id', async (ctx) => {
    const base = resolveFormat(ctx.params.id ?? '', settings.formats());
    if (!base) fail(ctx, 404);
    const form = body(ctx);
    const format = readFormat(form, base);
    const action = typeof form.action === 'string' ? form.action : 'save';
    if (!applyFieldAction(format, action, form)) fail(ctx, 400);
    if (action !== 'save' && action !== 'save-as') return renderEditor(ctx, format);
    const problems = formatProblems(format);
    if (problems.length > 0) {
      ctx.status = 422;
      return renderEditor(ctx, format, problems);
    }
    // A predefined format is never changed: "save" makes a copy too.
    const saving =
      action === 'save-as' || isPredefined(format.id)
        ? newUserFormat(format, typeof form.saveAsName === 'string' ? form.saveAsName : '')
        : format;
    await settings.saveFormat(saving);
    ctx.redirect(`/formats/${encodeURIComponent(saving.id)}?saved=1`);
  });

  return router;
}
