// One watcher per drop-folder profile, following the profiles as they are created,
// edited (another folder) and deleted in the UI — no restart needed. Changes are applied
// one at a time, in order, so two quick saves cannot start two watchers on one folder.
import fs from 'node:fs/promises';
import { DropFolderWatcher, type DropFolderWatcherOptions } from '../adapters/drop-folder/watcher.js';
import type { DropFolderSource, Profile } from '../domain/profile.js';
import { logger } from '../log.js';

const log = logger('watcher');

export type DropFolderProfile = Profile & { source: DropFolderSource };

export interface DropFoldersDeps {
  profiles: () => DropFolderProfile[];
  watch: Pick<DropFolderWatcherOptions, 'stabilityMs' | 'polling' | 'rescanMs'>;
  /** The current profile is looked up at each file, so settings changes apply at once. */
  onFile: (profileId: string, file: string) => Promise<unknown>;
}

export function dropFolderProfiles(profiles: Profile[]): DropFolderProfile[] {
  return profiles.filter((p): p is DropFolderProfile => p.source.type === 'dropfolder');
}

export class DropFolders {
  private readonly watchers = new Map<string, { dir: string; watcher: DropFolderWatcher }>();
  private queue: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly deps: DropFoldersDeps) {}

  /** Starts, restarts and stops watchers to match the profiles; resolves once applied. */
  sync(): Promise<void> {
    this.queue = this.queue
      .then(() => this.apply())
      .catch((error: unknown) => {
        log.error('drop-folder watchers could not follow the profiles', { error: String(error) });
      });
    return this.queue;
  }

  get(profileId: string): DropFolderWatcher | undefined {
    return this.watchers.get(profileId)?.watcher;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.queue;
    await Promise.all([...this.watchers.values()].map((w) => w.watcher.close()));
    this.watchers.clear();
  }

  private async apply(): Promise<void> {
    if (this.closed) return;
    const wanted = new Map(this.deps.profiles().map((p) => [p.id, p]));
    for (const [id, current] of this.watchers) {
      const profile = wanted.get(id);
      if (profile && profile.source.path === current.dir) continue;
      await current.watcher.close();
      this.watchers.delete(id);
      log.info('stopped watching a drop folder', { profile: id, dir: current.dir });
    }
    for (const profile of wanted.values()) {
      if (this.watchers.has(profile.id)) continue;
      // One folder that cannot be made (no right, a file in the way) must not leave the
      // other profiles unwatched; it is tried again at the next change of the profiles.
      try {
        await this.start(profile);
      } catch (error) {
        log.error('cannot watch a drop folder', {
          profile: profile.id,
          dir: profile.source.path,
          error: String(error),
        });
      }
    }
  }

  private async start(profile: DropFolderProfile): Promise<void> {
    await fs.mkdir(profile.target.outbox, { recursive: true });
    const watcher = new DropFolderWatcher({
      ...this.deps.watch,
      dir: profile.source.path,
      onFile: (file) => this.deps.onFile(profile.id, file),
    });
    await watcher.start();
    this.watchers.set(profile.id, { dir: profile.source.path, watcher });
    log.info('watching a drop folder', { profile: profile.id, dir: profile.source.path });
  }
}
