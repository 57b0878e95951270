// The sync screen (English).
import type { frSync } from './fr-sync.js';

export const enSync = {
  'sync.title': 'Import documents',
} as const satisfies { readonly [K in keyof typeof frSync]: string };
