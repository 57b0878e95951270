// The sync screen (French).
export const frSync = {
  'sync.title': 'Importer les documents',
} as const;
