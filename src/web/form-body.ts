// URL-encoded form bodies. The JSON body parser's qs defaults keep only the first 1,000
// fields and turn a list of more than 20 items into an object, silently: an exception
// table of every country × every tax, or a month's entry list, would lose rows. Here the
// limits fit the largest forms of the UI, and a body beyond them is refused, never cut.
import qs from 'qs';
import type { WebMiddleware } from './context.js';
import { fail } from './fail.js';
import { readBody } from './multipart.js';

/** Bytes of a form body; an exception table of 27 countries × 10 taxes is about 100 KB. */
export const FORM_LIMIT = 2 * 1024 * 1024;
export const FORM_FIELDS = 50_000;

/** The body as qs reads it (dots are paths, as the forms' field names are), or a 413 / 400. */
export function parseForm(text: string): Record<string, unknown> {
  return qs.parse(text, {
    allowDots: true,
    parameterLimit: FORM_FIELDS,
    arrayLimit: FORM_FIELDS,
    throwOnLimitExceeded: true,
  });
}

export function formBody(): WebMiddleware {
  return async (ctx, next) => {
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD' && ctx.is('application/x-www-form-urlencoded')) {
      const body = await readBody(ctx.req, FORM_LIMIT);
      if (body === undefined) fail(ctx, 413, ctx.state.t('error.formTooLarge'));
      try {
        ctx.request.body = parseForm(body.toString('utf8'));
      } catch {
        fail(ctx, 400, ctx.state.t('error.formTooLarge'));
      }
    }
    await next();
  };
}
