// Reads a profile exported from the UI for the command line: migrated, completed from the
// preset, validated (domain/profile-schema.ts). A bad file is a ConfigError listing every problem.
import fs from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../domain/errors.js';
import { defaultDropFolderProfile } from '../domain/presets/format-france.js';
import { parseProfile } from '../domain/profile-schema.js';
import type { Profile } from '../domain/profile.js';

export { mergeDeep } from '../domain/profile-schema.js';

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
  const result = parseProfile(parsed, presetProfile(outDir));
  if (!result.ok) throw new ConfigError(result.problems.map((problem) => `--profile ${file}: ${problem}`));
  // The command line writes where --out says, whatever outbox the exported profile names.
  return { ...result.profile, target: { ...result.profile.target, outbox: outDir } };
}
