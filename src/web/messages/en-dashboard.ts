// The dashboard screen (English).
import type { frDashboard } from './fr-dashboard.js';

export const enDashboard = {
  'nav.dashboard': 'Dashboard',
  'dashboard.title': 'Dashboard',
  'dashboard.month': 'Month',
  'dashboard.show': 'Show',
  'dashboard.previous': '← Previous month',
  'dashboard.next': 'Next month →',
  'dashboard.totals': 'The month in figures',
  'dashboard.documents': 'Documents exported',
  'dashboard.entries': 'Entries',
  'dashboard.lines': 'Lines written',
  'dashboard.failures': 'Documents failed',
  'dashboard.runs': 'Runs',
  'dashboard.failedRuns': 'Failed runs',
  'dashboard.debit': 'Total debit',
  'dashboard.chart': 'Documents exported per day',
  'dashboard.chartDesc': '{documents} documents exported and {failures} failed over the month, day by day.',
  'dashboard.barTitle': 'Day {day}: {documents} exported, {failures} failed',
  'dashboard.perProfile': 'Per profile',
  'dashboard.col.profile': 'Profile',
  'dashboard.latest': "The month's last runs",
  'dashboard.allRuns': 'All logs',
  'dashboard.noRuns': 'No run ended this month.',
} as const satisfies { readonly [K in keyof typeof frDashboard]: string };
