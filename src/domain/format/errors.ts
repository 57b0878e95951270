// Errors of the format engine. A value the target encoding cannot hold, or a number too
// long for its column, must stop the file with a message naming the field: writing a
// silent `?` or a cut amount would put wrong data in the books.
import { AppError } from '../errors.js';

export class FormatError extends AppError {
  /** The field at fault: its header name, or its catalogue id. */
  readonly field: string | undefined;

  constructor(
    code: 'format-encoding' | 'format-overflow' | 'format-date' | 'format-definition',
    message: string,
    field?: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
    this.field = field;
  }
}

/** "U+0153 «œ»": the code point makes invisible or look-alike characters identifiable. */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return `"${character}" (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}
