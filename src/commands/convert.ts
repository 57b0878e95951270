// `comptoir convert <file.xml|-> [--profile f] [--format id] [--out dir] [--json]`
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
import type { RunCounts } from '../domain/run.js';
import { convertOrderStream, type ConvertEvent } from '../pipeline/convert.js';
import { createDeliverer } from '../adapters/delivery/destination.js';
import { publishFile } from '../adapters/delivery/publish.js';
import { describeDestination, type Destination } from '../domain/delivery-destination.js';
import { parseDeliverUrl } from '../domain/delivery-url.js';
import { loadProfileFile, presetProfile } from './profile-file.js';

export interface CommandIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
}

function describeError(event: ConvertEvent): string | undefined {
  if (event.type !== 'error') return undefined;
  const { document, field, message, fix } = event.line;
  return `${document ?? 'file'}${field ? ` [${field}]` : ''}: ${message} — ${fix}`;
}

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
  let destinations: Destination[];
  try {
    destinations = (parsed.values.deliver ?? []).map(parseDeliverUrl);
  } catch (error) {
    io.stderr.write(`comptoir convert: --deliver: ${(error as Error).message}\n`);
    return 2;
  }
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
        const line = describeError(event);
        if (line) io.stderr.write(`${line}\n`);
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
    const summary: ConvertSummary = {
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
    if (parsed.values.json) io.stdout.write(`${JSON.stringify(summary)}\n`);
    else io.stdout.write(formatSummary(summary));
    return summary.failed > 0 || deliveries.some((d) => d.error) ? 1 : 0;
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

/** The run summary of cli.md: the counts, the totals as decimal strings, the files written. */
type ConvertSummary = RunCounts & {
  debit: string;
  credit: string;
  files: string[];
  deliveries?: DeliveryOutcome[];
};

interface DeliveryOutcome {
  destination: string;
  file: string;
  error?: string;
}

/** Sends every file to every destination; a failure is reported and the file stays in --out. */
async function deliverAll(
  files: string[],
  destinations: Destination[],
  io: CommandIO,
): Promise<DeliveryOutcome[]> {
  const outcomes: DeliveryOutcome[] = [];
  for (const destination of destinations) {
    const deliverer = createDeliverer(destination);
    const label = describeDestination(destination);
    for (const file of files) {
      const name = path.basename(file);
      try {
        await deliverer.deliver({ path: file, name });
        outcomes.push({ destination: label, file: name });
      } catch (error) {
        const message = (error as Error).message;
        io.stderr.write(
          `delivery of ${name} to ${label} failed: ${message} — the file stays in the output folder\n`,
        );
        outcomes.push({ destination: label, file: name, error: message });
      }
    }
  }
  return outcomes;
}

function formatSummary(s: ConvertSummary): string {
  return [
    `Documents read: ${s.read}, booked: ${s.booked}, failed: ${s.failed}, ignored: ${s.ignored}`,
    `Entries: ${s.entries}, lines: ${s.lines}, total debit: ${s.debit}, total credit: ${s.credit}`,
    ...s.files.map((f) => `Written: ${f}`),
    ...(s.deliveries ?? []).map(
      (d) => `${d.error ? 'Not delivered' : 'Delivered'}: ${d.file} → ${d.destination}`,
    ),
    '',
  ].join('\n');
}
