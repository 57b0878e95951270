import { describe, expect, it } from 'vitest';
import type { Encoding } from './definition.js';
import { createEncoder } from './encode.js';
import { FormatError } from './errors.js';

const hex = (buffer: Buffer): string => buffer.toString('hex');

describe('createEncoder', () => {
  it.each([
    ['utf-8', '', 'c3a9'],
    ['utf-8-bom', 'efbbbf', 'c3a9'],
    ['windows-1252', '', 'e9'],
    ['iso-8859-15', '', 'e9'],
    ['iso-8859-1', '', 'e9'],
    ['utf-16le', 'fffe', 'e900'],
    ['utf-16be', 'feff', '00e9'],
    ['utf-32le', 'fffe0000', 'e9000000'],
    ['utf-7', '', Buffer.from('+AOk-').toString('hex')],
  ] as const)('%s: BOM %s, é = %s', (encoding, bom, bytes) => {
    const encoder = createEncoder({ encoding });
    expect(hex(encoder.bom())).toBe(bom);
    expect(hex(encoder.encode('é'))).toBe(bytes);
  });

  it.each([
    ['windows-1252', '80'],
    ['iso-8859-15', 'a4'],
  ] as const)('writes € in %s as %s', (encoding, bytes) => {
    expect(hex(createEncoder({ encoding }).encode('€'))).toBe(bytes);
  });

  it('writes ASCII', () => {
    expect(hex(createEncoder({ encoding: 'ascii' }).encode('A;1\r\n'))).toBe('413b310d0a');
  });

  it.each(['ascii', 'iso-8859-1'] as Encoding[])('never writes a silent "?" in %s', (encoding) => {
    expect(() => createEncoder({ encoding }).encode('5 €')).toThrow(FormatError);
  });
});
