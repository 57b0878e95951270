// The drop-folder watchers on real folders: a profile whose folder cannot be made does not
// keep the others from being watched, and is watched once its folder is fixed.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDropFolderProfile } from '../domain/presets/format-france.js';
import type { Profile } from '../domain/profile.js';
import { setQuiet } from '../log.js';
import { waitFor } from '../../test/helpers/wait.js';
import { DropFolders, dropFolderProfiles } from './drop-folders.js';

describe('drop-folder watchers', () => {
  let root: string;
  let folders: DropFolders | undefined;

  beforeEach(async () => {
    setQuiet(true);
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-drop-folders-'));
  });

  afterEach(async () => {
    await folders?.close();
    await fs.rm(root, { recursive: true, force: true });
  });

  it('watches the other profiles when one folder cannot be made, and that one once fixed', async () => {
    // A file where the first profile's folder should go: mkdir fails (ENOTDIR).
    await fs.writeFile(path.join(root, 'not-a-folder'), '');
    const broken = defaultDropFolderProfile(
      'a-broken',
      path.join(root, 'not-a-folder', 'inbox'),
      path.join(root, 'out-a'),
    );
    const working = defaultDropFolderProfile(
      'b-working',
      path.join(root, 'inbox-b'),
      path.join(root, 'out-b'),
    );
    let profiles: Profile[] = [broken, working];
    const seen: string[] = [];
    folders = new DropFolders({
      profiles: () => dropFolderProfiles(profiles),
      watch: { stabilityMs: 100, polling: false, rescanMs: 60_000 },
      onFile: async (profileId, file) => {
        seen.push(`${profileId} ${path.basename(file)}`);
        await fs.rm(file); // what the pipeline does: the file leaves the folder
      },
    });
    await folders.sync();
    expect(folders.get('a-broken')).toBeUndefined();
    expect(folders.get('b-working')).toBeDefined();
    await fs.writeFile(path.join(root, 'inbox-b', 'orders.xml'), '<orders/>');
    await waitFor(() => seen.includes('b-working orders.xml'), 5000, 'the working profile’s file');

    // The folder corrected in the profile: watched at the next change.
    const fixed = { ...broken, source: { type: 'dropfolder' as const, path: path.join(root, 'inbox-a') } };
    profiles = [fixed, working];
    await folders.sync();
    await fs.writeFile(path.join(root, 'inbox-a', 'orders.xml'), '<orders/>');
    await waitFor(() => seen.includes('a-broken orders.xml'), 5000, 'the fixed profile’s file');
  });
});
