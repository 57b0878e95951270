// The vat screen (French).
export const frVat = {
  'nav.vat': 'Synthèse TVA',
} as const;
