import Big from 'big.js';
import { createReadStream, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getFormat } from '../domain/format/predefined/index.js';
import { defaultDropFolderProfile } from '../domain/presets/format-france.js';
import { convertOrderStream } from './convert.js';
import { buildVatReport } from './vat-report.js';

const ORDERS = path.resolve(import.meta.dirname, '../../test/fixtures/orders');
const BAD = path.resolve(import.meta.dirname, '../../test/fixtures/orders-bad');
const files = readdirSync(ORDERS)
  .filter((name) => name.endsWith('.xml'))
  .map((name) => path.join(ORDERS, name));

let work: string;
beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-vat-report-'));
});
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

const profile = () => defaultDropFolderProfile('p', work, work);
const options = { profile: profile(), today: '2024-12-31' };

/** Net VAT (credit − debit) of the FEC's VAT lines (accounts 4457…) per account, from the files a run writes. */
async function vatOfWrittenFec(): Promise<Big> {
  let total = Big(0);
  for (const file of files) {
    const result = await convertOrderStream(createReadStream(file), {
      profile: profile(),
      format: getFormat('fec')!,
      outDir: work,
      today: '2024-12-31',
    });
    const text = await fs.readFile(result.outputs[0]!.tmpPath, 'utf8');
    for (const record of text.split('\r\n').slice(1)) {
      const cells = record.split('\t');
      if (!cells[4]?.startsWith('4457')) continue;
      total = total.plus(Big(cells[12]!.replace(',', '.'))).minus(Big(cells[11]!.replace(',', '.')));
    }
  }
  return total;
}

describe('VAT report from order files', () => {
  it('agrees to the cent with the VAT lines of the FEC files written from the same files', async () => {
    const report = await buildVatReport(files, options);
    expect(report.problems).toEqual([]);
    expect(report.summary.documents).toBe(27);
    expect(report.summary.total.net.vat.toFixed(2)).toBe((await vatOfWrittenFec()).toFixed(2));
    expect(report.summary.rows.map((r) => `${r.country} ${r.rate.toString()}`)).toContain('FR 20');
  });

  it('counts a document once when several kept files hold it', async () => {
    const once = await buildVatReport(files, options);
    const twice = await buildVatReport([...files, ...files], options);
    expect(twice.summary).toEqual(once.summary);
  });

  it('keeps to the period', async () => {
    const april = await buildVatReport(files, { ...options, from: '2024-04-01', to: '2024-04-30' });
    const all = await buildVatReport(files, options);
    expect(april.summary.documents).toBe(6);
    expect(april.summary.total.net.vat.lt(all.summary.total.net.vat)).toBe(true);
  });

  it('names the documents and files it could not read, and goes on with the others', async () => {
    const report = await buildVatReport(
      [path.join(BAD, 'malformed-unclosed-tag.xml'), path.join(BAD, 'mixed-good-and-bad.xml'), files[0]!],
      options,
    );
    expect(
      report.problems.some((p) => p.file === 'malformed-unclosed-tag.xml' && p.document === undefined),
    ).toBe(true);
    expect(report.problems.some((p) => p.file === 'mixed-good-and-bad.xml' && p.document !== undefined)).toBe(
      true,
    );
    expect(report.summary.documents).toBeGreaterThan(0);
  });
});
