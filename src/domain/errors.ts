// Errors a user can act on. Each has a stable code (like Outline's errors.ts ids) and a
// message that says what is wrong and what to do.

export class AppError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
  }
}

/** Bad configuration (environment, profile); listed at start-up or when a profile is saved. */
export class ConfigError extends AppError {
  readonly problems: string[];

  constructor(problems: string[], options?: { cause?: unknown }) {
    super('config', problems.join('\n'), options);
    this.problems = problems;
  }
}

/** A whole input that cannot be read (not well-formed XML, unknown encoding...). */
export class ParseError extends AppError {
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;

  /** Values of `message` for the pages' translation of `code` (web/journal-text.ts), besides line and column. */
  readonly params: Record<string, string> | undefined;

  constructor(
    message: string,
    where: {
      file?: string;
      line?: number;
      column?: number;
      code?: string;
      params?: Record<string, string>;
    } = {},
    options?: { cause?: unknown },
  ) {
    const position = where.line === undefined ? '' : ` (line ${where.line}, column ${where.column ?? 0})`;
    super(where.code ?? 'parse', `${message}${position}`, options);
    this.file = where.file;
    this.line = where.line;
    this.column = where.column;
    this.params = where.params;
  }
}

/** One document that cannot be booked; the others go on. */
export class DocumentError extends AppError {
  /** Human id of the document, e.g. "order 6" or "credit note 12 (order 6)". */
  readonly document: string;
  /** The field at fault (order-xml.md element name), when there is one. */
  readonly field: string | undefined;
  /** What is wrong, without the document prefix. */
  readonly problem: string;
  /** What the user should change to fix it. */
  readonly fix: string;
  /**
   * The values of problem and fix, given with a `code` the pages translate
   * (runError.<code>.problem / .fix, web/journal-text.ts); problem and fix stay in English.
   */
  readonly params: Record<string, string> | undefined;

  constructor(
    document: string,
    problem: string,
    details: { field?: string; fix: string; code?: string; params?: Record<string, string> },
    options?: { cause?: unknown },
  ) {
    const where = details.field ? ` [${details.field}]` : '';
    super(details.code ?? 'document', `${document}${where}: ${problem}`, options);
    this.document = document;
    this.field = details.field;
    this.fix = details.fix;
    this.problem = problem;
    this.params = details.params;
  }
}

/** A delivery that failed; `retryable` says whether trying again later may succeed. */
export class DeliveryError extends AppError {
  readonly retryable: boolean;

  constructor(message: string, retryable: boolean, options?: { cause?: unknown }) {
    super('delivery', message, options);
    this.retryable = retryable;
  }
}
