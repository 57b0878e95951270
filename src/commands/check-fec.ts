// `comptoir check-fec <file>`: every problem with its line number, then exit 0 (valid) or
// 1 (problems); 2 when the file cannot be read. The file is streamed line by line (a FEC
// has millions of lines); UTF-8 unless it is not valid UTF-8, then ISO 8859-15, the two
// encodings the law admits.
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import iconv from 'iconv-lite';
import { createFecChecker } from '../domain/format/fec-check.js';
import type { CommandIO } from './convert.js';

/** Reads the file once with a fatal UTF-8 decoder: any invalid sequence means ISO 8859-15. */
async function detectEncoding(file: string): Promise<'utf-8' | 'iso-8859-15'> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  try {
    for await (const chunk of createReadStream(file)) decoder.decode(chunk as Buffer, { stream: true });
    decoder.decode();
    return 'utf-8';
  } catch (error) {
    if (error instanceof TypeError) return 'iso-8859-15';
    throw error;
  }
}

export async function checkFecCommand(
  args: string[],
  io: Pick<CommandIO, 'stdout' | 'stderr'>,
): Promise<number> {
  let positionals: string[];
  try {
    positionals = parseArgs({ args, allowPositionals: true, options: {} }).positionals;
  } catch (error) {
    io.stderr.write(`comptoir check-fec: ${(error as Error).message}\n`);
    return 2;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    io.stderr.write('usage: comptoir check-fec <file>\n');
    return 2;
  }
  const checker = createFecChecker(path.basename(file));
  let encoding: string;
  try {
    encoding = await detectEncoding(path.resolve(file));
    const input = createReadStream(path.resolve(file)).pipe(iconv.decodeStream(encoding));
    const lines = createInterface({ input, crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) checker.line(n === 0 ? line.replace(/^\ufeff/, '') : line, ++n);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      io.stderr.write(`comptoir check-fec: cannot read ${file}: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
  const problems = checker.finish();
  for (const p of problems) io.stdout.write(`${file}:${p.line}: [${p.reason}] ${p.message}\n`);
  io.stdout.write(
    problems.length === 0
      ? `${file}: valid FEC (${encoding})\n`
      : `${file}: ${problems.length} problem${problems.length > 1 ? 's' : ''}\n`,
  );
  return problems.length === 0 ? 0 : 1;
}
