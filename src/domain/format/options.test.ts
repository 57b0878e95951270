// A format built in code, one test per option of FEATURES.md §5: each option renders as specified.
import Big from 'big.js';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Entry, EntryLine } from '../entry.js';
import type { Encoding, FieldSpec, FormatDefinition } from './definition.js';
import { createEncoder } from './encode.js';
import { createRenderer, renderText } from './render.js';
import { formatProblems } from './validate.js';

const customer: EntryLine = {
  role: 'customer',
  account: '411',
  accountLabel: 'Clients',
  auxiliaryAccount: 'CDUP',
  auxiliaryLabel: 'Dupré',
  label: 'Café "noir"',
  debit: Big('1234567.891'),
  credit: Big(0),
  currencyAmount: Big('1000'),
};
const product: EntryLine = {
  role: 'product',
  account: '707200',
  accountLabel: 'Ventes',
  label: 'Thé',
  debit: Big(0),
  credit: Big('1234567.891'),
  vatGrid: '08',
  analyticSection: 'BOUT',
  currencyAmount: Big('-1000'),
};
const entry: Entry = {
  kind: 'sale',
  documentKey: 'order:1',
  journal: 'VTE',
  journalLabel: 'Ventes',
  date: '2025-03-07',
  pieceNumber: 'FA-000123',
  pieceDate: '2025-03-07',
  reference: 'R1',
  label: 'Facture',
  currencyCode: 'USD',
  currencyRate: Big('0.9'),
  lines: [customer, product],
};

/** Every option set; each test changes one. */
function full(extra: Partial<FormatDefinition> = {}): FormatDefinition {
  return {
    id: 'all',
    name: 'All options',
    extension: 'txt',
    encoding: 'utf-8',
    layout: 'delimited',
    fieldSeparator: ';',
    recordSeparator: '\r\n',
    finalRecordSeparator: true,
    quote: '"',
    quoteAll: false,
    header: true,
    recordStart: '<',
    recordEnd: '>',
    decimals: 2,
    decimalSeparator: ',',
    thousandsSeparator: '.',
    dateFormat: 'yyyy-MM-dd',
    transliterate: true,
    removeAccents: false,
    flags: { customerAccounts: true, vatGrids: true, currencies: true, analytic: true },
    fields: [
      { field: 'account', header: 'Cpt' },
      { field: 'debit', header: 'D' },
    ],
    orderBy: 'input',
    ...extra,
  };
}
const first = (format: FormatDefinition): string => createRenderer(format).entryRecords(entry, 1)[0] ?? '';
const only = (fields: FieldSpec[], extra: Partial<FormatDefinition> = {}): string =>
  first(full({ fields, recordStart: '', recordEnd: '', ...extra }));

