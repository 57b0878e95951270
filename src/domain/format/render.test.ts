import Big from 'big.js';
import { describe, expect, it } from 'vitest';
import type { Entry, EntryLine } from '../entry.js';
import type { FieldSpec, FormatDefinition } from './definition.js';
import { FormatError } from './errors.js';
import { getFormat } from './predefined/index.js';
import { createRenderer, renderText } from './render.js';

function line(account: string, debit: string, credit: string, extra: Partial<EntryLine> = {}): EntryLine {
  return {
    role: 'product',
    account,
    accountLabel: 'Ventes',
    label: '',
    debit: Big(debit),
    credit: Big(credit),
    ...extra,
  };
}

function entry(lines: EntryLine[], extra: Partial<Entry> = {}): Entry {
  return {
    kind: 'sale',
    documentKey: 'order:1',
    journal: 'VTE',
    journalLabel: 'Ventes',
    date: '2025-03-07',
    pieceNumber: 'F0001',
    pieceDate: '2025-03-06',
    reference: 'ORD1',
    label: 'Facture F0001',
    currencyCode: 'EUR',
    currencyRate: Big(1),
    lines,
    ...extra,
  };
}

function format(fields: FieldSpec[], extra: Partial<FormatDefinition> = {}): FormatDefinition {
  return {
    id: 'test',
    name: 'Test',
    extension: 'csv',
    encoding: 'utf-8',
    layout: 'delimited',
    fieldSeparator: ';',
    recordSeparator: '\r\n',
    finalRecordSeparator: true,
    quote: '',
    quoteAll: false,
    header: false,
    recordStart: '',
    recordEnd: '',
    decimals: 2,
    decimalSeparator: ',',
    thousandsSeparator: '',
    dateFormat: 'dd/MM/yyyy',
    transliterate: false,
    removeAccents: false,
    flags: { customerAccounts: true, vatGrids: false, currencies: true, analytic: false },
    fields,
    ...extra,
  };
}

const sale = entry([
  line('411000', '1234567.5', '0', { role: 'customer', auxiliaryAccount: 'CDUP', auxiliaryLabel: 'Dupont' }),
  line('707000', '0', '1234567.5', { taxRate: Big('5.5'), taxCode: 'T1' }),
]);

