// The dashboard screen (French).
export const frDashboard = {
  'nav.dashboard': 'Tableau de bord',
} as const;
