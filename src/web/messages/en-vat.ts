// The vat screen (English).
import type { frVat } from './fr-vat.js';

export const enVat = {
  'nav.vat': 'VAT summary',
} as const satisfies { readonly [K in keyof typeof frVat]: string };