describe('delimited layout', () => {
  it('quotes text fields and doubles the quote inside', () => {
    const f = format([{ field: 'label' }, { field: 'debit' }], { quote: '"' });
    const e = entry([line('707000', '1', '0', { label: 'Le "bon" prix' })]);
    expect(createRenderer(f).entryRecords(e, 1)).toEqual(['"Le ""bon"" prix";1,00']);
  });

  it('quotes every field with quoteAll, header included', () => {
    const f = format(
      [
        { field: 'account', header: 'Compte' },
        { field: 'credit', header: 'Crédit' },
      ],
      {
        quote: "'",
        quoteAll: true,
        header: true,
      },
    );
    const r = createRenderer(f);
    expect(r.header()).toBe("'Compte';'Crédit'");
    expect(r.entryRecords(entry([line('707000', '0', '2')]), 1)).toEqual(["'707000';'2,00'"]);
  });

  it('removes the separators, tabs and line breaks from text', () => {
    const f = format([{ field: 'label' }, { field: 'accountLabel' }]);
    const e = entry([line('707000', '1', '0', { label: 'a;b\tc\r\nd', accountLabel: '  x   y ' })]);
    expect(createRenderer(f).entryRecords(e, 1)).toEqual(['a b c d;x y']);
  });

  it('truncates text to the width', () => {
    const f = format([{ field: 'label', width: 7 }]);
    const e = entry([line('707000', '1', '0', { label: 'Facture longue' })]);
    expect(createRenderer(f).entryRecords(e, 1)).toEqual(['Facture']);
  });

  it('refuses to cut an amount', () => {
    const f = format([{ field: 'debit', width: 4 }]);
    expect(() => createRenderer(f).entryRecords(sale, 1)).toThrow(/longer than its length of 4/);
  });

  it('writes amounts with the thousands separator, direction and absolute amount', () => {
    const f = format([{ field: 'amount' }, { field: 'direction' }, { field: 'debit' }, { field: 'credit' }], {
      thousandsSeparator: ' ',
      decimalSeparator: ',',
    });
    expect(createRenderer(f).entryRecords(sale, 1)).toEqual([
      '1 234 567,50;D;1 234 567,50;0,00',
      '1 234 567,50;C;0,00;1 234 567,50',
    ]);
  });

  it('rounds half-up to the decimals', () => {
    const f = format([{ field: 'debit' }], { decimals: 0, decimalSeparator: '.' });
    expect(createRenderer(f).entryRecords(sale, 1)[0]).toBe('1234568');
  });

  it('writes dates with the format or the field date format', () => {
    const f = format([{ field: 'date' }, { field: 'pieceDate', dateFormat: 'yyMMdd' }, { field: 'dueDate' }]);
    expect(
      createRenderer(f).entryRecords(entry([line('7', '1', '0')], { dueDate: '2025-04-30' }), 1),
    ).toEqual(['07/03/2025;250306;30/04/2025']);
  });

  it('resolves the catalogue from the entry and the line', () => {
    const fields: FieldSpec[] = [
      'entryNumber',
      'lineNumber',
      'journalCode',
      'journalLabel',
      'account',
      'auxiliaryAccount',
      'auxiliaryLabel',
      'accountOrAuxiliary',
      'pieceNumber',
      'reference',
      'label',
      'taxCode',
      'taxRate',
      'validationDate',
      'lettering',
    ].map((field) => ({ field }) as FieldSpec);
    fields.push({ field: 'literal', text: 'E' });
    expect(createRenderer(format(fields)).entryRecords(sale, 9)).toEqual([
      '9;1;VTE;Ventes;411000;CDUP;Dupont;CDUP;F0001;ORD1;Facture F0001;;;07/03/2025;;E',
      '9;2;VTE;Ventes;707000;;;707000;F0001;ORD1;Facture F0001;T1;5,50;07/03/2025;;E',
    ]);
  });

  it('fills the currency columns only for another currency than the book', () => {
    const f = format([{ field: 'currencyCode' }, { field: 'currencyRate' }, { field: 'currencyAmount' }]);
    const usd = entry([line('7', '1', '0', { currencyAmount: Big('1.0845') })], {
      currencyCode: 'USD',
      currencyRate: Big('0.9221'),
    });
    expect(createRenderer(f).entryRecords(usd, 1)).toEqual(['USD;0,9221;1,08']);
    expect(createRenderer(f, { bookCurrency: 'USD' }).entryRecords(usd, 1)).toEqual([';;']);
    expect(createRenderer(f).entryRecords(sale, 1)[0]).toBe(';;');
  });

  it('substitutes whenEmpty and wraps records in recordStart / recordEnd', () => {
    const f = format(
      [
        { field: 'pieceNumber', whenEmpty: '-' },
        { field: 'label', whenEmpty: '/' },
      ],
      {
        recordStart: '<',
        recordEnd: '>',
      },
    );
    const e = entry([line('7', '1', '0')], { pieceNumber: '', label: '' });
    expect(createRenderer(f).entryRecords(e, 1)).toEqual(['<-;/>']);
  });

  it('renders a whole text with or without the final record separator', () => {
    const f = format([{ field: 'account', header: 'Compte' }], { header: true });
    expect(renderText(f, [sale])).toBe('Compte\r\n411000\r\n707000\r\n');
    expect(renderText({ ...f, finalRecordSeparator: false }, [sale])).toBe('Compte\r\n411000\r\n707000');
  });

  it('refuses an invalid definition, listing its problems', () => {
    expect(() => createRenderer(format([{ field: 'debit' }], { fieldSeparator: ',' }))).toThrow(
      /amounts would contain the field separator/,
    );
  });
});

