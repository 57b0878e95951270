// `comptoir convert <file.xml|-> [--profile f] [--format id] [--out dir] [--deliver url] [--json]`
// One file through the pipeline, no server; the appliance's ledger is not touched.
// Exit status: 0 all booked, 1 some documents failed, 2 unusable input (cli.md).
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { localDate, localTime } from '../clock.js';
import { ConfigError, ParseError } from '../domain/errors.js';
import { expandFileName } from '../domain/format/file-name.js';
import { getFormat, listFormats } from '../domain/format/predefined/index.js';
import { convertOrderStream } from '../pipeline/convert.js';
import { publishFile } from '../adapters/delivery/publish.js';
import { loadProfileFile, presetProfile } from './profile-file.js';
import {
  deliverAll,
  describeProblem,
  exitStatus,
  parseDestinations,
  printSummary,
  type CommandIO,
  type RunSummary,
} from './summary.js';

export type { CommandIO };

export async function convertCommand(args: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        profile: { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string', default: './out' },
        json: { type: 'boolean', default: false },
        deliver: { type: 'string', multiple: true, default: [] },
      },
    });
  } catch (error) {
    io.stderr.write(`comptoir convert: ${(error as Error).message}\n`);
    return 2;
  }
  const [input, ...extra] = parsed.positionals;
  if (!input || extra.length > 0) {
    io.stderr.write(
      'usage: comptoir convert <file.xml|-> [--profile f.json] [--format id] [--out dir] [--json]\n',
    );
    return 2;
  }
  const outDir = path.resolve(parsed.values.out ?? './out');
  const destinations = parseDestinations(parsed.values.deliver ?? [], 'convert', io);
  if (!destinations) return 2;
  const timeZone = io.env.COMPTOIR_TZ || 'Europe/Paris';
  try {
    const profile = parsed.values.profile
      ? await loadProfileFile(parsed.values.profile, outDir)
      : presetProfile(outDir);
    const formatId = parsed.values.format ?? profile.target.entriesFormat;
    const format = getFormat(formatId);
    if (!format) {
      const known = listFormats()
        .map((f) => f.id)
        .join(', ');
      throw new ConfigError([`--format ${formatId}: unknown format (known: ${known})`]);
    }
    if (input !== '-') await fs.access(path.resolve(input));
    const source = input === '-' ? io.stdin : createReadStream(path.resolve(input));
    await fs.mkdir(outDir, { recursive: true });
    const now = new Date();
    const result = await convertOrderStream(source, {
      profile,
      format,
      outDir,
      today: localDate(now, timeZone),
      fileName: input === '-' ? 'stdin' : path.basename(input),
      onEvent: (event) => {
        if (event.type === 'error') io.stderr.write(`${describeProblem(event.line)}\n`);
      },
    });
    const files: string[] = [];
    const vars = { now: localTime(now, timeZone), profile: profile.name, run: 1 };
    for (const output of result.outputs) {
      const template =
        output.kind === 'entries' ? profile.target.entriesFileName : profile.target.customersFileName;
      files.push(await publishFile(output.tmpPath, outDir, expandFileName(template, vars), format.extension));
    }
    const deliveries = await deliverAll(files, destinations, io);
    const summary: RunSummary = {
      read: result.counts.read,
      booked: result.counts.booked,
      failed: result.counts.failed,
      ignored: result.counts.ignored,
      entries: result.counts.entries,
      lines: result.counts.lines,
      debit: result.debit,
      credit: result.credit,
      files,
      ...(destinations.length > 0 ? { deliveries } : {}),
    };
    printSummary(summary, parsed.values.json ?? false, io);
    return exitStatus(summary);
  } catch (error) {
    if (error instanceof ParseError || error instanceof ConfigError) {
      io.stderr.write(`comptoir convert: ${error.message}\n`);
      return 2;
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') {
      io.stderr.write(`comptoir convert: cannot read ${input}: ${(error as Error).message}\n`);
      return 2;
    }
    throw error;
  }
}
