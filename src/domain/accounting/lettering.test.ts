import { describe, expect, it } from 'vitest';
import type { BookedDocument } from '../entry.js';
import { formatFranceAccounting } from '../presets/format-france.js';
import type { AccountingSettings } from '../profile.js';
import { bookDocument, type BookingContext } from './book.js';
import {
  createLetteringAllocator,
  createRecordingLetteringAllocator,
  laterLetteringCode,
  letteringAccount,
  nextLetteringCode,
} from './lettering.js';
import { buildDocument, type DocumentSpec } from './testing.js';

const standard = { excl: '100.00', incl: '120.00' };

function book(
  spec: DocumentSpec,
  ctx: Partial<BookingContext> = {},
  settings: AccountingSettings = formatFranceAccounting(),
): BookedDocument {
  const letteringCode = createLetteringAllocator();
  return bookDocument(buildDocument({ lines: [standard], ...spec }), settings, {
    today: '2024-05-01',
    letteringCode,
    ...ctx,
  });
}

/** "kind account D|C amount code date" for each customer line. */
function customerLines(booked: BookedDocument): string[] {
  return booked.entries.flatMap((entry) =>
    entry.lines
      .filter((line) => line.role === 'customer')
      .map((line) =>
        [
          entry.kind,
          line.auxiliaryAccount,
          line.debit.gt(0) ? `D ${line.debit.toFixed(2)}` : `C ${line.credit.toFixed(2)}`,
          line.lettering ?? '-',
          line.letteringDate ?? '-',
        ].join(' '),
      ),
  );
}

describe('lettering codes', () => {
  it('orders codes as they are allocated, whatever order they are compared in', () => {
    expect(laterLetteringCode('AZ', 'BA')).toBe('BA');
    expect(laterLetteringCode('ZZ', 'AAA')).toBe('AAA');
    expect(laterLetteringCode('AAA', 'ZZ')).toBe('AAA');
    expect(laterLetteringCode(undefined, 'AB')).toBe('AB');
    expect(laterLetteringCode('AB', 'ab')).toBe('AB');
  });

  it('a recording allocator continues from the last codes and tells the last code it gave per account', () => {
    const lettering = createRecordingLetteringAllocator(
      new Map([
        ['WEB00039', 'AY'],
        ['WEB00041', 'CC'],
      ]),
    );
    expect([
      lettering.allocate('WEB00039'),
      lettering.allocate('WEB00040'),
      lettering.allocate('WEB00039'),
    ]).toEqual(['AZ', 'AA', 'BA']);
    // Only the accounts it allocated for: the others' last codes are already kept.
    expect(lettering.allocated()).toEqual({ WEB00039: 'BA', WEB00040: 'AA' });
  });

  it('counts AA … AZ, BA … ZZ, then grows a letter', () => {
    expect(nextLetteringCode()).toBe('AA');
    expect(nextLetteringCode('AA')).toBe('AB');
    expect(nextLetteringCode('AZ')).toBe('BA');
    expect(nextLetteringCode('BZ')).toBe('CA');
    expect(nextLetteringCode('ZZ')).toBe('AAA');
    expect(nextLetteringCode('AZZ')).toBe('BAA');
    // A code of another scheme (lower case is partial lettering in some packages) restarts.
    expect(nextLetteringCode('ab')).toBe('AA');
  });

  it('allocates per account, and continues from the last codes given', () => {
    const next = createLetteringAllocator(new Map([['WEB00039', 'AY']]));
    expect([next('WEB00039'), next('WEB00040'), next('WEB00039'), next('WEB00039')]).toEqual([
      'AZ',
      'AA',
      'BA',
      'BB',
    ]);
  });

  it('letters on the auxiliary account when there is one', () => {
    expect(letteringAccount({ account: '411000', auxiliaryAccount: 'WEB00039' })).toBe('WEB00039');
    expect(letteringAccount({ account: '411000' })).toBe('411000');
  });
});

