// A dropped file imported twice: the same bytes again under another name (a shop's export
// sent twice, a copy left behind by a sync tool), or a file whose documents were all booked
// already. Either way it is set aside in failed/ with the reason, and nothing is booked.
//
// The content check uses the SHA-256 the ledger keeps in each run's intent (store/ledger.ts):
// a file counts as imported when its run commits, so a crash between the two never marks a
// file as seen while its documents are not booked (the file stays in the inbox and is read
// again), nor the reverse (recovery rolls the intent forward, and the file, still in the
// inbox, is then recognised and set aside). Runs of a profile never overlap (pipeline.ts),
// so the second of two identical files dropped together is checked after the first commits.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { RunCounts } from '../domain/run.js';
import type { Ledger } from '../store/ledger.js';

/** The journal message of a document skipped because the ledger holds it (pipeline/convert.ts). */
export const ALREADY_TRANSFERRED = 'already transferred for this profile; ignored';

export const DUPLICATE_FIX =
  'Nothing to do if the file was sent twice by mistake. To book its documents again, reset them ' +
  '(transferred documents) and drop the file again';

/** Thrown before a conversion: the file's content was imported by an earlier run. */
export class DuplicateFileError extends Error {
  constructor(
    /** The earlier file of the same content, and the run that imported it. */
    readonly earlier: { name: string; run: number },
  ) {
    super(`same content as ${earlier.name} imported in run ${earlier.run}`);
  }
}

export async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Throws DuplicateFileError when a committed run already imported this content. */
export function checkNotImported(ledger: Ledger, sha256: string): void {
  const earlier = ledger.importedSource(sha256);
  if (earlier) {
    throw new DuplicateFileError({ name: earlier.name, run: earlier.run });
  }
}

/**
 * A dropped file read whole but set aside in failed/: why, what to do, and the first line
 * of its .error.txt; `code` and `params` let the pages say why in their language.
 */
export interface SetAside {
  message: string;
  fix: string;
  heading: string;
  code: string;
  params: Record<string, string>;
}

/**
 * Whether a file read whole is set aside rather than archived: nothing of it was booked,
 * and either every document was already transferred (a duplicate), or at least one
 * failed (each failure is in the run's error log). Undefined: an ordinary run, archived.
 */
export function setAsideReason(
  counts: RunCounts,
  alreadyTransferred: number,
  name: string,
): SetAside | undefined {
  if (counts.read === 0 || counts.booked > 0) return undefined;
  if (counts.failed > 0) {
    const documents =
      counts.read === 1 ? 'its only document' : `${counts.failed} of its ${counts.read} documents`;
    return {
      message: `nothing was booked: ${documents} could not be booked (see the run's error log for which field)`,
      fix: 'Correct the documents listed in the error log and drop the file again into the inbox',
      heading: `Comptoir could not book any document of ${name}.`,
      code: 'file.nothingBooked',
      params: { failed: String(counts.failed), read: String(counts.read) },
    };
  }
  if (alreadyTransferred !== counts.read) return undefined;
  const documents = counts.read === 1 ? 'its only document was' : `all its ${counts.read} documents were`;
  return {
    message: `${documents} already transferred for this profile by earlier runs`,
    fix: DUPLICATE_FIX,
    heading: `Comptoir did not import ${name}: it was imported before.`,
    code: 'file.allTransferred',
    params: { read: String(counts.read) },
  };
}

/** The identical-content case, caught before reading. */
export function duplicateAside(error: DuplicateFileError, name: string): SetAside {
  return {
    message: error.message,
    fix: DUPLICATE_FIX,
    heading: `Comptoir did not import ${name}: it was imported before.`,
    code: 'file.duplicate',
    params: { name: error.earlier.name, run: String(error.earlier.run) },
  };
}
