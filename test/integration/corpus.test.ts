// Every document of the order corpus converts with the preset Format France, and the
// FEC written holds the accounting invariants (accounting.md) to the cent.
import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Big from 'big.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOrderXml } from '../../src/adapters/drop-folder/order-xml.js';
import { getFormat } from '../../src/domain/format/predefined/index.js';
import { defaultDropFolderProfile } from '../../src/domain/presets/format-france.js';
import { convertOrderStream } from '../../src/pipeline/convert.js';
import { publishTo } from '../../src/adapters/delivery/publish.js';

const corpus = path.resolve('test/fixtures/orders');
let out: string;

/** FEC amounts use a comma: parse them exactly. */
const fecAmount = (text: string | undefined): Big => new Big((text ?? '').replace(',', '.'));

beforeAll(async () => {
  out = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-corpus-'));
});
afterAll(async () => {
  await fs.rm(out, { recursive: true, force: true });
});

async function convert(file: string): Promise<{ lines: string[][]; read: number; failed: number }> {
  const format = getFormat('fec');
  if (!format) throw new Error('fec format missing');
  const profile = defaultDropFolderProfile('corpus', corpus, out);
  const result = await convertOrderStream(createReadStream(file), {
    profile,
    format,
    outDir: out,
    today: '2026-11-25',
    fileName: path.basename(file),
  });
  const [output] = result.outputs;
  if (!output) return { lines: [], read: result.counts.read, failed: result.counts.failed };
  const finalPath = path.join(out, `${path.basename(file)}.txt`);
  await publishTo({ tmpPath: output.tmpPath, finalPath });
  const text = await fs.readFile(finalPath, 'utf8');
  expect(text.endsWith('\r\n')).toBe(false);
  const lines = text.split('\r\n').map((l) => l.split('\t'));
  expect(lines[0]?.[0]).toBe('JournalCode');
  return { lines: lines.slice(1), read: result.counts.read, failed: result.counts.failed };
}

describe('the order corpus with the preset Format France', async () => {
  const files = (await fs.readdir(corpus)).filter((n) => n.endsWith('.xml')).sort();

  it('holds at least 20 documents', async () => {
    let count = 0;
    for (const name of files) {
      for await (const item of readOrderXml(createReadStream(path.join(corpus, name)))) {
        expect(item.ok).toBe(true);
        count++;
      }
    }
    expect(count).toBeGreaterThanOrEqual(20);
  });

  it.each(files)('%s converts, every entry balanced to the cent', async (name) => {
    const file = path.join(corpus, name);
    const { lines, read, failed } = await convert(file);
    expect(failed).toBe(0);
    expect(read).toBeGreaterThan(0);
    expect(lines.every((l) => l.length === 18)).toBe(true);

    const byEntry = new Map<string, { debit: Big; credit: Big }>();
    for (const l of lines) {
      const debit = fecAmount(l[11]);
      const credit = fecAmount(l[12]);
      expect(debit.gte(0) && credit.gte(0)).toBe(true);
      expect(l[11]).toMatch(/^\d+,\d{2}$/);
      expect(l[12]).toMatch(/^\d+,\d{2}$/);
      const sums = byEntry.get(l[2] ?? '') ?? { debit: new Big(0), credit: new Big(0) };
      byEntry.set(l[2] ?? '', { debit: sums.debit.plus(debit), credit: sums.credit.plus(credit) });
    }
    for (const [number, sums] of byEntry) {
      expect(sums.debit.eq(sums.credit), `entry ${number}: ${sums.debit} ≠ ${sums.credit}`).toBe(true);
    }

    // Customer debits of sales = Σ total_paid_tax_incl of the orders booked (book currency only).
    let paid = new Big(0);
    let foreign = false;
    for await (const item of readOrderXml(createReadStream(file))) {
      if (!item.ok) continue;
      if (!item.document.currencyRate.eq(1)) foreign = true;
      if (item.document.type === 'ORDER') paid = paid.plus(item.document.totals.paidTaxIncl);
    }
    const customerDebits = lines
      .filter((l) => l[0] === 'VTE' && l[6] !== '')
      .reduce((sum, l) => sum.plus(fecAmount(l[11])), new Big(0));
    if (!foreign) expect(customerDebits.toFixed(2)).toBe(paid.toFixed(2));
  });
});
