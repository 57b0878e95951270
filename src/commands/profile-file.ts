// Reads a profile exported from the UI for the command line. A partial file takes the
// preset's values for what it omits. (Full validation and migrations: the profile model.)
import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../domain/errors.js';
import { defaultDropFolderProfile } from '../domain/presets/format-france.js';
import type { Profile } from '../domain/profile.js';

type Plain = Record<string, unknown>;

const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects merge key by key; arrays and scalars from `override` replace the base's. */
export function mergeDeep<T>(base: T, override: unknown): T {
  if (!isPlain(base) || !isPlain(override)) return (override === undefined ? base : override) as T;
  const out: Plain = { ...base };
  for (const [key, value] of Object.entries(override)) out[key] = mergeDeep(out[key], value);
  return out as T;
}

export function presetProfile(outDir: string): Profile {
  return defaultDropFolderProfile('cli', path.resolve('inbox'), outDir);
}

export async function loadProfileFile(file: string, outDir: string): Promise<Profile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await fs.readFile(file, 'utf8'));
  } catch (error) {
    throw new ConfigError([`--profile ${file}: ${(error as Error).message}`]);
  }
  // An export is either the profile itself or { profile: … }.
  const profile = isPlain(parsed) && isPlain(parsed.profile) ? parsed.profile : parsed;
  if (!isPlain(profile)) throw new ConfigError([`--profile ${file}: not a profile object`]);
  return mergeDeep(presetProfile(outDir), profile);
}