describe('lettering of a document', () => {
  it('letters a sale paid in one payment, dated by the payment', () => {
    const booked = book({ payments: [{ name: 'Carte', amount: '120.00', fee: '2.50', date: '2024-03-18' }] });
    expect(customerLines(booked)).toEqual([
      'sale WEB00039 D 120.00 AA 2024-03-18',
      'payment WEB00039 C 120.00 AA 2024-03-18',
    ]);
    // Only customer lines are lettered.
    const others = booked.entries.flatMap((e) => e.lines).filter((l) => l.role !== 'customer');
    expect(others.every((l) => l.lettering === undefined && l.letteringDate === undefined)).toBe(true);
  });

  it('letters a sale and its two payments together, on the last payment date', () => {
    const booked = book({
      payments: [
        { name: 'Carte', amount: '70.00', date: '2024-03-16' },
        { name: 'Chèque', amount: '50.00', date: '2024-03-25' },
      ],
    });
    expect(customerLines(booked)).toEqual([
      'sale WEB00039 D 120.00 AA 2024-03-25',
      'payment WEB00039 C 70.00 AA 2024-03-25',
      'payment WEB00039 C 50.00 AA 2024-03-25',
    ]);
  });

  it('leaves a partly paid, an overpaid or an unpaid sale unlettered', () => {
    const partly = book({ payments: [{ name: 'Carte', amount: '100.00' }] });
    expect(customerLines(partly)).toEqual(['sale WEB00039 D 120.00 - -', 'payment WEB00039 C 100.00 - -']);
    const over = book({ payments: [{ name: 'Carte', amount: '120.01' }] });
    expect(customerLines(over).every((l) => l.endsWith('- -'))).toBe(true);
    expect(customerLines(book({}))).toEqual(['sale WEB00039 D 120.00 - -']);
  });

  it('dates the lettering of a sale paid in advance by the sale', () => {
    const booked = book({
      invoiceDate: '2024-03-20',
      payments: [{ name: 'Carte', amount: '120.00', date: '2024-03-15' }],
    });
    const settings = formatFranceAccounting();
    settings.sales.entryDate = 'invoice';
    const invoiced = bookDocument(
      buildDocument({
        lines: [standard],
        invoiceDate: '2024-03-20',
        payments: [{ name: 'Carte', amount: '120.00', date: '2024-03-15' }],
      }),
      settings,
      { today: '2024-05-01', letteringCode: createLetteringAllocator() },
    );
    expect(customerLines(booked)[0]).toBe('sale WEB00039 D 120.00 AA 2024-03-15');
    expect(customerLines(invoiced)).toEqual([
      'sale WEB00039 D 120.00 AA 2024-03-20',
      'payment WEB00039 C 120.00 AA 2024-03-20',
    ]);
  });

  it('letters a credit note refunded in full with its refund, not one refunded in part', () => {
    const note = (amount?: string): DocumentSpec => ({
      type: 'CREDITNOTE',
      creditNoteKey: '12',
      creditNoteDate: '2024-04-02',
      lines: [{ excl: '50.00', incl: '60.00' }],
      ...(amount === undefined ? {} : { payments: [{ name: 'Carte', amount, date: '2024-04-03' }] }),
    });
    expect(customerLines(book(note('60.00')))).toEqual([
      'creditnote WEB00039 C 60.00 AA 2024-04-03',
      'refund WEB00039 D 60.00 AA 2024-04-03',
    ]);
    expect(customerLines(book(note('40.00')))).toEqual([
      'creditnote WEB00039 C 60.00 - -',
      'refund WEB00039 D 40.00 - -',
    ]);
    expect(customerLines(book(note()))).toEqual(['creditnote WEB00039 C 60.00 - -']);
  });

  it('gives each settled document of an account the next code', () => {
    const letteringCode = createLetteringAllocator();
    const settings = formatFranceAccounting();
    const codes = ['6', '7', '8'].map((orderKey) => {
      const doc = buildDocument({
        orderKey,
        lines: [standard],
        payments: [{ name: 'Carte', amount: '120.00' }],
      });
      const booked = bookDocument(doc, settings, { today: '2024-05-01', letteringCode });
      return booked.entries[0]!.lines[0]!.lettering;
    });
    expect(codes).toEqual(['AA', 'AB', 'AC']);
  });

  it('letters nothing when the profile turns it off, or without an allocator', () => {
    const settings = formatFranceAccounting();
    settings.lettering = false;
    const spec = { payments: [{ name: 'Carte', amount: '120.00' }] };
    expect(customerLines(book(spec, {}, settings)).every((l) => l.endsWith('- -'))).toBe(true);
    const bare = bookDocument(buildDocument({ lines: [standard], ...spec }), formatFranceAccounting(), {
      today: '2024-05-01',
    });
    expect(customerLines(bare).every((l) => l.endsWith('- -'))).toBe(true);
  });

  it('compares book-currency amounts: a conversion cent apart stays unlettered', () => {
    // 120.00 / 1.1 = 109.09; 60.00 / 1.1 = 54.55 twice = 109.10.
    const split = book({
      currencyCode: 'USD',
      currencyRate: buildDocument().currencyRate.times('1.1'),
      payments: [
        { name: 'Carte', amount: '60.00' },
        { name: 'Carte', amount: '60.00' },
      ],
    });
    expect(customerLines(split)).toEqual([
      'sale WEB00039 D 109.09 - -',
      'payment WEB00039 C 54.55 - -',
      'payment WEB00039 C 54.55 - -',
    ]);
    const whole = book({
      currencyCode: 'USD',
      currencyRate: buildDocument().currencyRate.times('1.1'),
      payments: [{ name: 'Carte', amount: '120.00' }],
    });
    expect(customerLines(whole)[0]).toBe('sale WEB00039 D 109.09 AA 2024-03-15');
  });
});
