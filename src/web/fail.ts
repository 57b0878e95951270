// Refusals the routes throw: WebError messages are written for the user and shown as is.
import type { WebContext } from './context.js';
import { WebError } from './errors.js';

const MESSAGES: Record<number, string> = {
  400: 'error.badRequest',
  403: 'error.forbidden',
  404: 'error.notFound',
};

export function fail(ctx: WebContext, status: number, message?: string): never {
  throw new WebError(status, message ?? ctx.state.t(MESSAGES[status] ?? 'error.badRequest'));
}
