// `comptoir convert --profile p.json` honours every family of settings: one profile file per
// family (test/fixtures/profiles/), each converted on test/fixtures/orders-profiles/, as a real process.
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ORDERS = path.resolve('test/fixtures/orders-profiles/profiles-orders.xml');
let work: string;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
}

function comptoir(args: string[]): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('src/cli.ts'), ...args], {
      cwd: path.resolve('.'),
      env: { ...process.env, COMPTOIR_TZ: 'Europe/Paris' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end();
  });
}

type Row = Record<string, string>;

/** Converts the orders with a profile (a fixture name or a path) and returns the FEC rows by column name. */
async function convertWith(profile?: string): Promise<Row[]> {
  const out = await fs.mkdtemp(path.join(work, 'run-'));
  const args = ['convert', ORDERS, '--out', out, '--json'];
  if (profile)
    args.push(
      '--profile',
      profile.includes('/') ? profile : path.resolve(`test/fixtures/profiles/${profile}.json`),
    );
  const result = await comptoir(args);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const { files } = JSON.parse(result.stdout) as { files: string[] };
  const [header, ...lines] = (await fs.readFile(files[0] ?? '', 'utf8'))
    .split('\r\n')
    .map((l) => l.split('\t'));
  return lines.map((cells) => Object.fromEntries((header ?? []).map((name, i) => [name, cells[i] ?? ''])));
}

/** "VTE 707200 C 100,00": journal, account (+ auxiliary), side and amount. */
const brief = (r: Row): string =>
  [r.JournalCode, r.CompteNum, r.CompAuxNum, r.Debit === '0,00' ? `C ${r.Credit}` : `D ${r.Debit}`]
    .filter(Boolean)
    .join(' ');

/** The rows of one piece (PieceRef) in one journal kind. */
const piece = (rows: Row[], ref: string, journals?: string[]): string[] =>
  rows.filter((r) => r.PieceRef === ref && (!journals || journals.includes(r.JournalCode ?? ''))).map(brief);

let preset: Row[];

beforeAll(async () => {
  work = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-profiles-'));
  preset = await convertWith();
});
afterAll(async () => {
  await fs.rm(work, { recursive: true, force: true });
});

