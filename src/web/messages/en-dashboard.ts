// The dashboard screen (English).
import type { frDashboard } from './fr-dashboard.js';

export const enDashboard = {
  'nav.dashboard': 'Dashboard',
} as const satisfies { readonly [K in keyof typeof frDashboard]: string };
