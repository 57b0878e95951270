// One-line description of when a schedule runs, for the list of scheduled tasks. Kept in
// the domain (not the message catalogues) because the sentence is built from the trigger's
// parts, with French grammar (elision, "1er") that a catalogue cannot express.
import {
  type DayOfMonth,
  MONTHS,
  type Month,
  type Schedule,
  WEEK_ORDINALS,
  WEEKDAYS,
} from './schedule-types.js';

type Lang = 'fr' | 'en';

const WORDS = {
  fr: {
    weekdays: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
    months: [
      'janvier',
      'février',
      'mars',
      'avril',
      'mai',
      'juin',
      'juillet',
      'août',
      'septembre',
      'octobre',
      'novembre',
      'décembre',
    ],
    weeks: ['premier', 'deuxième', 'troisième', 'quatrième', 'dernier'],
    and: 'et',
  },
  en: {
    weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    weeks: ['first', 'second', 'third', 'fourth', 'last'],
    and: 'and',
  },
} as const;

/** "a, b et c" */
function list(items: readonly string[], lang: Lang): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${WORDS[lang].and} ${items[items.length - 1]}`;
}

/** Chosen values in calendar order, whatever order they were ticked in. */
function ordered<T>(chosen: readonly T[], all: readonly T[]): T[] {
  return all.filter((v) => chosen.includes(v));
}

const weekdayNames = (chosen: readonly string[], lang: Lang): string =>
  list(
    ordered(chosen, WEEKDAYS).map((d) => WORDS[lang].weekdays[WEEKDAYS.indexOf(d as never)] ?? d),
    lang,
  );

/** "de chaque mois", "d'avril et juin", "of every month", "of January and April". */
function monthsPhrase(chosen: readonly Month[], lang: Lang): string {
  if (ordered(chosen, MONTHS).length === 12) return lang === 'fr' ? 'de chaque mois' : 'of every month';
  const names = list(
    ordered(chosen, MONTHS).map((m) => WORDS[lang].months[m - 1] ?? String(m)),
    lang,
  );
  if (lang === 'en') return `of ${names}`;
  return /^[aeiouéh]/.test(names) ? `d'${names}` : `de ${names}`;
}

function englishOrdinal(n: number): string {
  const suffix =
    n % 10 === 1 && n !== 11
      ? 'st'
      : n % 10 === 2 && n !== 12
        ? 'nd'
        : n % 10 === 3 && n !== 13
          ? 'rd'
          : 'th';
  return `${n}${suffix}`;
}

function daysPhrase(days: readonly DayOfMonth[], lang: Lang): string {
  const sorted = [
    ...days.filter((d): d is number => d !== 'last').sort((a, b) => a - b),
    ...(days.includes('last') ? ['last' as const] : []),
  ];
  if (lang === 'en')
    return `On the ${list(
      sorted.map((d) => (d === 'last' ? 'last day' : englishOrdinal(d))),
      lang,
    )}`;
  const words = sorted.map((d) => (d === 'last' ? 'le dernier jour' : d === 1 ? 'le 1er' : `le ${d}`));
  const text = list(words, lang);
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function duration(minutes: number, lang: Lang): string {
  if (minutes === 1440) return lang === 'fr' ? '1 jour' : '1 day';
  return minutes < 60 ? `${minutes} min` : `${minutes / 60} h`;
}

function repeatPhrase(s: Schedule, lang: Lang): string {
  if (!s.repeat) return '';
  const { everyMinutes: every, forMinutes: span } = s.repeat;
  if (lang === 'fr') {
    const often = every === 60 ? 'toutes les heures' : `toutes les ${duration(every, lang)}`;
    return `, puis ${often} pendant ${duration(span, lang)}`;
  }
  const often = every === 60 ? 'every hour' : `every ${duration(every, lang)}`;
  return `, then ${often} for ${duration(span, lang)}`;
}

function triggerPhrase(s: Schedule, lang: Lang): string {
  const t = s.trigger;
  const fr = lang === 'fr';
  switch (t.kind) {
    case 'daily':
      if (t.everyDays === 1) return fr ? 'Tous les jours' : 'Every day';
      return fr ? `Tous les ${t.everyDays} jours` : `Every ${t.everyDays} days`;
    case 'weekly': {
      const days = weekdayNames(t.weekdays, lang);
      if (t.everyWeeks === 1) return fr ? `Chaque semaine le ${days}` : `Every week on ${days}`;
      return fr ? `Toutes les ${t.everyWeeks} semaines le ${days}` : `Every ${t.everyWeeks} weeks on ${days}`;
    }
    case 'monthly-days':
      return `${daysPhrase(t.days, lang)} ${monthsPhrase(t.months, lang)}`;
    case 'monthly-weekdays': {
      const weeks = list(
        ordered(t.weeks, WEEK_ORDINALS).map((w) => WORDS[lang].weeks[WEEK_ORDINALS.indexOf(w)] ?? w),
        lang,
      );
      const days = weekdayNames(t.weekdays, lang);
      return fr
        ? `Le ${weeks} ${days} ${monthsPhrase(t.months, lang)}`
        : `On the ${weeks} ${days} ${monthsPhrase(t.months, lang)}`;
    }
  }
}

/** "Tous les 2 jours à 08:00, puis toutes les 5 min pendant 12 h". */
export function describeTrigger(s: Schedule, lang: Lang): string {
  const at = lang === 'fr' ? `à ${s.start.time}` : `at ${s.start.time}`;
  return `${triggerPhrase(s, lang)} ${at}${repeatPhrase(s, lang)}`;
}
