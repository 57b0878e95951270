// Validation of a schedule as stored or submitted: every problem, each naming its field.
import { parseDate, parseTime } from './schedule-calendar.js';
import {
  MAX_EVERY_DAYS,
  MAX_EVERY_WEEKS,
  REPEAT_EVERY_MINUTES,
  REPEAT_FOR_MINUTES,
  TASKS,
  WEEK_ORDINALS,
  WEEKDAYS,
  type Schedule,
} from './schedule-types.js';

// The longest each month can be (February: 29, in leap years).
const LONGEST_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const isWholeIn = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Non-empty, known values, no duplicates. */
function listProblems(path: string, list: unknown, allowed: (v: unknown) => boolean, hint: string): string[] {
  if (!Array.isArray(list) || list.length === 0) return [`${path}: choose at least one (${hint})`];
  const bad = list.filter((v) => !allowed(v));
  if (bad.length > 0)
    return [`${path}: ${bad.map((v) => JSON.stringify(v)).join(', ')} not allowed (${hint})`];
  if (new Set(list).size !== list.length) return [`${path}: a value is chosen twice`];
  return [];
}

const weekdaysOk = (v: unknown): boolean => (WEEKDAYS as readonly unknown[]).includes(v);
const monthOk = (v: unknown): boolean => isWholeIn(v, 1, 12);
const dayOk = (v: unknown): boolean => v === 'last' || isWholeIn(v, 1, 31);

function triggerProblems(trigger: Schedule['trigger']): string[] {
  switch (trigger?.kind) {
    case 'daily':
      return isWholeIn(trigger.everyDays, 1, MAX_EVERY_DAYS)
        ? []
        : [`trigger.everyDays: must be a whole number from 1 to ${MAX_EVERY_DAYS}`];
    case 'weekly':
      return [
        ...(isWholeIn(trigger.everyWeeks, 1, MAX_EVERY_WEEKS)
          ? []
          : [`trigger.everyWeeks: must be a whole number from 1 to ${MAX_EVERY_WEEKS}`]),
        ...listProblems('trigger.weekdays', trigger.weekdays, weekdaysOk, WEEKDAYS.join(', ')),
      ];
    case 'monthly-days': {
      const problems = [
        ...listProblems('trigger.months', trigger.months, monthOk, '1 to 12'),
        ...listProblems('trigger.days', trigger.days, dayOk, '1 to 31 or "last"'),
      ];
      // Day 31 only in months of 30 days (or 30 in February) would silently never run.
      const exists = (m: number): boolean =>
        trigger.days.some((d) => d === 'last' || d <= (LONGEST_MONTH[m - 1] ?? 0));
      if (problems.length === 0 && !trigger.months.some(exists))
        problems.push(
          'trigger.days: none of the chosen days exists in the chosen months, the task would never run',
        );
      return problems;
    }
    case 'monthly-weekdays':
      return [
        ...listProblems('trigger.months', trigger.months, monthOk, '1 to 12'),
        ...listProblems(
          'trigger.weeks',
          trigger.weeks,
          (v) => (WEEK_ORDINALS as readonly unknown[]).includes(v),
          WEEK_ORDINALS.join(', '),
        ),
        ...listProblems('trigger.weekdays', trigger.weekdays, weekdaysOk, WEEKDAYS.join(', ')),
      ];
    default:
      return ['trigger.kind: must be daily, weekly, monthly-days or monthly-weekdays'];
  }
}

function repeatProblems(repeat: Schedule['repeat']): string[] {
  if (repeat === undefined) return [];
  const problems: string[] = [];
  const every = repeat.everyMinutes as number;
  const span = repeat.forMinutes as number;
  if (!(REPEAT_EVERY_MINUTES as readonly number[]).includes(every))
    problems.push(`repeat.everyMinutes: must be one of ${REPEAT_EVERY_MINUTES.join(', ')}`);
  if (!(REPEAT_FOR_MINUTES as readonly number[]).includes(span))
    problems.push(`repeat.forMinutes: must be one of ${REPEAT_FOR_MINUTES.join(', ')}`);
  // Otherwise the window holds a single run: the user most likely swapped the two values.
  if (problems.length === 0 && every >= span)
    problems.push('repeat.everyMinutes: must be shorter than repeat.forMinutes (the duration)');
  return problems;
}

export function scheduleProblems(s: Schedule): string[] {
  const problems: string[] = [];
  if (typeof s.id !== 'string' || s.id === '') problems.push('id: missing');
  if (typeof s.profileId !== 'string' || s.profileId === '') problems.push('profileId: choose a profile');
  if (!(TASKS as readonly unknown[]).includes(s.task)) problems.push(`task: must be ${TASKS.join(' or ')}`);
  if (typeof s.start?.date !== 'string' || !parseDate(s.start.date))
    problems.push('start.date: must be a calendar date written YYYY-MM-DD');
  if (typeof s.start?.time !== 'string' || !parseTime(s.start.time))
    problems.push('start.time: must be a time from 00:00 to 23:59 written HH:MM');
  problems.push(...triggerProblems(s.trigger), ...repeatProblems(s.repeat));
  if (typeof s.paused !== 'boolean') problems.push('paused: must be true or false');
  if (s.lastRunAt !== undefined && Number.isNaN(Date.parse(s.lastRunAt)))
    problems.push('lastRunAt: must be an ISO 8601 date and time');
  return problems;
}
