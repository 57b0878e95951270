// A line of the scheduled-task list as the page shows it: the trigger in words, the last
// run (with its link when it is a recorded run) and the next one in the appliance's zone.
import { describeTrigger } from '../domain/schedule.js';
import type { RunRecord } from '../domain/run.js';
import type { ScheduleView } from '../jobs/scheduler.js';
import type { Formatter } from './format.js';
import type { Lang, Translate } from './i18n.js';
import type { NamedSchedule } from './schedule-form.js';

export interface ScheduleRow {
  id: string;
  name: string;
  profileName: string;
  profileMissing: boolean;
  task: string;
  trigger: string;
  lastRunAt: string;
  lastRunId?: number;
  lastRunStatus?: string;
  nextRunAt: string;
  paused: boolean;
  /** Runs of this schedule's profile still going: each can be stopped. */
  running: { id: number; task: string; startedAt: string }[];
}

export function scheduleRow(
  view: ScheduleView,
  runningRuns: readonly RunRecord[],
  t: Translate,
  fmt: Formatter,
  lang: Lang,
): ScheduleRow {
  const s = view.schedule as NamedSchedule;
  // The latest of the two: a manual run after the last scheduled one counts (FEATURES.md §8).
  const lastRun = view.lastRun;
  const lastAt =
    lastRun && (!view.lastRunAt || lastRun.startedAt >= view.lastRunAt) ? lastRun.startedAt : view.lastRunAt;
  return {
    id: s.id,
    name: s.name || t(`task.${s.task}`),
    profileName: view.profileName ?? s.profileId,
    profileMissing: view.profileName === undefined,
    task: t(`task.${s.task}`),
    trigger: describeTrigger(s, lang),
    lastRunAt: lastAt ? fmt.dateTime(lastAt) : t('schedules.never'),
    ...(lastRun && lastAt === lastRun.startedAt
      ? { lastRunId: lastRun.id, lastRunStatus: t(`status.${lastRun.status}`) }
      : {}),
    nextRunAt: view.nextRunAt
      ? fmt.dateTime(view.nextRunAt)
      : s.paused
        ? t('schedules.pausedNext')
        : t('schedules.noNext'),
    paused: s.paused,
    running: runningRuns
      .filter((r) => r.profileId === s.profileId)
      .map((r) => ({ id: r.id, task: t(`task.${r.task}`), startedAt: fmt.dateTime(r.startedAt) })),
  };
}
