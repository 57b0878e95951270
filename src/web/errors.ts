// The one error middleware, at the top of the stack (STYLE.md, "Errors"). htmx requests
// get a fragment swapped into the page's message area; other requests get a page.
// AppError messages are written for the user and shown; anything else is logged and
// replaced by a generic message, so no stack or internal detail reaches the browser.
import { AppError } from '../domain/errors.js';
import { logger } from '../log.js';
import type { WebContext, WebMiddleware } from './context.js';
import { langOf, translator, type Translate } from './i18n.js';

const log = logger('web');

/** An AppError with the HTTP status to answer with. */
export class WebError extends AppError {
  readonly status: number;

  constructor(status: number, message: string, options?: { cause?: unknown }) {
    super(`http-${status}`, message, options);
    this.status = status;
  }
}

type Shown = {
  status: number;
  title: string;
  message: string;
};

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status;
  return typeof status === 'number' && status >= 400 && status < 600 ? status : undefined;
}

function describe(error: unknown, t: Translate): Shown {
  if (error instanceof AppError) {
    const status = error instanceof WebError ? error.status : 400;
    const title = status === 404 ? t('error.notFoundTitle') : t('error.title');
    return { status, title, message: error.message };
  }
  // Errors of the libraries (body parser, router): their text is technical English.
  const status = statusOf(error) ?? 500;
  if (status === 404) return { status, title: t('error.notFoundTitle'), message: t('error.notFound') };
  if (status < 500) return { status, title: t('error.title'), message: t('error.badRequest') };
  return { status, title: t('error.title'), message: t('error.generic') };
}

function show(ctx: WebContext, shown: Shown): void {
  ctx.status = shown.status;
  // A download that failed half-way must not make the error page a file.
  ctx.remove('Content-Disposition');
  try {
    if (ctx.state.htmx) {
      // Into the page's message area, so that the content (and any polling) stays.
      ctx.set('HX-Retarget', '#flash');
      ctx.set('HX-Reswap', 'innerHTML');
      ctx.render('partials/error.njk', shown);
    } else {
      ctx.render('pages/error.njk', shown);
    }
  } catch (renderError) {
    log.error('error page could not be rendered', { error: renderError });
    ctx.type = 'text/plain; charset=utf-8';
    ctx.body = `${shown.title}: ${shown.message}`;
  }
}

export function errorHandler(): WebMiddleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body == null) {
        ctx.state.t ??= translator(langOf(ctx));
        show(ctx, describe(new WebError(404, ctx.state.t('error.notFound')), ctx.state.t));
      }
    } catch (error) {
      ctx.state.t ??= translator(langOf(ctx));
      const shown = describe(error, ctx.state.t);
      if (shown.status >= 500) {
        log.error('request failed', {
          method: ctx.method,
          path: ctx.path,
          error,
          stack: (error as Error)?.stack,
        });
      }
      show(ctx, shown);
    }
  };
}
