// The last shop configuration read by "Actualiser la configuration", per profile. In
// memory: it is a convenience for the forms (states, countries), read again on demand.
import type { ShopConfiguration } from '../adapters/shops/connector.js';

const cache = new Map<string, ShopConfiguration>();

export function shopConfiguration(profileId: string): ShopConfiguration | undefined {
  return cache.get(profileId);
}

export function rememberShopConfiguration(profileId: string, configuration: ShopConfiguration): void {
  cache.set(profileId, configuration);
}
