// Lettering codes already used, per profile (issue 10): a code is unique per customer
// account across runs and restarts, so each run's worker starts from the last code of each
// account and the main thread records the codes the run gave. Append-only and fsynced like
// the ledger, one file per profile (lettering/<profile>.jsonl); only the main thread writes.
//
// The codes of a run are recorded before its ledger intent (pipeline.ts), so whatever a
// crash interrupts, files that may be published never carry codes the store does not hold:
// a crash before the intent leaves codes unused (a gap, harmless), never reused. A reset of
// transferred documents does not touch this file: re-booked documents get new codes.
import path from 'node:path';
import { laterLetteringCode } from '../domain/accounting/lettering.js';
import { appendLines, readLines } from './jsonl.js';

/** Last code per lettering account (accounting/lettering.ts `letteringAccount`). */
export type LetteringCodes = Record<string, string>;

interface LetteringRecord {
  run: number;
  at: string;
  codes: LetteringCodes;
}

export function letteringFile(letteringDir: string, profileId: string): string {
  return path.join(letteringDir, `${profileId}.jsonl`);
}

/** The main thread's handle on one profile's lettering codes; it is the only writer. */
export class LetteringStore {
  private constructor(
    readonly file: string,
    private readonly codes: Map<string, string>,
  ) {}

  static async open(file: string): Promise<LetteringStore> {
    const codes = new Map<string, string>();
    for await (const record of readLines<LetteringRecord>(file)) {
      for (const [account, code] of Object.entries(record.codes ?? {})) {
        // The later code wins, not the later record: order never matters when folding.
        const later = laterLetteringCode(codes.get(account), code);
        if (later !== undefined) codes.set(account, later);
      }
    }
    return new LetteringStore(file, codes);
  }

  /** What a run's worker starts from. */
  last(): LetteringCodes {
    return Object.fromEntries(this.codes);
  }

  /** Keeps the codes a run gave (before its files may be published); only those that move an account on are written. */
  async record(run: number, given: LetteringCodes | undefined): Promise<void> {
    const moved: LetteringCodes = {};
    for (const [account, code] of Object.entries(given ?? {})) {
      if (laterLetteringCode(this.codes.get(account), code) !== this.codes.get(account))
        moved[account] = code;
    }
    if (Object.keys(moved).length === 0) return;
    await appendLines(this.file, [
      { run, at: new Date().toISOString(), codes: moved } satisfies LetteringRecord,
    ]);
    for (const [account, code] of Object.entries(moved)) this.codes.set(account, code);
  }
}
