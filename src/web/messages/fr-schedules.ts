// The schedules screen (French).
export const frSchedules = {
  'schedules.title': 'Tâches planifiées',
} as const;
