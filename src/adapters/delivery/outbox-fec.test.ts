// FEC golden file: entries written by hand, rendered through the outbox, compared byte for byte.
import Big from 'big.js';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Entry, EntryLine } from '../../domain/entry.js';
import { getFormat } from '../../domain/format/predefined/index.js';
import { openOutboxFile } from './outbox.js';
import { publishFile } from './publish.js';

const GOLDEN = path.resolve(import.meta.dirname, '../../../test/fixtures/golden/fec-basic.txt');

function line(
  role: EntryLine['role'],
  account: string,
  accountLabel: string,
  debit: string,
  credit: string,
  more: Partial<EntryLine> = {},
): EntryLine {
  return { role, account, accountLabel, label: '', debit: Big(debit), credit: Big(credit), ...more };
}

const dupont = { auxiliaryAccount: 'CDUPONT', auxiliaryLabel: 'Jean Dupont' };
const base = { documentKey: 'order:123', currencyCode: 'EUR', currencyRate: Big(1) };

const entries: Entry[] = [
  {
    ...base,
    kind: 'sale',
    journal: 'VTE',
    journalLabel: 'Ventes',
    date: '2025-01-15',
    pieceNumber: 'F000123',
    pieceDate: '2025-01-15',
    reference: 'ORD-123',
    label: 'Facture F000123 Dupont',
    lines: [
      line('customer', '411000', 'Clients', '120.00', '0', dupont),
      line('product', '707200', 'Ventes de marchandises avec TVA', '0', '95'),
      line('shipping', '708520', 'Ports et frais facturés', '0', '5.00'),
      line('tax', '445720', 'TVA collectée 20 %', '0', '20.00', { taxRate: Big(20) }),
    ],
  },
  {
    ...base,
    kind: 'payment',
    journal: 'BQ1',
    journalLabel: 'Banque',
    date: '2025-01-16',
    pieceNumber: '',
    pieceDate: '2025-01-16',
    reference: '',
    label: '',
    lines: [
      line('bank', '512000', 'Banques', '120', '0', { label: 'Règlement CB commande 123' }),
      line('customer', '411000', 'Clients', '0', '120', dupont),
    ],
  },
  {
    ...base,
    documentKey: 'creditnote:45',
    kind: 'creditnote',
    journal: 'AVO',
    journalLabel: 'Avoirs',
    date: '2025-01-20',
    pieceNumber: 'AV000045',
    pieceDate: '2025-01-18',
    reference: 'ORD-123',
    label: 'Avoir AV000045  Dupont\r\n',
    lines: [
      line('customer', '411000', 'Clients', '0', '24', dupont),
      line('product', '707200', 'Ventes de marchandises avec TVA', '20', '0', { label: 'Retour\tarticle' }),
      line('tax', '445720', 'TVA collectée 20 %', '4', '0'),
    ],
  },
  {
    documentKey: 'order:124',
    kind: 'sale',
    journal: 'VTE',
    journalLabel: 'Ventes',
    date: '2025-01-21',
    pieceNumber: 'F000124',
    pieceDate: '2025-01-21',
    reference: 'ORD-124',
    label: 'Facture F000124 Smith',
    currencyCode: 'USD',
    currencyRate: Big('0.923342'),
    lines: [
      line('customer', '411000', 'Clients', '1234.57', '0', {
        auxiliaryAccount: 'CSMITH',
        auxiliaryLabel: 'John Smith',
        currencyAmount: Big('1336.99'),
      }),
      line('product', '707200', 'Ventes de marchandises avec TVA', '0', '1028.81', {
        currencyAmount: Big('1114.16'),
      }),
      line('tax', '445720', 'TVA collectée 20 %', '0', '205.76', { currencyAmount: Big('222.83') }),
    ],
  },
];

describe('FEC golden file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'comptoir-fec-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes fec-basic.txt byte for byte', async () => {
    const file = await openOutboxFile(dir, getFormat('fec')!, { bookCurrency: 'EUR' });
    for (const [index, entry] of entries.entries()) await file.writeEntry(entry, index + 1);
    const closed = await file.close();
    const published = await publishFile(closed.tmpPath, dir, '123456789FEC20250131', 'txt');

    expect(path.basename(published)).toBe('123456789FEC20250131.txt');
    const golden = await readFile(GOLDEN);
    const written = await readFile(published);
    expect(written.toString('utf8')).toBe(golden.toString('utf8'));
    expect(written.equals(golden)).toBe(true);
    expect(closed).toMatchObject({ lines: 12, bytes: golden.length });
  });
});
