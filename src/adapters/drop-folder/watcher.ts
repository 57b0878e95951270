// Watches a drop folder. A file is handed over once its size and mtime have stayed the
// same for `stabilityMs` (paperless's FileStabilityTracker): chokidar's awaitWriteFinish
// fires early when a writer pauses, so we keep our own check. Files present at start-up
// are taken too, an in-flight set keeps a file from being queued twice, and a periodic
// rescan catches anything the watcher missed.
import fs from 'node:fs/promises';
import path from 'node:path';
import chokidar, { type FSWatcher } from 'chokidar';
import { logger } from '../../log.js';

const log = logger('watcher');

/** OS and sync-tool litter, partial downloads, and our own sub-folders. */
const IGNORED_NAMES = new Set(['.ds_store', 'thumbs.db', 'desktop.ini', '@eadir', 'archive', 'failed']);
const IGNORED_SUFFIXES = ['.tmp', '.part', '.partial', '.crdownload', '.download', '.swp', '.error.txt'];

export function isIgnoredName(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower.startsWith('.') ||
    lower.startsWith('~$') ||
    IGNORED_NAMES.has(lower) ||
    IGNORED_SUFFIXES.some((suffix) => lower.endsWith(suffix))
  );
}

export interface DropFolderWatcherOptions {
  dir: string;
  stabilityMs: number;
  polling: boolean;
  rescanMs: number;
  /** Called once per stable file; the callee moves the file away (archive/ or failed/). */
  onFile: (file: string) => Promise<unknown>;
}

interface Tracked {
  size: number;
  mtimeMs: number;
  stableSince: number;
  timer?: NodeJS.Timeout;
}

export class DropFolderWatcher {
  private watcher?: FSWatcher;
  private rescanTimer?: NodeJS.Timeout;
  private readonly tracked = new Map<string, Tracked>();
  private readonly inFlight = new Set<string>();
  private closed = false;

  constructor(private readonly options: DropFolderWatcherOptions) {}

  async start(): Promise<void> {
    await fs.mkdir(this.options.dir, { recursive: true });
    this.watcher = chokidar.watch(this.options.dir, {
      depth: 0,
      ignoreInitial: false,
      usePolling: this.options.polling,
      interval: 500,
      ignored: (file: string) => file !== this.options.dir && isIgnoredName(path.basename(file)),
    });
    this.watcher.on('add', (file) => this.track(file));
    this.watcher.on('change', (file) => this.track(file));
    this.watcher.on('error', (error) => log.error('watcher error', { dir: this.options.dir, error }));
    await new Promise<void>((resolve) => this.watcher?.once('ready', () => resolve()));
    this.rescanTimer = setInterval(() => void this.rescan(), this.options.rescanMs);
    this.rescanTimer.unref();
    log.info('watching drop folder', { dir: this.options.dir, polling: this.options.polling });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.rescanTimer) clearInterval(this.rescanTimer);
    for (const t of this.tracked.values()) clearTimeout(t.timer);
    this.tracked.clear();
    await this.watcher?.close();
  }

  /** Lists the folder and tracks what the watcher may have missed. */
  async rescan(): Promise<void> {
    if (this.closed) return;
    try {
      for (const entry of await fs.readdir(this.options.dir, { withFileTypes: true })) {
        if (entry.isFile() && !isIgnoredName(entry.name)) this.track(path.join(this.options.dir, entry.name));
      }
    } catch (error) {
      log.error('rescan failed', { dir: this.options.dir, error });
    }
  }

  private track(file: string): void {
    if (this.closed || this.inFlight.has(file) || path.dirname(file) !== this.options.dir) return;
    if (isIgnoredName(path.basename(file))) return;
    const known = this.tracked.get(file);
    if (known) return; // its timer is already checking it
    this.tracked.set(file, { size: -1, mtimeMs: -1, stableSince: Date.now() });
    void this.check(file);
  }

  private async check(file: string): Promise<void> {
    const tracked = this.tracked.get(file);
    if (!tracked || this.closed) return;
    let stat;
    try {
      stat = await fs.stat(file);
    } catch {
      this.tracked.delete(file); // gone (renamed or removed by its writer)
      return;
    }
    if (!stat.isFile()) {
      this.tracked.delete(file);
      return;
    }
    const now = Date.now();
    if (stat.size !== tracked.size || stat.mtimeMs !== tracked.mtimeMs) {
      Object.assign(tracked, { size: stat.size, mtimeMs: stat.mtimeMs, stableSince: now });
    } else if (now - tracked.stableSince >= this.options.stabilityMs) {
      this.tracked.delete(file);
      this.handOver(file);
      return;
    }
    const wait = Math.max(50, Math.min(500, Math.ceil(this.options.stabilityMs / 4)));
    tracked.timer = setTimeout(() => void this.check(file), wait);
  }

  private handOver(file: string): void {
    this.inFlight.add(file);
    this.options
      .onFile(file)
      .catch((error: unknown) => log.error('drop-folder file failed', { file, error }))
      .finally(() => this.inFlight.delete(file));
  }
}
