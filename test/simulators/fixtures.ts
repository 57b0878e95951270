// The published shop payloads of ../shared/fixtures (read-only; see SOURCES.md) and our own
// additions under test/fixtures/shops (clearly ours: PrestaShop has no published values for them).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseJsonLossless } from '../../src/adapters/shops/lossless-json.js';

export const SHARED_FIXTURES = path.resolve('../shared/fixtures');
export const OWN_FIXTURES = path.resolve('test/fixtures/shops');

export function readFixture(platform: string, name: string): string {
  return readFileSync(path.join(SHARED_FIXTURES, platform, name), 'utf8');
}

export function readOwnFixture(platform: string, name: string): string {
  return readFileSync(path.join(OWN_FIXTURES, platform, name), 'utf8');
}

/** A JSON fixture as the connectors see it (lossless), unwrapping the iOS app's `{data: …}`. */
export function jsonFixture<T = Record<string, unknown>>(platform: string, name: string): T {
  const data = parseJsonLossless(readFixture(platform, name)) as Record<string, unknown>;
  return (name.startsWith('ios_') ? data['data'] : data) as T;
}