describe('comptoir convert --profile', () => {
  it('customers: accounting account, per-payment customer accounts, guests, names upper case without accents', async () => {
    const rows = await convertWith('customers');
    const customer = (ref: string) => rows.find((r) => r.PieceRef === ref && r.JournalCode === 'VTE');
    expect(customer('2001')).toMatchObject({
      CompteNum: '411100',
      CompAuxNum: 'CLIWEB',
      CompAuxLib: 'ELOISE LEFEVRE',
    });
    expect(customer('2002')).toMatchObject({ CompteNum: '411100', CompAuxNum: 'CLIPAYPAL' });
    expect(customer('2004')).toMatchObject({ CompteNum: '411000', CompAuxNum: 'PASSAGE' });
    expect(preset.find((r) => r.PieceRef === '2001')).toMatchObject({
      CompAuxNum: 'WEB00039',
      CompAuxLib: 'Éloïse Lefèvre',
    });
  });

  it('journals and accounts: journal by country with its label, sales account by country × tax, adjustment account', async () => {
    const rows = await convertWith('journals-and-accounts');
    expect(piece(rows, '2001', ['VT'])).toEqual([
      'VT 411000 WEB00039 D 126,00',
      'VT 706000 C 100,00',
      'VT 708520 C 5,00',
      'VT 445720 C 21,00',
    ]);
    expect(rows.find((r) => r.JournalCode === 'VT')?.JournalLib).toBe('Ventes web');
    expect(piece(rows, '2002', ['VTBE'])).toContain('VTBE 706100 C 3,80');
    expect(rows.find((r) => r.JournalCode === 'VTBE')?.JournalLib).toBe('Ventes Belgique');
    // Credit note 302 has no lines: the whole amount on the charge adjustment account.
    expect(rows.filter((r) => r.JournalCode === 'AV' && r.EcritureDate === '20240405').map(brief)).toEqual([
      'AV 411000 WEB00039 C 5,00',
      'AV 658100 D 5,00',
    ]);
  });

  it('taxes: country × ALLTAXES wins over ALLCOUNTRIES × tax, exception arrays replace the preset', async () => {
    const rows = await convertWith('taxes-exceptions');
    expect(piece(rows, '2001', ['VTE'])).toContain('VTE 445700 C 21,00');
    expect(piece(rows, '2002', ['VTE'])).toEqual([
      'VTE 411000 WEB00040 D 16,00',
      'VTE 707200 C 3,80',
      'VTE 708520 C 10,00',
      // One VAT line per tax, both on the Belgian account.
      'VTE 445800 C 0,20',
      'VTE 445800 C 2,00',
    ]);
  });

  it('payments: bank journal and accounts per method, fees, no bank entry when switched off, consecutive numbers', async () => {
    const rows = await convertWith('payments');
    // The payment of order 2001, then the refund of its credit note 301 (sides swapped).
    expect(piece(rows, '2001', ['BQ2'])).toEqual([
      'BQ2 512100 D 124,74',
      'BQ2 627100 D 1,26',
      'BQ2 411000 WEB00039 C 126,00',
      'BQ2 512100 C 24,00',
      'BQ2 411000 WEB00039 D 24,00',
    ]);
    expect(rows.find((r) => r.JournalCode === 'BQ2')?.JournalLib).toBe('Banque CIC');
    expect(piece(rows, '2002', ['PP'])).toEqual(['PP 512300 D 16,00', 'PP 411000 WEB00040 C 16,00']);
    expect(piece(rows, '2004')).toEqual([
      'VTE 411000 WEB00000 D 12,00',
      'VTE 707200 C 10,00',
      'VTE 445720 C 2,00',
    ]);
    // Entries numbered 1, 2, 3… in file order (10: the cheque has no bank entry); a sale and its bank entry are consecutive.
    expect([...new Set(rows.map((r) => r.EcritureNum))]).toEqual([
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
      '10',
    ]);
    expect([
      ...new Set(
        rows
          .filter((r) => r.PieceRef === '2001' && (r.EcritureDate ?? '') < '20240401')
          .map((r) => r.EcritureNum),
      ),
    ]).toEqual(['1', '2']);
  });

  it('carriers: shipping account by country × carrier', async () => {
    const rows = await convertWith('carriers');
    expect(piece(rows, '2001', ['VTE'])).toContain('VTE 708500 C 5,00');
    expect(piece(rows, '2002', ['VTE'])).toContain('VTE 708510 C 10,00');
  });

  it('sales options: invoice date, invoice number as piece, label template', async () => {
    const rows = await convertWith('sales-options');
    const sale = rows.find((r) => r.JournalCode === 'VTE' && r.CompAuxNum === 'WEB00039');
    expect(sale).toMatchObject({
      EcritureDate: '20240316',
      PieceRef: 'FA2001',
      PieceDate: '20240316',
      EcritureLib: 'N2001 REFA Lefèvre',
    });
    // Without an invoice, the order id and date.
    expect(rows.find((r) => r.JournalCode === 'VTE' && r.CompAuxNum === 'WEB00040')).toMatchObject({
      PieceRef: '2002',
      EcritureDate: '20240320',
    });
  });

  it('credit-note options: order date, credit-note number as piece, label template', async () => {
    const rows = await convertWith('credit-note-options');
    expect(rows.filter((r) => r.JournalCode === 'AVO' && r.PieceRef === 'AV301')[0]).toMatchObject({
      EcritureDate: '20240315',
      EcritureLib: 'Avoir AV301 cde 2001',
    });
    // The refund bank entry keeps the credit note's piece and label.
    expect(piece(rows, 'AV301', ['BQ1'])).toEqual(['BQ1 512000 C 24,00', 'BQ1 411000 WEB00039 D 24,00']);
  });

  it('rounding: VAT on the total per tax (0.21 where the lines say 0.20), the cent on the deviation', async () => {
    const rows = await convertWith('rounding');
    expect(piece(rows, '2002', ['VTE'])).toEqual([
      'VTE 411000 WEB00040 D 16,00',
      'VTE 707200 C 3,80',
      'VTE 708520 C 10,00',
      'VTE 445755 C 0,21',
      'VTE 445720 C 2,00',
      'VTE 658000 D 0,01',
    ]);
    expect(piece(preset, '2002', ['VTE'])).toContain('VTE 445755 C 0,20');
  });

  it('rounding: a tolerance too small refuses the document, naming the figures (exit 1)', async () => {
    const file = path.join(work, 'tight.json');
    await fs.writeFile(
      file,
      JSON.stringify({ accounting: { rounding: { level: 'total', tolerance: '0' } } }),
    );
    const result = await comptoir(['convert', ORDERS, '--out', path.join(work, 'tight'), '--profile', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'order 2002 [total_paid_tax_incl]: total paid 16.00 but lines add up to 16.01',
    );
  });

  it('currency: amounts in the document currency and its ISO code on every line', async () => {
    const rows = await convertWith('currency');
    const chf = rows.filter((r) => r.PieceRef === '2003');
    expect(chf.map((r) => `${brief(r)} ${r.Montantdevise} ${r.Idevise}`)).toEqual([
      'VTE 411000 WEB00041 D 100,00 120,00 CHF',
      'VTE 707200 C 83,33 100,00 CHF',
      'VTE 445720 C 16,67 20,00 CHF',
      'BQ1 512000 D 98,33 118,00 CHF',
      'BQ1 627000 D 1,67 2,00 CHF',
      'BQ1 411000 WEB00041 C 100,00 120,00 CHF',
    ]);
    expect(preset.filter((r) => r.PieceRef === '2003').every((r) => r.Montantdevise === '')).toBe(true);
  });

  it('analytic: product lines keep their sections apart (FEC has no analytic column: the split shows it)', async () => {
    const rows = await convertWith('analytic');
    expect(piece(rows, '2001', ['VTE'])).toEqual([
      'VTE 411000 WEB00039 D 126,00',
      'VTE 707200 C 60,00',
      'VTE 707200 C 40,00',
      'VTE 708520 C 5,00',
      'VTE 445720 C 21,00',
    ]);
    expect(piece(preset, '2001', ['VTE'])).toContain('VTE 707200 C 100,00');
  });

  it('due dates: invoice date + 30 days, end of month (FEC has no due-date column: EBP shows it)', async () => {
    const rows = await convertWith('due-dates');
    expect(rows.map(brief)).toEqual(preset.map(brief));
    const ebpSale = async (profile?: string): Promise<string[]> => {
      const out = await fs.mkdtemp(path.join(work, 'ebp-'));
      const args = ['convert', ORDERS, '--out', out, '--json', '--format', 'ebp'];
      if (profile) args.push('--profile', path.resolve(`test/fixtures/profiles/${profile}.json`));
      const result = await comptoir(args);
      expect(result.code).toBe(0);
      const { files } = JSON.parse(result.stdout) as { files: string[] };
      const text = await fs.readFile(files[0] ?? '', 'latin1');
      // The last EBP column is the due date (DDMMYYYY); the sale of order 2001 is in VTE.
      return text
        .split(/\r?\n/)
        .filter((l) => l.includes(',VTE,') && l.includes('"2001"'))
        .map((l) => l.slice(l.lastIndexOf(',') + 1));
    };
    // Invoice 16/03/2024 + 30 days = 15/04/2024, end of month → 30/04/2024; the preset: the order date.
    expect(new Set(await ebpSale('due-dates'))).toEqual(new Set(['30042024']));
    expect(new Set(await ebpSale())).toEqual(new Set(['15032024']));
  });

  it('refuses a bad profile with every problem named by its path (exit 2)', async () => {
    const file = path.join(work, 'bad.json');
    await fs.writeFile(
      file,
      JSON.stringify({
        accounting: {
          rounding: { decimals: 5 },
          taxes: { exceptions: [{ key: { country: 'France' }, value: {} }] },
          sales: { label: '%ZZ' },
        },
      }),
    );
    const result = await comptoir(['convert', ORDERS, '--out', path.join(work, 'bad'), '--profile', file]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('accounting.rounding.decimals: decimals are 2, 3 or 4');
    expect(result.stderr).toContain('accounting.taxes.exceptions[0].key.country');
    expect(result.stderr).toContain('accounting.sales.label: unknown placeholder %ZZ');
  });
});
