// Types shared by the web middlewares and routes.
import type Koa from 'koa';
import type { RouterContext } from '@koa/router';
import type { Lang, Translate } from './i18n.js';
import type { Formatter } from './format.js';
import type { Profile } from '../domain/profile.js';

export interface SignedInUser {
  id: string;
  username: string;
  role: 'admin' | 'user';
}

/** What the session cookie holds; never a password or a secret of the shops. */
export interface WebSession {
  /** Random id, so that a signed-out session can be refused until its cookie expires. */
  sid?: string;
  userId?: string;
  csrf?: string;
  /** The profile chosen in the layout's selector (current-profile.ts). */
  profileId?: string;
  /** The configuration pages show the advanced settings too. */
  advanced?: boolean;
}

export interface WebState {
  lang: Lang;
  t: Translate;
  fmt: Formatter;
  /** An htmx request that wants a fragment, not a history restore that wants the page. */
  htmx: boolean;
  user?: SignedInUser;
  /** Set by current-profile.ts for signed-in pages: the selector's choices and choice. */
  profiles?: { id: string; name: string }[];
  profile?: Profile;
}

export interface WebContextExtras {
  /** Renders a template with the common variables (t, user, csrf token…) as the response. */
  render(template: string, data?: Record<string, unknown>): void;
  /** koa-session's accessor; null after sign-out. */
  session: (WebSession & { regenerate?: () => Promise<void> }) | null;
}

export type WebApp = Koa<WebState, WebContextExtras>;
export type WebContext = Koa.ParameterizedContext<WebState, WebContextExtras>;
export type WebRouteContext = RouterContext<WebState, WebContextExtras>;
export type WebMiddleware = Koa.Middleware<WebState, WebContextExtras>;
