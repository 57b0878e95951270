import Big from 'big.js';
import { link, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Entry } from '../../domain/entry.js';
import type { FormatDefinition } from '../../domain/format/definition.js';
import { getFormat } from '../../domain/format/predefined/index.js';
import { listTemporaries, openOutboxFile } from './outbox.js';
import { publishFile } from './publish.js';

const csv: FormatDefinition = {
  ...getFormat('fec')!,
  id: 'csv-test',
  encoding: 'utf-16le',
  fieldSeparator: ';',
  finalRecordSeparator: true,
  fields: [
    { field: 'account', header: 'Compte' },
    { field: 'label', header: 'Libellé' },
  ],
};

function entry(accounts: string[], label = 'Vente'): Entry {
  return {
    kind: 'sale',
    documentKey: 'order:1',
    journal: 'VTE',
    journalLabel: 'Ventes',
    date: '2025-01-15',
    pieceNumber: 'F1',
    pieceDate: '2025-01-15',
    reference: '',
    label,
    currencyCode: 'EUR',
    currencyRate: Big(1),
    lines: accounts.map((account, i) => ({
      role: 'product',
      account,
      accountLabel: 'Compte',
      label: '',
      debit: Big(i === 0 ? '1' : '0'),
      credit: Big(i === 0 ? '0' : '1'),
    })),
  };
}

describe('outbox', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'comptoir-outbox-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes BOM, header, records and the final separator when the format asks', async () => {
    const file = await openOutboxFile(path.join(dir, 'new', 'sub'), csv);
    await file.writeEntry(entry(['411000', '707000'], 'Vente é'), 1);
    const closed = await file.close();
    const bytes = await readFile(closed.tmpPath);
    expect(bytes.subarray(0, 2).toString('hex')).toBe('fffe');
    expect(bytes.subarray(2).toString('utf16le')).toBe(
      'Compte;Libellé\r\n411000;Vente é\r\n707000;Vente é\r\n',
    );
    expect(closed).toMatchObject({ lines: 2, bytes: bytes.length });
  });

  it('keeps the temporary file hidden until it is published', async () => {
    const file = await openOutboxFile(dir, getFormat('fec')!);
    await file.writeEntry(entry(['411000', '707000']), 1);
    expect(path.dirname(file.tmpPath)).toBe(path.resolve(dir));
    expect(path.basename(file.tmpPath)).toMatch(/^\.comptoir-[0-9a-f]+\.tmp$/);
    expect((await readdir(dir)).filter((name) => !name.startsWith('.'))).toEqual([]);
    expect(await listTemporaries(dir)).toMatchObject([{ path: file.tmpPath }]);

    const { tmpPath } = await file.close();
    expect((await readdir(dir)).filter((name) => !name.startsWith('.'))).toEqual([]);
    const published = await publishFile(tmpPath, dir, 'ecritures', 'txt');
    expect(await readdir(dir)).toEqual(['ecritures.txt']);
    expect(published).toBe(path.join(path.resolve(dir), 'ecritures.txt'));
    expect(await listTemporaries(dir)).toEqual([]);
  });

  it('never overwrites a published file', async () => {
    const first = await openOutboxFile(dir, getFormat('fec')!);
    await first.writeEntry(entry(['411000', '707000']), 1);
    const one = await publishFile((await first.close()).tmpPath, dir, 'FEC', 'txt');
    const content = await readFile(one);

    const second = await openOutboxFile(dir, getFormat('fec')!);
    await second.writeEntry(entry(['512000', '411000']), 1);
    const two = await publishFile((await second.close()).tmpPath, dir, 'FEC', 'txt');

    await writeFile(path.join(dir, 'FEC-3.txt'), 'someone else');
    const third = await openOutboxFile(dir, getFormat('fec')!);
    const four = await publishFile((await third.close()).tmpPath, dir, 'FEC', 'txt');

    expect([one, two, four].map((p) => path.basename(p))).toEqual(['FEC.txt', 'FEC-2.txt', 'FEC-4.txt']);
    expect((await readFile(one)).equals(content)).toBe(true);
    expect(await readFile(path.join(dir, 'FEC-3.txt'), 'utf8')).toBe('someone else');
    expect((await readFile(two, 'utf8')).split('\r\n')[1]).toMatch(/^VTE\tVentes\t1\t20250115\t512000/);
  });

  it('abort removes the temporary file', async () => {
    const file = await openOutboxFile(dir, getFormat('fec')!);
    await file.writeEntry(entry(['411000', '707000']), 1);
    await file.abort();
    await file.abort();
    expect(await readdir(dir)).toEqual([]);
  });

  it('leaves the file as it was when an entry cannot be rendered', async () => {
    const file = await openOutboxFile(dir, { ...getFormat('fec')!, encoding: 'ascii', transliterate: false });
    await file.writeEntry(entry(['411000', '707000']), 1);
    await expect(file.writeEntry(entry(['411000', '707000'], 'Vente 5 €'), 2)).rejects.toThrow(/EcritureLib/);
    const { tmpPath, lines } = await file.close();
    expect(lines).toBe(2);
    expect((await readFile(tmpPath, 'latin1')).split('\r\n')).toHaveLength(3);
  });

  it('falls back to the next name when link says the name is taken', async () => {
    await writeFile(path.join(dir, 'a.txt'), 'x');
    await link(path.join(dir, 'a.txt'), path.join(dir, 'a-2.txt'));
    const file = await openOutboxFile(dir, getFormat('fec')!);
    const published = await publishFile((await file.close()).tmpPath, dir, 'a', 'txt');
    expect(path.basename(published)).toBe('a-3.txt');
  });

  it('streams 200,000 lines', async () => {
    const file = await openOutboxFile(dir, getFormat('fec')!);
    const accounts = ['411000', '707000', '445710', '708520'];
    for (let n = 1; n <= 50_000; n++) await file.writeEntry(entry(accounts), n);
    expect(file.lineCount).toBe(200_000);
    const closed = await file.close();
    const published = await publishFile(closed.tmpPath, dir, 'big', 'txt');
    const text = await readFile(published, 'utf8');
    const records = text.split('\r\n');
    expect(records).toHaveLength(200_001);
    expect(text.endsWith('\r\n')).toBe(false);
    expect(records[200_000]).toMatch(/^VTE\tVentes\t50000\t20250115\t708520\t/);
    expect(Buffer.byteLength(text)).toBe(closed.bytes);
  });
});
