// Byte-level side of the order XML reader: find the encoding from the first bytes (BOM,
// then the XML declaration) and decode chunk by chunk, so that a character split across
// two chunks is still decoded once, whole.
import iconv from 'iconv-lite';

/** Encodings the drop folder accepts (order-xml.md: UTF-8, ISO-8859-1, Windows-1252 at least). */
export type XmlEncoding = 'utf-8' | 'windows-1252' | 'iso-8859-15' | 'utf-16le' | 'utf-16be';

/** Enough bytes to hold any sane XML declaration; sniffing waits for this much or the end. */
export const SNIFF_BYTES = 1024;

// Declared names, lower-cased, to the decoder used. ISO-8859-1 is decoded as Windows-1252,
// as browsers do (WHATWG Encoding): shops that declare Latin-1 often write the Windows
// euro sign 0x80, and 0x80-0x9F are never meaningful C1 controls in an order.
const ALIASES: Record<string, XmlEncoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'us-ascii': 'utf-8',
  ascii: 'utf-8',
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  iso_8859_1: 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'latin-1': 'windows-1252',
  l1: 'windows-1252',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'x-cp1252': 'windows-1252',
  'iso-8859-15': 'iso-8859-15',
  'iso8859-15': 'iso-8859-15',
  'iso_8859-15': 'iso-8859-15',
  latin9: 'iso-8859-15',
  'latin-9': 'iso-8859-15',
  'utf-16': 'utf-16le',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
};

export interface SniffResult {
  encoding: XmlEncoding;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

/** Thrown for a declared encoding we do not read; the reader turns it into a ParseError. */
export class UnknownEncodingError extends Error {
  constructor(readonly declared: string) {
    super(
      `Unknown encoding "${declared}": save the file as UTF-8, ISO-8859-1 or Windows-1252 and declare it in <?xml ... encoding="..."?>`,
    );
  }
}

/** Resolves a declared encoding name, or throws UnknownEncodingError. */
export function resolveEncoding(declared: string): XmlEncoding {
  const found = ALIASES[declared.trim().toLowerCase()];
  if (!found) throw new UnknownEncodingError(declared);
  return found;
}

/**
 * Finds the encoding from the first bytes of the file (`head`: at least SNIFF_BYTES, or the
 * whole file when shorter). A BOM wins over the declaration; no declaration means UTF-8.
 */
export function sniffEncoding(head: Buffer): SniffResult {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  // UTF-16 without a BOM still starts with "<?" in two-byte units (XML 1.0 appendix F).
  if (head[0] === 0x3c && head[1] === 0x00 && head[2] === 0x3f && head[3] === 0x00) {
    return { encoding: 'utf-16le', bomLength: 0 };
  }
  if (head[0] === 0x00 && head[1] === 0x3c && head[2] === 0x00 && head[3] === 0x3f) {
    return { encoding: 'utf-16be', bomLength: 0 };
  }
  // Every accepted single-byte encoding is ASCII-compatible, so the declaration reads as latin1.
  const text = head.toString('latin1');
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    const declaration = end === -1 ? text : text.slice(0, end);
    const match = /\bencoding\s*=\s*(["'])([^"']*)\1/.exec(declaration);
    if (match?.[2] !== undefined) return { encoding: resolveEncoding(match[2]), bomLength: 0 };
  }
  return { encoding: 'utf-8', bomLength: 0 };
}

export interface ChunkDecoder {
  /** Decodes one chunk; bytes of an unfinished character are kept for the next call. */
  write(chunk: Buffer): string;
  /** Flushes what is left at the end of the input. */
  end(): string;
}

/** Thrown when a file declared (or defaulted to) UTF-8 holds bytes that are not UTF-8. */
export class InvalidUtf8Error extends Error {
  constructor() {
    super(
      'The file is not valid UTF-8: declare its real encoding in the XML declaration, e.g. <?xml version="1.0" encoding="ISO-8859-1"?>',
    );
  }
}

/** A streaming decoder for `encoding`. */
export function createChunkDecoder(encoding: XmlEncoding): ChunkDecoder {
  if (encoding === 'utf-8') {
    // TextDecoder with fatal: a Latin-1 file saved without its declaration must fail
    // loudly rather than turn every "é" of customer names into U+FFFD.
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const guard = (run: () => string): string => {
      try {
        return run();
      } catch (error) {
        if (error instanceof TypeError) throw new InvalidUtf8Error();
        throw error;
      }
    };
    return {
      write: (chunk) => guard(() => decoder.decode(chunk, { stream: true })),
      end: () => guard(() => decoder.decode()),
    };
  }
  // The BOM is skipped by the caller (bomLength), so iconv must not strip anything else.
  const decoder = iconv.getDecoder(encoding, { stripBOM: false });
  return {
    write: (chunk) => decoder.write(chunk),
    end: () => decoder.end() ?? '',
  };
}
