// Language of the pages: French by default, English on request (the `lang` cookie set
// by POST /lang). Catalogues are plain typed objects, so a missing key fails the build.
import type { WebMiddleware } from './context.js';
import { createFormatter } from './format.js';
import { en } from './messages/en.js';
import { fr, type Catalogue, type MessageKey } from './messages/fr.js';

export const LANGS = ['fr', 'en'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'fr';
export const LANG_COOKIE = 'lang';

export type MessageParams = Record<string, string | number>;
/** Templates call t with plain strings; unknown keys come back as the key, visible in review. */
export type Translate = (key: MessageKey | (string & {}), params?: MessageParams) => string;

const catalogues: Record<Lang, Catalogue> = { fr, en };

export function isLang(value: unknown): value is Lang {
  return typeof value === 'string' && (LANGS as readonly string[]).includes(value);
}

export function translator(lang: Lang): Translate {
  const catalogue = catalogues[lang];
  return (key, params) => {
    const text = (catalogue as Record<string, string>)[key] ?? key;
    if (!params) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in params ? String(params[name]) : whole,
    );
  };
}

export function langOf(ctx: { cookies: { get(name: string): string | undefined } }): Lang {
  const cookie = ctx.cookies.get(LANG_COOKIE);
  return isLang(cookie) ? cookie : DEFAULT_LANG;
}

/** Sets the language, t() and the display formats of the request. */
export function i18n(timeZone: string): WebMiddleware {
  return async (ctx, next) => {
    const lang = langOf(ctx);
    ctx.state.lang = lang;
    ctx.state.t = translator(lang);
    ctx.state.fmt = createFormatter(lang, timeZone);
    await next();
  };
}
