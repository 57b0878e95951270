// Append-only JSON-lines files: the write cost of one record stays constant however
// long the history grows (run history, transfer ledger).
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';

/** Appends records as lines and fsyncs, so an acknowledged record survives a crash. */
export async function appendLines(file: string, records: unknown[]): Promise<void> {
  if (records.length === 0) return;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.open(file, 'a');
  try {
    await handle.appendFile(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Reads every record. A torn last line (a crash in the middle of an append) is skipped:
 * its record was never acknowledged.
 */
export async function* readLines<T>(file: string): AsyncGenerator<T> {
  let stream;
  try {
    await fs.access(file);
    stream = createReadStream(file, { encoding: 'utf8' });
  } catch {
    return;
  }
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    try {
      yield JSON.parse(line) as T;
    } catch {
      continue;
    }
  }
}

export async function readAll<T>(file: string): Promise<T[]> {
  const out: T[] = [];
  for await (const record of readLines<T>(file)) out.push(record);
  return out;
}
