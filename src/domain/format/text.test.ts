import { describe, expect, it } from 'vitest';
import { FormatError } from './errors.js';
import { canEncode, cleanText, fitToEncoding, removeAccents, transliterate } from './text.js';

describe('transliterate', () => {
  it('reduces to ASCII', () => {
    expect(transliterate('Élodie œuvre à 12 € « ça » l’été — ok…')).toBe(
      'Elodie oeuvre a 12 EUR " ca " l\'ete - ok...',
    );
  });

  it('handles decomposed input', () => {
    expect(transliterate('Cafe\u0301')).toBe('Cafe');
  });
});

describe('removeAccents', () => {
  it('drops diacritics and keeps ligatures', () => {
    expect(removeAccents('Çà et là, œuf')).toBe('Ca et la, œuf');
  });
});

describe('canEncode', () => {
  it.each([
    ['€', 'windows-1252', true],
    ['€', 'iso-8859-15', true],
    ['€', 'iso-8859-1', false],
    ['œ', 'iso-8859-1', false],
    ['œ', 'windows-1252', true],
    ['é', 'ascii', false],
    ['é', 'iso-8859-1', true],
    ['¤', 'iso-8859-15', false],
    ['中', 'windows-1252', false],
    ['中', 'utf-16be', true],
  ] as const)('%s in %s: %s', (character, encoding, expected) => {
    expect(canEncode(character, encoding)).toBe(expected);
  });
});

describe('fitToEncoding', () => {
  it('transliterates when allowed, measured after', () => {
    expect(fitToEncoding('Bœuf 5 €', { encoding: 'iso-8859-1', transliterate: true, field: 'label' })).toBe(
      'Bœuf 5 EUR'.replace('œ', 'oe'),
    );
  });

  it('keeps what the encoding holds', () => {
    expect(fitToEncoding('Bœuf 5 €', { encoding: 'windows-1252', transliterate: true, field: 'label' })).toBe(
      'Bœuf 5 €',
    );
  });

  it('names the field and the character instead of writing "?"', () => {
    const fit = () => fitToEncoding('5 €', { encoding: 'ascii', transliterate: false, field: 'EcritureLib' });
    expect(fit).toThrow(FormatError);
    expect(fit).toThrow(/EcritureLib.*"€" \(U\+20AC\).*ascii/);
  });

  it('refuses a character without transliteration even when transliterating', () => {
    expect(() =>
      fitToEncoding('中', { encoding: 'windows-1252', transliterate: true, field: 'label' }),
    ).toThrow(/U\+4E2D/);
  });
});

describe('cleanText', () => {
  it('removes separators, tabs and line breaks, and collapses spaces', () => {
    expect(cleanText(' a;b\tc\r\nd  e ', [';', '\r\n'])).toBe('a b c d e');
  });
});