describe('every option of a format', () => {
  it('is a valid definition with all options set', () => {
    expect(formatProblems(full())).toEqual([]);
  });

  it('fields: order and header names', () => {
    const f = full({
      fields: [
        { field: 'debit', header: 'Montant D' },
        { field: 'journalCode', header: 'Jnl' },
      ],
    });
    expect(createRenderer(f).header()).toBe('<"Montant D";"Jnl">');
    expect(first(f)).toBe('<1.234.567,89;"VTE">');
  });

  it('custom literal text', () => {
    expect(only([{ field: 'literal', text: 'X Y' }, { field: 'account' }])).toBe('"X Y";"411"');
  });

  it('decimals', () => {
    expect(only([{ field: 'debit' }], { decimals: 3 })).toBe('1.234.567,891');
    expect(only([{ field: 'debit' }], { decimals: 0 })).toBe('1.234.568');
  });

  it('decimal separator', () => {
    expect(only([{ field: 'debit' }], { decimalSeparator: '.', thousandsSeparator: '' })).toBe('1234567.89');
  });

  it('thousands separator', () => {
    expect(only([{ field: 'debit' }], { thousandsSeparator: ' ' })).toBe('1 234 567,89');
    expect(only([{ field: 'debit' }], { thousandsSeparator: '' })).toBe('1234567,89');
  });

  it.each([
    ['yyyyMMdd', '20250307'],
    ['yyMMdd', '250307'],
    ['ddMMyyyy', '07032025'],
    ['ddMMyy', '070325'],
    ['MMddyyyy', '03072025'],
    ['MMddyy', '030725'],
    ['dd/MM/yyyy', '07/03/2025'],
  ])('date format %s', (dateFormat, expected) => {
    expect(only([{ field: 'date' }], { dateFormat })).toBe(expected);
  });

  it.each([
    ['', '"411""Café ""noir"""'],
    ['\t', '"411"\t"Café ""noir"""'],
    [',', '"411","Café ""noir"""'],
    ['|', '"411"|"Café ""noir"""'],
  ])('field separator %j', (fieldSeparator, expected) => {
    const numbers = { decimalSeparator: '.', thousandsSeparator: '' };
    expect(only([{ field: 'account' }, { field: 'label' }], { fieldSeparator, ...numbers })).toBe(expected);
  });

  it.each([
    ['', "'411';'Café \"noir\"'"],
    ['"', '"411";"Café ""noir"""'],
    ['|', '|411|;|Café "noir"|'],
  ])('field quote %j, doubled inside values', (quote, expected) => {
    const q = quote === '' ? "'" : quote;
    expect(only([{ field: 'account' }, { field: 'label' }], { quote: q })).toBe(expected);
  });

  it('no field quote', () => {
    expect(only([{ field: 'account' }, { field: 'label' }], { quote: '' })).toBe('411;Café "noir"');
  });

  it('quote every field, or text fields only', () => {
    expect(only([{ field: 'account' }, { field: 'debit' }], { quoteAll: true })).toBe('"411";"1.234.567,89"');
    expect(only([{ field: 'account' }, { field: 'debit' }], { quoteAll: false })).toBe('"411";1.234.567,89');
    expect(
      only([
        { field: 'account', quoted: false },
        { field: 'debit', quoted: true },
      ]),
    ).toBe('411;"1.234.567,89"');
  });

  it.each([
    ['', 'AB'],
    ['\r\n', 'A\r\nB\r\n'],
    ['\r', 'A\rB\r'],
    ['\n', 'A\nB\n'],
    ['#', 'A#B#'],
  ])('record separator %j', (recordSeparator, expected) => {
    const f = full({
      recordSeparator,
      quote: '',
      header: false,
      recordStart: '',
      recordEnd: '',
      fields: [{ field: 'direction' }],
    });
    const text = renderText(f, [entry]).replace(/D/g, 'A').replace(/C/g, 'B');
    expect(text).toBe(expected === 'AB' ? 'AB' : expected);
  });

  it('final record separator', () => {
    const f = full({
      quote: '',
      header: false,
      recordStart: '',
      recordEnd: '',
      fields: [{ field: 'direction' }],
    });
    expect(renderText({ ...f, finalRecordSeparator: false }, [entry])).toBe('D\r\nC');
  });

  it('start and end of record strings', () => {
    expect(first(full({ recordStart: '[[', recordEnd: ']]' }))).toBe('[["411";1.234.567,89]]');
  });

  it('header line', () => {
    expect(createRenderer(full({ header: false })).header()).toBeNull();
    expect(createRenderer(full()).header()).toBe('<"Cpt";"D">');
  });

  it('fixed width: length, alignment and pad character per field', () => {
    const f = full({
      layout: 'fixed',
      fieldSeparator: '',
      recordStart: '',
      recordEnd: '',
      thousandsSeparator: '',
      fields: [
        { field: 'account', width: 8, pad: '0', align: 'left' },
        { field: 'debit', width: 12, pad: '*', align: 'right' },
        { field: 'label', width: 6, align: 'right' },
        { field: 'literal', text: '', width: 3 },
      ],
    });
    // UTF-8 lengths are bytes: "Café" takes 5 of the label's 6, and the `"` would not fit.
    expect(first(f)).toBe('41100000**1234567,89Café    ');
    expect(first({ ...f, encoding: 'windows-1252' })).toBe('41100000**1234567,89Café "   ');
  });

  it('truncation keeps the first or the last characters, and never shifts the line', () => {
    const f = full({
      layout: 'fixed',
      fieldSeparator: '',
      recordStart: '',
      recordEnd: '',
      fields: [
        { field: 'pieceNumber', width: 4, take: 'last' },
        { field: 'pieceNumber', width: 4 },
        { field: 'pieceNumber', width: 12, take: 'last' },
      ],
    });
    expect(first(f)).toBe('0123FA-0FA-000123   ');
  });

  it('amounts in cents', () => {
    expect(only([{ field: 'amount', amountStyle: 'cents' }])).toBe('123456789');
  });

  it('minimum length in a delimited layout (the profile account length)', () => {
    const f = full({ fields: [{ field: 'account', minWidth: 'accountLength', pad: '0', quoted: false }] });
    expect(createRenderer(f, { accountLength: 6 }).entryRecords(entry, 1)[0]).toBe('<411000>');
    expect(only([{ field: 'account', minWidth: 5, pad: '_', align: 'right', quoted: false }])).toBe('__411');
  });

  it('a fallback field when the value is empty', () => {
    expect(only([{ field: 'dueDate', fallback: 'date' }])).toBe('2025-03-07');
  });

  it('flag "has customer accounts"', () => {
    const fields: FieldSpec[] = [
      { field: 'accountOrAuxiliary' },
      { field: 'auxiliaryAccount' },
      { field: 'account' },
    ];
    const flags = full().flags;
    expect(only(fields, { quote: '' })).toBe('CDUP;CDUP;411');
    expect(only(fields, { quote: '', flags: { ...flags, customerAccounts: false } })).toBe('411;411');
  });

  it('flag "has currencies"', () => {
    const fields: FieldSpec[] = [{ field: 'account' }, { field: 'currencyCode' }, { field: 'currencyRate' }];
    const flags = full().flags;
    expect(only(fields, { quote: '' })).toBe('411;USD;0,90');
    expect(only(fields, { quote: '', flags: { ...flags, currencies: false } })).toBe('411');
  });

  it('flag "has VAT grids"', () => {
    const f = (vatGrids: boolean): string =>
      createRenderer(
        full({
          quote: '',
          recordStart: '',
          recordEnd: '',
          flags: { ...full().flags, vatGrids },
          fields: [{ field: 'account' }, { field: 'vatGrid' }],
        }),
      ).entryRecords(entry, 1)[1] ?? '';
    expect(f(true)).toBe('707200;08');
    expect(f(false)).toBe('707200');
  });

  it('flag "allows analytic", blank in a fixed layout', () => {
    const f = (analytic: boolean): string =>
      createRenderer(
        full({
          layout: 'fixed',
          fieldSeparator: '',
          recordStart: '',
          recordEnd: '',
          flags: { ...full().flags, analytic },
          fields: [
            { field: 'analyticSection', width: 5 },
            { field: 'direction', width: 1 },
          ],
        }),
      ).entryRecords(entry, 1)[1] ?? '';
    expect(f(true)).toBe('BOUT C');
    expect(f(false)).toBe('     C');
  });

  it('a record per new auxiliary account, before its first movement', () => {
    const f = full({
      header: false,
      quote: '',
      recordStart: '',
      recordEnd: '',
      fields: [{ field: 'accountOrAuxiliary' }],
      auxiliaryRecord: {
        fields: [{ field: 'literal', text: 'C' }, { field: 'auxiliaryAccount' }, { field: 'account' }],
      },
    });
    expect(renderText(f, [entry, entry])).toBe('C;CDUP;411\r\nCDUP\r\n707200\r\nCDUP\r\n707200\r\n');
  });

  it('entries ordered by date, or by journal and date, and numbered in that order', () => {
    const bank: Entry = { ...entry, journal: 'BQ', date: '2025-03-01' };
    const later: Entry = { ...entry, date: '2025-03-09' };
    const f = (orderBy: FormatDefinition['orderBy']): string =>
      renderText(
        full({
          orderBy,
          header: false,
          quote: '',
          recordStart: '',
          recordEnd: '',
          recordSeparator: ' ',
          finalRecordSeparator: false,
          fields: [{ field: 'entryNumber' }, { field: 'journalCode' }, { field: 'date', dateFormat: 'dd' }],
        }),
        [later, bank, entry].map((e) => ({ ...e, lines: [customer] })),
      );
    expect(f('input')).toBe('1;VTE;09 2;BQ;01 3;VTE;07');
    expect(f('date')).toBe('1;BQ;01 2;VTE;07 3;VTE;09');
    expect(f('journal-date')).toBe('1;BQ;01 2;VTE;07 3;VTE;09');
  });

  it('transliteration where allowed, else an error naming the piece and the field', () => {
    expect(only([{ field: 'label', header: 'Lib' }], { encoding: 'ascii' })).toBe('"Cafe ""noir"""');
    expect(() =>
      only([{ field: 'label', header: 'Lib' }], { encoding: 'ascii', transliterate: false }),
    ).toThrow(/piece FA-000123 \(entry 1\), line 1: field Lib contains "é"/);
  });

  it('remove accents', () => {
    expect(only([{ field: 'label' }], { removeAccents: true, quote: '' })).toBe('Cafe "noir"');
  });

  it('text written when the value is empty', () => {
    expect(only([{ field: 'taxCode', whenEmpty: '-' }], { quote: '' })).toBe('-');
  });

  const ENCODINGS: [Encoding, number[]][] = [
    ['utf-8', []],
    ['utf-8-bom', [0xef, 0xbb, 0xbf]],
    ['utf-16le', [0xff, 0xfe]],
    ['utf-16be', [0xfe, 0xff]],
    ['utf-32le', [0xff, 0xfe, 0, 0]],
    ['utf-32be', [0, 0, 0xfe, 0xff]],
    ['utf-7', []],
    ['windows-1252', []],
    ['iso-8859-15', []],
    ['ascii', []],
  ];
  it.each(ENCODINGS)('encoding %s, with its BOM', (encoding, bom) => {
    const f = full({ encoding });
    const encoder = createEncoder(f);
    expect([...encoder.bom()]).toEqual(bom);
    const text = first(f);
    const name = encoding === 'utf-8-bom' ? 'utf-8' : encoding;
    expect(iconv.decode(encoder.encode(text), name)).toBe(text);
    expect(text).toBe(encoding === 'ascii' ? '<"411";1.234.567,89>' : '<"411";1.234.567,89>');
  });

  it('refuses UTF-7 for a fixed-width layout and a multi-byte pad character', () => {
    const fixed = full({ layout: 'fixed', fields: [{ field: 'account', width: 3, pad: 'é' }] });
    expect(formatProblems({ ...fixed, encoding: 'utf-7' })).toEqual([
      'a fixed-width format cannot be written in UTF-7',
      'field 1 (account): in a fixed-width format the pad character must be plain ASCII',
    ]);
  });
});
