// The scheduled-task dialog's form: its values as the page shows them, read from a stored
// schedule or from a submitted body, and turned into a schedule with every problem placed
// next to its field. The domain (scheduleProblems) is the judge of what may be saved;
// this module only adds the task's name and words the domain's problems for the user.
import {
  type DayOfMonth,
  type Month,
  type Repeat,
  REPEAT_EVERY_MINUTES,
  REPEAT_FOR_MINUTES,
  type Schedule,
  scheduleProblems,
  TASKS,
  type Task,
  type Trigger,
  type WeekOrdinal,
  type Weekday,
} from '../domain/schedule.js';
import type { ScheduleInput, StoredSchedule } from '../store/schedules.js';
import type { Translate } from './i18n.js';

export const NAME_MAX = 80;
export const TRIGGER_KINDS = ['daily', 'weekly', 'monthly-days', 'monthly-weekdays'] as const;

/**
 * The domain's Schedule has no name; the list needs one to tell tasks apart, so the web
 * layer stores it beside the schedule (the store keeps every field it is given).
 */
export type NamedSchedule = StoredSchedule & { name?: string };
export type NamedInput = ScheduleInput & { name: string };

/** Every field as text (or ticked values), exactly as the form shows and sends them. */
export interface ScheduleFormValues {
  name: string;
  profileId: string;
  task: string;
  date: string;
  time: string;
  kind: string;
  everyDays: string;
  everyWeeks: string;
  weeklyWeekdays: string[];
  mdMonths: string[];
  mdDays: string[];
  mwMonths: string[];
  mwWeeks: string[];
  mwWeekdays: string[];
  repeat: boolean;
  repeatEvery: string;
  repeatFor: string;
}

export type FieldErrors = Record<string, string[]>;

const ALL_MONTHS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12'];

/** A new task: every day from tomorrow's date at 08:00, all months ticked for the monthly kinds. */
export function newFormValues(today: string, profileId: string): ScheduleFormValues {
  return {
    name: '',
    profileId,
    task: 'orders',
    date: today,
    time: '08:00',
    kind: 'daily',
    everyDays: '1',
    everyWeeks: '1',
    weeklyWeekdays: [],
    mdMonths: [...ALL_MONTHS],
    mdDays: [],
    mwMonths: [...ALL_MONTHS],
    mwWeeks: [],
    mwWeekdays: [],
    repeat: false,
    repeatEvery: '30',
    repeatFor: '720',
  };
}

export function formValuesOf(s: NamedSchedule): ScheduleFormValues {
  const v = newFormValues(s.start.date, s.profileId);
  Object.assign(v, { name: s.name ?? '', task: s.task, time: s.start.time, kind: s.trigger.kind });
  const t = s.trigger;
  if (t.kind === 'daily') v.everyDays = String(t.everyDays);
  if (t.kind === 'weekly') Object.assign(v, { everyWeeks: String(t.everyWeeks), weeklyWeekdays: t.weekdays });
  if (t.kind === 'monthly-days')
    Object.assign(v, { mdMonths: t.months.map(String), mdDays: t.days.map(String) });
  if (t.kind === 'monthly-weekdays')
    Object.assign(v, { mwMonths: t.months.map(String), mwWeeks: t.weeks, mwWeekdays: t.weekdays });
  if (s.repeat)
    Object.assign(v, {
      repeat: true,
      repeatEvery: String(s.repeat.everyMinutes),
      repeatFor: String(s.repeat.forMinutes),
    });
  return v;
}

type Body = Record<string, unknown>;

function text(body: Body, name: string): string {
  const value = body[name];
  return typeof value === 'string' ? value.trim().slice(0, 200) : '';
}

/** A checkbox group: qs gives one string for one ticked box, an array for several. */
function ticked(body: Body, name: string): string[] {
  const value = body[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string => typeof v === 'string').slice(0, 40);
}

export function formValuesFrom(body: Body): ScheduleFormValues {
  return {
    name: text(body, 'name'),
    profileId: text(body, 'profileId'),
    task: text(body, 'task'),
    date: text(body, 'date'),
    time: text(body, 'time'),
    kind: text(body, 'kind'),
    everyDays: text(body, 'everyDays'),
    everyWeeks: text(body, 'everyWeeks'),
    weeklyWeekdays: ticked(body, 'weeklyWeekdays'),
    mdMonths: ticked(body, 'mdMonths'),
    mdDays: ticked(body, 'mdDays'),
    mwMonths: ticked(body, 'mwMonths'),
    mwWeeks: ticked(body, 'mwWeeks'),
    mwWeekdays: ticked(body, 'mwWeekdays'),
    repeat: 'repeat' in body,
    repeatEvery: text(body, 'repeatEvery'),
    repeatFor: text(body, 'repeatFor'),
  };
}

/** Whole numbers stay numbers; anything else stays as typed, for the domain to refuse. */
const whole = (value: string): number => (/^\d{1,6}$/.test(value) ? Number(value) : Number.NaN);
const months = (list: string[]): Month[] => list.map((m) => whole(m) as Month);
const days = (list: string[]): DayOfMonth[] => list.map((d) => (d === 'last' ? 'last' : whole(d)));

