// Text as the accounting package will read it: cleaned of what would break a record,
// and reduced to what the target encoding can hold.
import iconv from 'iconv-lite';
import type { Encoding } from './definition.js';
import { describeCharacter, FormatError } from './errors.js';

/** Characters NFD cannot reduce to ASCII (ligatures, typographic punctuation, symbols). */
const TRANSLITERATIONS: Record<string, string> = {
  œ: 'oe',
  Œ: 'OE',
  æ: 'ae',
  Æ: 'AE',
  ß: 'ss',
  ẞ: 'SS',
  ø: 'o',
  Ø: 'O',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  ł: 'l',
  Ł: 'L',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  '€': 'EUR',
  '£': 'GBP',
  '¥': 'JPY',
  '‘': "'",
  '’': "'",
  '‚': "'",
  '‛': "'",
  '′': "'",
  '‹': "'",
  '›': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '″': '"',
  '«': '"',
  '»': '"',
  '–': '-',
  '—': '-',
  '‐': '-',
  '‑': '-',
  '−': '-',
  '…': '...',
  '•': '*',
  '·': '.',
  '×': 'x',
  '÷': '/',
  '°': 'o',
  '©': '(c)',
  '®': '(R)',
  '™': 'TM',
  '\u00a0': ' ',
  '\u2007': ' ',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u200b': '',
  '\ufeff': '',
};

const COMBINING_MARKS = /\p{M}/gu;

/** é → e, Ç → C: decomposes and drops the diacritics, keeping letters like œ. */
export function removeAccents(text: string): string {
  return text.normalize('NFD').replace(COMBINING_MARKS, '').normalize('NFC');
}

/** The closest ASCII spelling of one character ('' when it has none). */
export function transliterateCharacter(character: string): string {
  const mapped = TRANSLITERATIONS[character];
  if (mapped !== undefined) return mapped;
  const stripped = removeAccents(character);
  return /^[\x20-\x7e]*$/.test(stripped) ? stripped : '';
}

/** Transliterates every non-ASCII character of a text (é→e, œ→oe, €→EUR, « » → "). */
export function transliterate(text: string): string {
  let out = '';
  for (const character of text.normalize('NFC')) {
    out += character < '\u0080' ? character : transliterateCharacter(character);
  }
  return out;
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, control characters included
const ASCII = /^[\x00-\x7f]*$/;
const SURROGATE = /[\ud800-\udfff]/;

const MEMO = new Map<Encoding, Map<string, boolean>>();

/** Whether the encoding can hold a character (one code point), checked by an encode/decode round trip. */
export function canEncode(character: string, encoding: Encoding): boolean {
  const code = character.codePointAt(0) ?? 0;
  if (code < 0x80) return true;
  if (code >= 0xd800 && code <= 0xdfff) return false; // a lone surrogate is written as U+FFFD
  if (encoding === 'ascii') return false;
  if (encoding === 'iso-8859-1') return code <= 0xff;
  if (encoding.startsWith('utf-')) return true;
  let memo = MEMO.get(encoding);
  if (!memo) MEMO.set(encoding, (memo = new Map()));
  let result = memo.get(character);
  if (result === undefined) {
    result = iconv.decode(iconv.encode(character, encoding), encoding) === character;
    memo.set(character, result);
  }
  return result;
}

/** The first character of `text` the encoding cannot hold, if any. */
export function findUnencodable(text: string, encoding: Encoding): string | undefined {
  if (ASCII.test(text)) return undefined;
  // UTF encodings hold everything but a lone surrogate.
  if (encoding.startsWith('utf-') && !SURROGATE.test(text)) return undefined;
  for (const character of text) if (!canEncode(character, encoding)) return character;
  return undefined;
}

export interface FitOptions {
  encoding: Encoding;
  transliterate: boolean;
  /** Named in the error: the field's header or id. */
  field: string;
  /** Where the value comes from, e.g. "piece F0001, line 2". */
  where?: string;
}

/** Makes `text` encodable: transliterates what the encoding cannot hold when allowed, else throws. */
export function fitToEncoding(text: string, options: FitOptions): string {
  if (findUnencodable(text, options.encoding) === undefined) return text;
  let out = '';
  for (const character of text) {
    if (canEncode(character, options.encoding)) {
      out += character;
      continue;
    }
    const replacement = options.transliterate ? transliterateCharacter(character) : undefined;
    // An empty replacement would drop the character silently: treat it as unencodable.
    if (!replacement || findUnencodable(replacement, options.encoding) !== undefined) {
      const where = options.where ? `${options.where}: ` : '';
      const hint = options.transliterate
        ? 'it has no transliteration; change the text or choose another encoding'
        : 'enable transliteration or choose another encoding (e.g. UTF-8)';
      throw new FormatError(
        'format-encoding',
        `${where}field ${options.field} contains ${describeCharacter(character)}, which ${options.encoding} cannot hold: ${hint}`,
        options.field,
      );
    }
    out += replacement;
  }
  return out;
}

/**
 * Removes from a value what would break the record: the separators, tabs, line breaks and
 * other control characters (each replaced by a space, then runs of spaces collapsed).
 */
export function cleanText(text: string, separators: readonly string[], collapse = true): string {
  let out = PLAIN.test(text) ? text : text.normalize('NFC');
  for (const separator of separators) {
    if (separator && out.includes(separator)) out = out.split(separator).join(separator === ' ' ? '' : ' ');
  }
  // Most values are already clean: skip the replacements (a run may have millions of them).
  if (!(collapse ? MESSY : CONTROL).test(out)) return out;
  out = out.replace(CONTROLS, ' ');
  return collapse ? out.replace(/ {2,}/g, ' ').trim() : out;
}

/* eslint-disable no-control-regex -- control characters are exactly what is removed */
/** Printable ASCII: nothing to normalize. */
const PLAIN = /^[\x20-\x7e]*$/;
const CONTROL = /[\x00-\x1f\x7f\u2028\u2029]/;
const CONTROLS = /[\x00-\x1f\x7f\u2028\u2029]/g;
const MESSY = /[\x00-\x1f\x7f\u2028\u2029]| {2}|^ | $/;
/* eslint-enable no-control-regex */
