// Display formats for dates, durations and amounts. Dates are shown in the appliance's
// time zone (COMPTOIR_TZ), not the browser's: the accountant compares them with the
// shop's back office and the technical log, which use the appliance's clock.
import type { Lang } from './i18n.js';

export interface Formatter {
  /** "14/03/2025 09:05:12"; empty input gives the "none" dash. */
  dateTime(iso: string | undefined): string;
  time(iso: string | undefined): string;
  duration(ms: number | undefined): string;
  /** Amounts arrive as decimal strings and are printed as they are, only the separator changes. */
  amount(value: string | undefined): string;
}

export const DEFAULT_TIME_ZONE = 'Europe/Paris';
const NONE = '—';

/** COMPTOIR_TZ when it names a known zone; config.ts reports a bad value at start-up. */
export function appTimeZone(env: Record<string, string | undefined> = process.env): string {
  const zone = env.COMPTOIR_TZ || DEFAULT_TIME_ZONE;
  try {
    new Intl.DateTimeFormat('fr-FR', { timeZone: zone });
    return zone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

// en-GB rather than en-US: same day/month order and 24-hour clock as the French pages.
const LOCALES: Record<Lang, string> = { fr: 'fr-FR', en: 'en-GB' };

export function createFormatter(lang: Lang, timeZone: string): Formatter {
  const locale = LOCALES[lang];
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const timeFormat = new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const parse = (iso: string | undefined): Date | undefined => {
    if (!iso) return undefined;
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? undefined : date;
  };
  return {
    dateTime: (iso) => {
      const date = parse(iso);
      return date ? dateTimeFormat.format(date) : NONE;
    },
    time: (iso) => {
      const date = parse(iso);
      return date ? timeFormat.format(date) : NONE;
    },
    duration: (ms) => (ms === undefined || ms < 0 || !Number.isFinite(ms) ? NONE : formatDuration(ms, lang)),
    amount: (value) => {
      if (value === undefined || value === '') return NONE;
      return lang === 'fr' ? value.replace('.', ',') : value;
    },
  };
}

function formatDuration(ms: number, lang: Lang): string {
  if (ms < 10_000) {
    const seconds = (Math.round(ms / 100) / 10).toFixed(1);
    return `${lang === 'fr' ? seconds.replace('.', ',') : seconds} s`;
  }
  const total = Math.round(ms / 1000);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (hours > 0) return `${hours} h ${pad(minutes)} min`;
  if (minutes > 0) return `${minutes} min ${pad(seconds)} s`;
  return `${seconds} s`;
}
