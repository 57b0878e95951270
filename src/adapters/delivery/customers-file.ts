// The customers file of a run (formats.md "Customers files"), streamed like the entries
// file: one record per customer account, the first time the account appears in the run.
import type { CustomerRecord } from '../../domain/entry.js';
import type { FormatDefinition } from '../../domain/format/definition.js';
import { createCustomerRenderer } from '../../domain/format/render.js';
import { openRecordFile } from './record-file.js';

export interface CustomersFile {
  readonly tmpPath: string;
  readonly lineCount: number;
  /** Writes the customer unless its account is already in the file; rendering errors throw before any byte. */
  writeCustomer(customer: CustomerRecord): Promise<void>;
  close(): Promise<{ tmpPath: string; lines: number; bytes: number }>;
  abort(): Promise<void>;
}

export async function openCustomersFile(dir: string, format: FormatDefinition): Promise<CustomersFile> {
  const renderer = createCustomerRenderer(format);
  const file = await openRecordFile(dir, format, renderer.header());
  // Accounts already written: as many as the run's customers, never its lines.
  const written = new Set<string>();
  return {
    tmpPath: file.tmpPath,
    get lineCount() {
      return file.lineCount;
    },
    async writeCustomer(customer) {
      if (written.has(customer.customerAccount)) return;
      await file.writeRecords([renderer.customerRecord(customer)], 1);
      written.add(customer.customerAccount);
    },
    close: () => file.close(),
    abort: () => file.abort(),
  };
}
