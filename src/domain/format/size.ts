// Field lengths in a fixed-width file are counted in the units a reader of that encoding
// counts: bytes in UTF-8, 16-bit units in UTF-16, code points in UTF-32 and in single-byte
// encodings. So a line of width N is always N × (bytes per unit) bytes, whatever accents
// or emoji the values hold, and a cut never splits a character.
import type { Encoding } from './definition.js';

export interface Sizer {
  /** Length of a text in the encoding's units. */
  measure(text: string): number;
  /** The first (or last) characters of `text` that fit in `width` units. */
  cut(text: string, width: number, take: 'first' | 'last'): string;
  /** Pads to `width` units; zero padding goes after a sign (-0012,50, not 00-12,50). */
  pad(text: string, width: number, pad: string, align: 'left' | 'right'): string;
}

/** Printable ASCII is one unit in every encoding we write: the common case costs nothing. */
const PLAIN = /^[\x20-\x7e]*$/;

function unitCounter(encoding: Encoding): (character: string) => number {
  if (encoding === 'utf-8' || encoding === 'utf-8-bom') return (c) => Buffer.byteLength(c, 'utf8');
  if (encoding === 'utf-16le' || encoding === 'utf-16be') return (c) => c.length;
  return () => 1;
}

export function createSizer(encoding: Encoding): Sizer {
  const units = unitCounter(encoding);
  const measure = (text: string): number => {
    if (PLAIN.test(text)) return text.length;
    let total = 0;
    for (const character of text) total += units(character);
    return total;
  };
  return {
    measure,
    cut(text, width, take) {
      const characters = Array.from(text);
      if (take === 'last') characters.reverse();
      const kept: string[] = [];
      let used = 0;
      for (const character of characters) {
        const size = units(character);
        if (used + size > width) break;
        kept.push(character);
        used += size;
      }
      if (take === 'last') kept.reverse();
      return kept.join('');
    },
    pad(text, width, pad, align) {
      const count = Math.floor((width - measure(text)) / Math.max(1, measure(pad)));
      if (count <= 0) return text;
      const padding = pad.repeat(count);
      if (align === 'left') return text + padding;
      const sign = /^[-+]/.test(text) && pad === '0' ? text.charAt(0) : '';
      return sign + padding + text.slice(sign.length);
    },
  };
}
