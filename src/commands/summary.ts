// What `convert` and `run` print (cli.md): the counts, the totals as decimal strings, the
// files written and where they were delivered; and the delivery of those files.
import path from 'node:path';
import { createDeliverer } from '../adapters/delivery/destination.js';
import { describeDestination, type Destination } from '../domain/delivery-destination.js';
import { parseDeliverUrl } from '../domain/delivery-url.js';
import type { ErrorLine, RunCounts } from '../domain/run.js';

export interface CommandIO {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  env: Record<string, string | undefined>;
}

export interface DeliveryOutcome {
  destination: string;
  file: string;
  error?: string;
}

export type RunSummary = RunCounts & {
  debit: string;
  credit: string;
  files: string[];
  deliveries?: DeliveryOutcome[];
};

/** One stderr line per problem: which document, which field, what is wrong, what to do. */
export function describeProblem(line: Pick<ErrorLine, 'document' | 'field' | 'message' | 'fix'>): string {
  return `${line.document ?? 'file'}${line.field ? ` [${line.field}]` : ''}: ${line.message} — ${line.fix}`;
}

/** Parses every --deliver URL up front, so a typo stops the command before anything is written. */
export function parseDestinations(urls: string[], command: string, io: CommandIO): Destination[] | undefined {
  try {
    return urls.map(parseDeliverUrl);
  } catch (error) {
    io.stderr.write(`comptoir ${command}: --deliver: ${(error as Error).message}\n`);
    return undefined;
  }
}

/** Sends every file to every destination; a failure is reported and the file stays where it was written. */
export async function deliverAll(
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

export function printSummary(summary: RunSummary, json: boolean, io: CommandIO): void {
  if (json) {
    io.stdout.write(`${JSON.stringify(summary)}\n`);
    return;
  }
  const s = summary;
  const lines = [
    `Documents read: ${s.read}, booked: ${s.booked}, failed: ${s.failed}, ignored: ${s.ignored}`,
    `Entries: ${s.entries}, lines: ${s.lines}, total debit: ${s.debit}, total credit: ${s.credit}`,
    ...s.files.map((f) => `Written: ${f}`),
    ...(s.deliveries ?? []).map(
      (d) => `${d.error ? 'Not delivered' : 'Delivered'}: ${d.file} → ${d.destination}`,
    ),
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
}

/** 0 all booked and delivered; 1 some documents or deliveries failed (cli.md). */
export function exitStatus(summary: RunSummary): number {
  return summary.failed > 0 || (summary.deliveries ?? []).some((d) => d.error) ? 1 : 0;
}
