// Every fixed-width line has exactly its width in bytes, in its encoding, whatever the values.
import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Entry } from '../entry.js';
import type { Encoding, FormatDefinition } from './definition.js';
import { createEncoder } from './encode.js';
import { getFormat } from './predefined/index.js';
import { createRenderer } from './render.js';

function entryWith(label: string, piece: string, cents: number, aux: string): Entry {
  const amount = Big(cents).div(100);
  return {
    kind: 'sale',
    documentKey: 'order:1',
    journal: 'VTE',
    journalLabel: 'Ventes',
    date: '2025-03-07',
    pieceNumber: piece,
    pieceDate: '2025-03-07',
    reference: piece,
    label,
    currencyCode: 'EUR',
    currencyRate: Big(1),
    lines: [
      {
        role: 'customer',
        account: '411000',
        accountLabel: 'Clients',
        auxiliaryAccount: aux,
        auxiliaryLabel: label,
        label,
        debit: amount,
        credit: Big(0),
      },
      { role: 'product', account: '707200', accountLabel: 'Ventes', label, debit: Big(0), credit: amount },
    ],
  };
}

const LATIN = ['a', 'é', 'œ', '€', ';', '"', '\t', '\n', ' ', 'Z', 'ß', '«'];
/** Text with what breaks fixed widths: accents, separators; emoji (surrogate pairs) and CJK in UTF. */
const textFor = (encoding: Encoding) =>
  fc.string({
    // A single-byte encoding cannot hold 😀 or 漢: that is a clear error, tested in render.test.ts.
    unit: fc.constantFrom(...LATIN, ...(encoding.startsWith('utf') ? ['😀', '漢'] : [])),
    maxLength: 60,
  });
const piece = fc.string({ unit: fc.constantFrom('F', 'A', '-', '0', '9', 'é'), minLength: 1, maxLength: 30 });

const BYTES_PER_UNIT: Partial<Record<Encoding, number>> = {
  'utf-16le': 2,
  'utf-16be': 2,
  'utf-32le': 4,
  'utf-32be': 4,
};

function lineWidth(format: FormatDefinition, auxiliary = false): number {
  const fields = auxiliary ? (format.auxiliaryRecord?.fields ?? []) : format.fields;
  return fields.reduce((sum, f) => sum + (f.width ?? 0), 0);
}

const cases: [string, Encoding][] = [
  ['ciel', 'windows-1252'],
  ['quadratus', 'ascii'],
  ['quadratus', 'utf-8'],
  ['ciel', 'utf-8-bom'],
  ['quadratus', 'utf-16le'],
  ['ciel', 'utf-16be'],
  ['quadratus', 'utf-32le'],
  ['ciel', 'utf-32be'],
  ['ciel', 'iso-8859-15'],
];

describe('fixed-width lines', () => {
  it.each(cases)('%s in %s: every line is its width in bytes', (id, encoding) => {
    const format: FormatDefinition = { ...getFormat(id)!, encoding };
    const renderer = createRenderer(format);
    const encoder = createEncoder(format);
    const unit = BYTES_PER_UNIT[encoding] ?? 1;
    const nasty = textFor(encoding);
    fc.assert(
      fc.property(
        nasty,
        piece,
        fc.integer({ min: 0, max: 99_999_999_999 }),
        nasty,
        (label, number, cents, aux) => {
          const entry = entryWith(label, number, cents, aux.trim() || 'C1');
          const known = new Set<string>();
          for (const record of renderer.auxiliaryRecords(entry, 1, known)) {
            expect(encoder.encode(record).length).toBe(lineWidth(format, true) * unit);
          }
          for (const record of renderer.entryRecords(entry, 1)) {
            expect(encoder.encode(record).length).toBe(lineWidth(format) * unit);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('ciel is 142 and quadratus 231 characters wide', () => {
    expect(lineWidth(getFormat('ciel')!)).toBe(142);
    expect(lineWidth(getFormat('quadratus')!)).toBe(231);
  });
});
