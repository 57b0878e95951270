// The shop URL of a profile, checked once: a clear error rather than a fetch TypeError.
import { ShopError } from './http.js';

export function shopBaseUrl(raw: string, platform: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ShopError(
      'shop-unreachable',
      `the ${platform} URL "${raw.replace(/\/\/[^@/]*@/, '//***@')}" is not a URL. Give the shop address, such as https://shop.example.com.`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ShopError(
      'shop-unreachable',
      `the ${platform} URL must start with https:// (or http:// on a local network).`,
    );
  }
  // Credentials belong in the profile's key fields: a key in the URL would end up in messages.
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return url;
}
