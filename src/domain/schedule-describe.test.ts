import { describe, expect, it } from 'vitest';
import { describeTrigger } from './schedule-describe.js';
import { schedule } from './schedule-testing.js';
import type { Month } from './schedule-types.js';

const ALL_MONTHS: Month[] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
const both = (s: ReturnType<typeof schedule>): [string, string] => [
  describeTrigger(s, 'fr'),
  describeTrigger(s, 'en'),
];

describe('describeTrigger', () => {
  it('every N days', () => {
    expect(both(schedule())).toEqual(['Tous les jours à 08:00', 'Every day at 08:00']);
    expect(both(schedule({ trigger: { kind: 'daily', everyDays: 2 } }))).toEqual([
      'Tous les 2 jours à 08:00',
      'Every 2 days at 08:00',
    ]);
  });

  it('every N weeks, weekdays in calendar order', () => {
    expect(
      both(schedule({ trigger: { kind: 'weekly', everyWeeks: 1, weekdays: ['fri', 'mon', 'wed'] } })),
    ).toEqual([
      'Chaque semaine le lundi, mercredi et vendredi à 08:00',
      'Every week on Monday, Wednesday and Friday at 08:00',
    ]);
    expect(both(schedule({ trigger: { kind: 'weekly', everyWeeks: 2, weekdays: ['thu', 'mon'] } }))).toEqual([
      'Toutes les 2 semaines le lundi et jeudi à 08:00',
      'Every 2 weeks on Monday and Thursday at 08:00',
    ]);
  });

  it('days of chosen months, with French elision', () => {
    expect(both(schedule({ trigger: { kind: 'monthly-days', months: [4, 1], days: ['last'] } }))).toEqual([
      'Le dernier jour de janvier et avril à 08:00',
      'On the last day of January and April at 08:00',
    ]);
    expect(
      both(schedule({ trigger: { kind: 'monthly-days', months: ALL_MONTHS, days: ['last', 15, 1] } })),
    ).toEqual([
      'Le 1er, le 15 et le dernier jour de chaque mois à 08:00',
      'On the 1st, 15th and last day of every month at 08:00',
    ]);
    expect(
      describeTrigger(schedule({ trigger: { kind: 'monthly-days', months: [8, 10], days: [22] } }), 'fr'),
    ).toBe("Le 22 d'août et octobre à 08:00");
    expect(
      describeTrigger(
        schedule({ trigger: { kind: 'monthly-days', months: [1], days: [2, 3, 11, 21] } }),
        'en',
      ),
    ).toBe('On the 2nd, 3rd, 11th and 21st of January at 08:00');
  });

  it('weekdays of chosen weeks', () => {
    expect(
      both(
        schedule({
          trigger: { kind: 'monthly-weekdays', months: ALL_MONTHS, weeks: ['second'], weekdays: ['tue'] },
        }),
      ),
    ).toEqual(['Le deuxième mardi de chaque mois à 08:00', 'On the second Tuesday of every month at 08:00']);
    expect(
      both(
        schedule({
          trigger: { kind: 'monthly-weekdays', months: [3, 6], weeks: ['last', 'first'], weekdays: ['fri'] },
        }),
      ),
    ).toEqual([
      'Le premier et dernier vendredi de mars et juin à 08:00',
      'On the first and last Friday of March and June at 08:00',
    ]);
  });

  it('the repeat', () => {
    expect(
      both(
        schedule({ trigger: { kind: 'daily', everyDays: 2 }, repeat: { everyMinutes: 5, forMinutes: 720 } }),
      ),
    ).toEqual([
      'Tous les 2 jours à 08:00, puis toutes les 5 min pendant 12 h',
      'Every 2 days at 08:00, then every 5 min for 12 h',
    ]);
    expect(both(schedule({ repeat: { everyMinutes: 60, forMinutes: 1440 } }))).toEqual([
      'Tous les jours à 08:00, puis toutes les heures pendant 1 jour',
      'Every day at 08:00, then every hour for 1 day',
    ]);
    expect(describeTrigger(schedule({ repeat: { everyMinutes: 120, forMinutes: 720 } }), 'fr')).toBe(
      'Tous les jours à 08:00, puis toutes les 2 h pendant 12 h',
    );
  });
});
