// Brings a stored or exported profile up to PROFILE_VERSION, one version at a time, on the
// raw JSON (before the preset is merged and the result validated), so an old export loads.
import { PROFILE_VERSION } from './profile.js';

export type PlainObject = Record<string, unknown>;

export const isPlainObject = (v: unknown): v is PlainObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Version 1 named the source `{ kind, inbox }`; version 2 uses the profile file's `{ type, path }`. */
function sourceV1ToV2(source: unknown): unknown {
  if (!isPlainObject(source) || !('kind' in source)) return source;
  const { kind, inbox, ...rest } = source;
  switch (kind) {
    case 'drop-folder':
      return { type: 'dropfolder', path: inbox };
    // Version 1 kept no shop keys: they must be entered again (empty keys load, the connector says so).
    case 'prestashop':
      return { type: 'prestashop', url: rest.url, key: '' };
    case 'woocommerce':
      return { type: 'woocommerce', url: rest.url, consumerKey: '', consumerSecret: '' };
    case 'shopify':
      return { type: 'shopify', url: rest.url, accessToken: '' };
    default:
      return source;
  }
}

/** MIGRATIONS[n] turns a version-n profile into a version n + 1 one. */
const MIGRATIONS: Record<number, (profile: PlainObject) => PlainObject> = {
  1: (profile) => {
    const migrated: PlainObject = { ...profile, version: 2 };
    if ('source' in profile) migrated.source = sourceV1ToV2(profile.source);
    return migrated;
  },
};

/** The version a raw profile declares; profiles written before versions existed count as 1. */
export function declaredVersion(profile: PlainObject): unknown {
  return profile.version === undefined ? 1 : profile.version;
}

/** Applies the migrations from the declared version; problems when the version is unusable. */
export function migrateProfile(
  profile: PlainObject,
): { ok: true; profile: PlainObject } | { ok: false; problems: string[] } {
  const version = declaredVersion(profile);
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, problems: [`version: ${JSON.stringify(version)} is not a profile version`] };
  }
  if (version > PROFILE_VERSION) {
    return {
      ok: false,
      problems: [
        `version: ${version} comes from a newer Comptoir (this one reads up to ${PROFILE_VERSION}); update Comptoir`,
      ],
    };
  }
  let current: PlainObject = { ...profile, version };
  for (let v = version; v < PROFILE_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (step) current = step(current);
    current.version = v + 1;
  }
  return { ok: true, profile: current };
}
