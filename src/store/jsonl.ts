// Append-only JSON-lines files: the write cost of one record stays constant however
// long the history grows (run history, transfer ledger).
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import readline from 'node:readline';
import { syncFolder } from './durable-file.js';

/**
 * Appends records as lines and fsyncs, so an acknowledged record survives a crash. A new
 * file's folder is fsynced too (its name is part of the folder). After a crash in the
 * middle of an append the file may end with a torn line: the records are then written
 * after a line break, so that the torn fragment stays a line of its own (skipped by
 * readLines) instead of swallowing the first new record.
 */
export async function appendLines(file: string, records: unknown[]): Promise<void> {
  if (records.length === 0) return;
  await fs.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.open(file, 'a+');
  let created = false;
  try {
    const { size } = await handle.stat();
    created = size === 0;
    let text = records.map((r) => `${JSON.stringify(r)}\n`).join('');
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) text = `\n${text}`;
    }
    await handle.appendFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (created) await syncFolder(path.dirname(file));
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
