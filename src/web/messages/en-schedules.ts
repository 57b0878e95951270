// The schedules screen (English).
import type { frSchedules } from './fr-schedules.js';

export const enSchedules = {
  'schedules.title': 'Scheduled tasks',
} as const satisfies { readonly [K in keyof typeof frSchedules]: string };
