// Scheduled tasks: the model, its validation, when it runs and how it reads. Split by
// concern; import from here.
export * from './schedule-types.js';
export { scheduleProblems } from './schedule-problems.js';
export { dueRun, nextRun, previousRun } from './schedule-next.js';
export { describeTrigger } from './schedule-describe.js';
export { instantAt, isValidTimeZone, wallTimeAt, type WallTime } from './zoned-time.js';
