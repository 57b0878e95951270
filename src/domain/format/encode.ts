// Text → bytes with iconv-lite (pure). The BOM is written once at the start of a file, so
// `encode` never adds one: a file is encoded in many chunks.
import iconv from 'iconv-lite';
import type { Encoding, FormatDefinition } from './definition.js';
import { describeCharacter, FormatError } from './errors.js';
import { findUnencodable } from './text.js';

const BOMS: Partial<Record<Encoding, readonly number[]>> = {
  'utf-8-bom': [0xef, 0xbb, 0xbf],
  'utf-16le': [0xff, 0xfe],
  'utf-16be': [0xfe, 0xff],
  'utf-32le': [0xff, 0xfe, 0x00, 0x00],
  'utf-32be': [0x00, 0x00, 0xfe, 0xff],
};

/** iconv-lite's name for each encoding (UTF-8 with BOM is UTF-8 with 3 bytes written first). */
export function iconvName(encoding: Encoding): string {
  return encoding === 'utf-8-bom' ? 'utf-8' : encoding;
}

export interface Encoder {
  bom(): Buffer;
  encode(text: string): Buffer;
}

export function createEncoder(format: Pick<FormatDefinition, 'encoding'>): Encoder {
  const { encoding } = format;
  const name = iconvName(encoding);
  if (!iconv.encodingExists(name))
    throw new FormatError('format-definition', `unknown encoding "${encoding}"`);
  const bom = Buffer.from(BOMS[encoding] ?? []);
  return {
    bom: () => Buffer.from(bom),
    encode(text) {
      // The renderer has already made every value encodable; this guard makes sure nothing
      // reaches iconv-lite that it would silently write as "?".
      const bad = findUnencodable(text, encoding);
      if (bad !== undefined) {
        throw new FormatError(
          'format-encoding',
          `${describeCharacter(bad)} cannot be written in ${encoding}`,
        );
      }
      return iconv.encode(text, name, { addBOM: false });
    },
  };
}
