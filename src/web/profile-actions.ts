// What the profile pages do besides rendering: the wizard's new profile, names, copies,
// and the secret-free export. Kept out of the routes so the routes stay thin.
import { randomUUID } from 'node:crypto';
import {
  formatFranceAccounting,
  formatFranceImport,
  formatFranceTarget,
} from '../domain/presets/format-france.js';
import { exportProfile } from '../domain/profile-schema.js';
import { PROFILE_VERSION, type Profile, type SourceSettings } from '../domain/profile.js';

export const SOURCE_TYPES = ['dropfolder', 'prestashop', 'woocommerce', 'shopify'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

const SOURCE_NAMES: Record<SourceType, string> = {
  dropfolder: 'DOSSIER DE DÉPÔT',
  prestashop: 'PRESTASHOP',
  woocommerce: 'WOOCOMMERCE',
  shopify: 'SHOPIFY',
};

/** The secret fields of a source, by type: never rendered, never exported. */
export const SOURCE_SECRETS: Record<SourceType, string[]> = {
  dropfolder: [],
  prestashop: ['key'],
  woocommerce: ['consumerKey', 'consumerSecret'],
  shopify: ['accessToken'],
};

/** Secret fields of delivery destinations (named so log.ts redacts them too). */
export const DESTINATION_SECRETS = ['password', 'privateKey', 'passphrase'] as const;

export function isSourceType(value: unknown): value is SourceType {
  return typeof value === 'string' && (SOURCE_TYPES as readonly string[]).includes(value);
}

/** "PRESTASHOP <> TEXTE": what the profile reads, then what it writes. */
export function generatedName(type: SourceType): string {
  return `${SOURCE_NAMES[type]} <> TEXTE`;
}

export interface WizardInput {
  name: string;
  entriesFormat: string;
  source: SourceSettings;
  orders: boolean;
  creditNotes: boolean;
  outbox: string;
}

/** A new profile on the preset Format France; the caller validates it with parseProfile. */
export function wizardProfile(input: WizardInput): Profile {
  return {
    id: randomUUID(),
    version: PROFILE_VERSION,
    name: input.name.trim() || generatedName(input.source.type),
    source: input.source,
    target: { ...formatFranceTarget(input.outbox), entriesFormat: input.entriesFormat },
    accounting: formatFranceAccounting(),
    features: { orders: input.orders, creditNotes: input.creditNotes },
    import: formatFranceImport(),
    delivery: { destinations: [] },
    notifications: { recipients: [], subject: 'Comptoir : %P — %S', onSuccess: false, onFailure: true },
    debug: false,
  };
}

export function duplicateProfile(profile: Profile, suffix: string): Profile {
  return { ...structuredClone(profile), id: randomUUID(), name: `${profile.name} ${suffix}`.slice(0, 200) };
}

/** The profile with every secret replaced by "", so an export can be mailed safely. */
export function withoutSecrets(profile: Profile): Profile {
  const copy = structuredClone(profile);
  const source = copy.source as unknown as Record<string, unknown>;
  for (const field of SOURCE_SECRETS[copy.source.type]) source[field] = '';
  for (const destination of copy.delivery.destinations) {
    const fields = destination as unknown as Record<string, unknown>;
    for (const field of DESTINATION_SECRETS) if (typeof fields[field] === 'string') fields[field] = '';
  }
  return copy;
}

export function exportWithoutSecrets(profile: Profile): string {
  return exportProfile(withoutSecrets(profile));
}

/** "PRESTASHOP-TEXTE.json": a file name any system accepts. */
export function exportFileName(profile: Profile): string {
  const base = profile.name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${base || 'profil'}.json`;
}

/** An imported profile never replaces an existing one: it gets a new id. */
export function importedProfile(profile: Profile): Profile {
  return { ...profile, id: randomUUID() };
}