describe('encodings', () => {
  const euro = entry([line('7', '1', '0', { label: 'Bœuf à 5 € « extra »' })]);
  const labelOnly: FieldSpec[] = [{ field: 'label', header: 'Libellé' }];

  it.each(['ascii', 'iso-8859-1'] as const)('names the field and the character in %s', (encoding) => {
    const render = () => createRenderer(format(labelOnly, { encoding })).entryRecords(euro, 3);
    expect(render).toThrow(FormatError);
    expect(render).toThrow(/piece F0001 \(entry 3\), line 1: field Libellé contains "[œ€à]"/);
  });

  it('transliterates what the encoding cannot hold', () => {
    const f = format(labelOnly, { encoding: 'iso-8859-1', transliterate: true, header: true });
    const r = createRenderer(f);
    expect(r.header()).toBe('Libellé');
    expect(r.entryRecords(euro, 1)).toEqual(['Boeuf à 5 EUR « extra »']);
    expect(createRenderer({ ...f, encoding: 'ascii' }).entryRecords(euro, 1)).toEqual([
      'Boeuf a 5 EUR " extra "',
    ]);
  });

  it('keeps what windows-1252 holds, and removes accents on request', () => {
    const f = format(labelOnly, { encoding: 'windows-1252' });
    expect(createRenderer(f).entryRecords(euro, 1)).toEqual(['Bœuf à 5 € « extra »']);
    expect(createRenderer({ ...f, removeAccents: true }).entryRecords(euro, 1)).toEqual([
      'Bœuf a 5 € « extra »',
    ]);
  });
});

describe('fixed layout', () => {
  const fixed = (encoding: FormatDefinition['encoding'], transliterate: boolean): FormatDefinition =>
    format(
      [
        { field: 'entryNumber', width: 5, pad: '0' },
        { field: 'account', width: 8 },
        { field: 'label', width: 10 },
        { field: 'amount', width: 10, pad: '0' },
        { field: 'direction', width: 1 },
        { field: 'dueDate', width: 6, dateFormat: 'ddMMyy', whenEmpty: '000000' },
        { field: 'literal', text: 'O2003', width: 5 },
      ],
      { layout: 'fixed', fieldSeparator: '', encoding, transliterate },
    );
  const lines = [
    line('411000', '12.5', '0', { label: 'Élève œuvre €' }),
    line('707', '0', '12.5', { label: 'ab' }),
    line('4457100000', '0', '0', { label: 'ç' }),
  ];

  it('pads and truncates every field to its width, so accents never shift a line', () => {
    const records = createRenderer(fixed('windows-1252', false)).entryRecords(entry(lines), 7);
    expect(records).toEqual([
      '00007411000  Élève œuvr0000012,50D000000O2003',
      '00007707     ab        0000012,50C000000O2003',
      '0000744571000ç         0000000,00D000000O2003',
    ]);
    for (const record of records) expect(Array.from(record)).toHaveLength(45);
  });

  it('measures after transliteration', () => {
    const records = createRenderer(fixed('ascii', true)).entryRecords(entry(lines), 7);
    expect(records[0]).toBe('00007411000  Eleve oeuv0000012,50D000000O2003');
    for (const record of records) expect(record).toHaveLength(45);
  });

  it('puts the sign before zero padding', () => {
    const f = format([{ field: 'debit', width: 8, pad: '0' }], { layout: 'fixed', fieldSeparator: '' });
    expect(createRenderer(f).entryRecords(entry([line('7', '-3.2', '0')]), 1)).toEqual(['-0003,20']);
  });

  it('right-aligns numbers and left-aligns text by default', () => {
    const f = format(
      [
        { field: 'label', width: 4 },
        { field: 'debit', width: 6 },
        { field: 'account', width: 4, align: 'right' },
      ],
      { layout: 'fixed', fieldSeparator: '' },
    );
    expect(createRenderer(f).entryRecords(entry([line('7', '1', '0', { label: 'a' })]), 1)).toEqual([
      'a     1,00   7',
    ]);
  });
});

describe('FEC', () => {
  it('has the 18 legal column names', () => {
    const fec = getFormat('fec')!;
    expect(createRenderer(fec).header()).toBe(
      'JournalCode\tJournalLib\tEcritureNum\tEcritureDate\tCompteNum\tCompteLib\tCompAuxNum\tCompAuxLib\t' +
        'PieceRef\tPieceDate\tEcritureLib\tDebit\tCredit\tEcritureLet\tDateLet\tValidDate\tMontantdevise\tIdevise',
    );
  });
});