function triggerOf(v: ScheduleFormValues): Trigger {
  switch (v.kind) {
    case 'weekly':
      return { kind: 'weekly', everyWeeks: whole(v.everyWeeks), weekdays: v.weeklyWeekdays as Weekday[] };
    case 'monthly-days':
      return { kind: 'monthly-days', months: months(v.mdMonths), days: days(v.mdDays) };
    case 'monthly-weekdays':
      return {
        kind: 'monthly-weekdays',
        months: months(v.mwMonths),
        weeks: v.mwWeeks as WeekOrdinal[],
        weekdays: v.mwWeekdays as Weekday[],
      };
    case 'daily':
      return { kind: 'daily', everyDays: whole(v.everyDays) };
    default:
      return { kind: v.kind } as unknown as Trigger;
  }
}

/** The field of the form a domain problem path belongs to, given the chosen kind. */
function fieldOf(path: string, kind: string): string {
  const group = kind === 'monthly-days' ? 'md' : kind === 'monthly-weekdays' ? 'mw' : '';
  switch (path) {
    case 'profileId':
    case 'task':
      return path;
    case 'start.date':
      return 'date';
    case 'start.time':
      return 'time';
    case 'trigger.kind':
      return 'kind';
    case 'trigger.everyDays':
      return 'everyDays';
    case 'trigger.everyWeeks':
      return 'everyWeeks';
    case 'trigger.weekdays':
      return kind === 'weekly' ? 'weeklyWeekdays' : 'mwWeekdays';
    case 'trigger.months':
      return `${group}Months`;
    case 'trigger.days':
      return 'mdDays';
    case 'trigger.weeks':
      return 'mwWeeks';
    case 'repeat.everyMinutes':
      return 'repeatEvery';
    case 'repeat.forMinutes':
      return 'repeatFor';
    default:
      return '';
  }
}

/** The user's words for a domain problem on a field (the domain words them in English for logs). */
function messageKey(field: string, domainMessage: string): string {
  if (/never run/.test(domainMessage)) return 'schedules.err.neverRuns';
  if (/shorter than/.test(domainMessage)) return 'schedules.err.repeatOrder';
  if (/chosen twice/.test(domainMessage)) return 'schedules.err.twice';
  if (field.endsWith('Weekdays')) return 'schedules.err.weekdays';
  if (field.endsWith('Months')) return 'schedules.err.months';
  return `schedules.err.${field}`;
}

export interface ParsedSchedule {
  values: ScheduleFormValues;
  errors: FieldErrors;
  /** Set when there is no error. */
  input?: NamedInput;
}

/**
 * The submitted form as a schedule to save. `existing` (an edit) keeps its id and pause;
 * `profileIds` are the profiles that may be chosen.
 */
export function parseScheduleForm(
  body: Body,
  t: Translate,
  profileIds: readonly string[],
  existing?: NamedSchedule,
): ParsedSchedule {
  const values = formValuesFrom(body);
  const errors: FieldErrors = {};
  const add = (field: string, message: string): void => {
    const list = (errors[field] ??= []);
    if (!list.includes(message)) list.push(message);
  };
  if (values.name === '' || values.name.length > NAME_MAX)
    add('name', t('schedules.err.name', { max: NAME_MAX }));
  if (values.profileId !== '' && !profileIds.includes(values.profileId))
    add('profileId', t('schedules.err.profileId'));
  const repeat: Repeat | undefined = values.repeat
    ? {
        everyMinutes: whole(values.repeatEvery) as Repeat['everyMinutes'],
        forMinutes: whole(values.repeatFor) as Repeat['forMinutes'],
      }
    : undefined;
  const schedule: Schedule = {
    id: existing?.id ?? 'new',
    profileId: values.profileId,
    task: values.task as Task,
    start: { date: values.date, time: values.time },
    trigger: triggerOf(values),
    ...(repeat ? { repeat } : {}),
    paused: existing?.paused ?? false,
  };
  for (const problem of scheduleProblems(schedule)) {
    const at = problem.indexOf(': ');
    const field = fieldOf(problem.slice(0, at), values.kind) || 'other';
    add(field, t(messageKey(field, problem.slice(at + 2))));
  }
  if (Object.keys(errors).length > 0) return { values, errors };
  // A new schedule gets its id from the store.
  const { id, ...rest } = schedule;
  return { values, errors, input: { ...rest, ...(existing ? { id } : {}), name: values.name } };
}

/** The choices the dialog offers, with their labels. */
export function formChoices(t: Translate) {
  return {
    tasks: TASKS.map((value) => ({ value, text: t(`task.${value}`) })),
    kinds: TRIGGER_KINDS.map((value) => ({ value, text: t(`schedules.kind.${value}`) })),
    weekdays: (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((value) => ({
      value,
      text: t(`schedules.wd.${value}`),
    })),
    months: ALL_MONTHS.map((value) => ({ value, text: t(`schedules.month.${value}`) })),
    days: [
      ...Array.from({ length: 31 }, (_, i) => ({ value: String(i + 1), text: String(i + 1) })),
      { value: 'last', text: t('schedules.f.lastDay') },
    ],
    weeks: (['first', 'second', 'third', 'fourth', 'last'] as const).map((value) => ({
      value,
      text: t(`schedules.week.${value}`),
    })),
    repeatEvery: REPEAT_EVERY_MINUTES.map((m) => ({ value: String(m), text: t(`schedules.dur.${m}`) })),
    repeatFor: REPEAT_FOR_MINUTES.map((m) => ({ value: String(m), text: t(`schedules.dur.${m}`) })),
  };
}
