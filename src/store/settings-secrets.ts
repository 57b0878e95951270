// Which fields of the settings are secrets, in one place: the settings store seals them on
// write and opens them on read, so comptoir.json never holds one in clear.
import type { Destination, SmtpSettings } from '../domain/delivery-destination.js';
import type { Profile, SourceSettings } from '../domain/profile.js';

type Transform = (value: string) => string;

function mapSource(source: SourceSettings, f: Transform): SourceSettings {
  switch (source.type) {
    case 'prestashop':
      return { ...source, key: f(source.key) };
    case 'woocommerce':
      return { ...source, consumerKey: f(source.consumerKey), consumerSecret: f(source.consumerSecret) };
    case 'shopify':
      return { ...source, accessToken: f(source.accessToken) };
    default:
      // Drop folder, or an older shape that the profile migrations have not upgraded yet.
      return { ...source };
  }
}

/** Empty values stay empty: "no password" is not a secret, and the forms test for ''. */
function optional(value: string | undefined, f: Transform): string | undefined {
  return value === undefined || value === '' ? value : f(value);
}

function mapDestination(destination: Destination, f: Transform): Destination {
  switch (destination.kind) {
    case 'ftp':
      return { ...destination, password: optional(destination.password, f) ?? '' };
    case 'sftp': {
      const copy = { ...destination };
      for (const field of ['password', 'privateKey', 'passphrase'] as const) {
        const value = optional(copy[field], f);
        if (value !== undefined) copy[field] = value;
      }
      return copy;
    }
    default:
      return { ...destination };
  }
}

/** A copy of the profile with every secret field passed through `f` (the rest shared). */
export function mapProfileSecrets(profile: Profile, f: Transform): Profile {
  // A profile that failed validation at open is kept as stored (settings.ts): guard its shape.
  const source = profile.source as SourceSettings | undefined;
  const destinations = profile.delivery?.destinations;
  return {
    ...profile,
    ...(source ? { source: mapSource(source, (v) => (typeof v === 'string' ? f(v) : v)) } : {}),
    ...(Array.isArray(destinations)
      ? { delivery: { ...profile.delivery, destinations: destinations.map((d) => mapDestination(d, f)) } }
      : {}),
  };
}

export function mapSmtpSecrets(smtp: SmtpSettings, f: Transform): SmtpSettings {
  const copy = { ...smtp };
  const password = optional(copy.password, f);
  if (password !== undefined) copy.password = password;
  return copy;
}
