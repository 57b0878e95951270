// What happens to a dropped file after its run: archived when it was read, moved aside
// to failed/ with a reason when it was not — never deleted. The run keeps a copy of it.
import fs from 'node:fs/promises';
import path from 'node:path';
import { chooseFreeName, keepCopy } from '../adapters/delivery/publish.js';
import type { RunFile } from '../domain/run.js';

function splitName(fileName: string): { base: string; ext: string } {
  const ext = path.extname(fileName);
  return { base: path.basename(fileName, ext), ext: ext.slice(1) };
}

/** Moves a file into `dir` under a free name (never over another file); returns its new path. */
export async function moveInto(file: string, dir: string): Promise<string> {
  await fs.mkdir(dir, { recursive: true });
  const { base, ext } = splitName(path.basename(file));
  const target = await chooseFreeName(dir, base, ext);
  await fs.rename(file, target);
  return target;
}

/** Moves the file (to archive/YYYY-MM/ or failed/) and keeps a copy in the run's folder. */
export async function moveAndKeep(
  file: string,
  dir: string,
  runDir: string,
): Promise<{ moved: string; runFile: RunFile }> {
  const moved = await moveInto(file, dir);
  const kept = path.join(runDir, 'source', path.basename(moved));
  await keepCopy(moved, kept);
  return { moved, runFile: { kind: 'source', name: path.basename(moved), path: kept } };
}

/** The reason file written beside a file moved to failed/. */
export async function writeReason(movedFile: string, lines: string[]): Promise<void> {
  await fs.writeFile(`${movedFile}.error.txt`, `${lines.join('\n')}\n`, 'utf8');
}
