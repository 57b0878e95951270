// Start-up recovery, before any new run: what a crash interrupted is finished or undone
// so that nothing is lost and nothing is booked twice.
// - An intent without its commit had its temporary files written and fsynced: publish
//   them (roll forward), queue their deliveries if the crash came before, and commit.
// - A temporary file that no intent names belongs to a run that never recorded its
//   transfers: remove it; its source file is still in the inbox and will be read again.
import fs from 'node:fs/promises';
import { listTemporaries } from '../adapters/delivery/outbox.js';
import type { Profile } from '../domain/profile.js';
import { logger } from '../log.js';
import type { Ledger, PendingIntent } from '../store/ledger.js';
import { rollForward } from '../adapters/delivery/publish.js';

const log = logger('pipeline');

/**
 * `published`: what a publish does once its files are in the outbox (the deliveries are
 * queued), done again before the commit; it must be idempotent, as the crash may have come
 * after it.
 */
export async function recoverProfile(
  profile: Profile,
  ledger: Ledger,
  published?: (intent: PendingIntent) => Promise<void>,
): Promise<void> {
  const named = new Set<string>();
  for (const intent of ledger.pending()) {
    for (const step of intent.files) {
      const result = await rollForward(step);
      named.add(step.tmpPath);
      log.warn('finished an interrupted publish', { run: intent.run, file: step.finalPath, result });
    }
    await published?.(intent);
    await ledger.commit(intent.run);
  }
  for (const tmp of await listTemporaries(profile.target.outbox)) {
    if (named.has(tmp.path)) continue;
    await fs.unlink(tmp.path);
    log.warn('removed an unrecorded temporary file', { file: tmp.path });
  }
}
