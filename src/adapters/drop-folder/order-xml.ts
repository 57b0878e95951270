// Streaming reader of the order interchange XML (order-xml.md). The file is read as a
// stream of documents: bytes are decoded and fed to saxes chunk by chunk, each <order> is
// built as a small tree while it is open and mapped as soon as it closes. Only the open
// order and the documents finished in the current chunk are in memory, so a 300 MB file
// is read in flat memory.
import { SaxesParser } from 'saxes';
import type { SalesDocument } from '../../domain/document.js';
import { DocumentError, ParseError } from '../../domain/errors.js';
import { mapOrder } from './order-fields.js';
import { collectUnknownPaths, type XmlNode } from './order-schema.js';
import {
  createChunkDecoder,
  InvalidUtf8Error,
  sniffEncoding,
  SNIFF_BYTES,
  UnknownEncodingError,
  type ChunkDecoder,
} from './xml-encoding.js';

export type OrderXmlItem =
  { ok: true; index: number; document: SalesDocument } | { ok: false; index: number; error: DocumentError };

export interface ReadOrderXmlOptions {
  /** File name for ParseError. */
  file?: string;
  /**
   * Called once per distinct unknown element path, from the root without indexes, e.g.
   * `orders/order/customer/birthday`; the content of unknown elements is ignored.
   */
  onUnknownElement?: (path: string) => void;
}

interface Failure {
  message: string;
  line: number;
  column: number;
  /** For the pages to say it in their language (ParseError). */
  code?: string;
  params?: Record<string, string>;
}

// Bounds that keep a hostile file (test/fixtures/hostile/) from taking the memory: no
// real order file comes near them, and one that does is refused with the reason.
/** Elements open at once, from the root. */
export const MAX_DEPTH = 64;
/** Characters of one element's text (a label, a note). */
export const MAX_TEXT = 100_000;
/** Characters saxes may hold between two events (one text, tag, attribute or comment). */
export const MAX_UNBROKEN = 1_000_000;
/** Elements in one document (10,000 lines of a dozen fields fit). */
export const MAX_ORDER_ELEMENTS = 500_000;

/**
 * Reads an order file and yields each document as its `</order>` closes: a SalesDocument
 * or the DocumentError that keeps it from being booked (the other documents go on).
 * Throws ParseError when the file is not a well-formed order file (bad encoding, DOCTYPE,
 * broken XML, root other than `<orders>`); documents yielded before stay yielded.
 * The root may also be a single `<order>` (a file holding one document, index 1).
 */
export async function* readOrderXml(
  input: NodeJS.ReadableStream | AsyncIterable<Buffer>,
  options: ReadOrderXmlOptions = {},
): AsyncGenerator<OrderXmlItem> {
  const { file } = options;
  const reader = new OrderTreeReader(options);
  let decoder: ChunkDecoder | undefined;
  let head: Buffer[] = [];
  let headLength = 0;

  const feed = (bytes: Buffer): void => {
    if (!decoder) {
      // Hold the first bytes back until the BOM and the declaration can be read whole.
      head.push(bytes);
      headLength += bytes.length;
      if (headLength < SNIFF_BYTES) return;
      decoder = startDecoder(Buffer.concat(head));
      head = [];
      return;
    }
    reader.write(decoder.write(bytes));
  };
  const startDecoder = (bytes: Buffer): ChunkDecoder => {
    const { encoding, bomLength } = sniffEncoding(bytes);
    const created = createChunkDecoder(encoding);
    reader.write(created.write(bytes.subarray(bomLength)));
    return created;
  };

  try {
    for await (const chunk of input as AsyncIterable<Buffer | string | Uint8Array>) {
      // A stream with setEncoding() gives strings: take them as UTF-8 bytes again.
      feed(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
      yield* reader.drain();
      reader.throwIfFailed(file);
    }
    decoder ??= startDecoder(Buffer.concat(head));
    reader.write(decoder.end());
    reader.close();
    yield* reader.drain();
    reader.throwIfFailed(file);
  } catch (error) {
    if (error instanceof UnknownEncodingError || error instanceof InvalidUtf8Error) {
      throw new ParseError(
        error.message,
        { file, line: reader.line, column: reader.column },
        { cause: error },
      );
    }
    throw error;
  }
}

/** Builds one small tree per <order> from saxes events and queues the mapped results. */
class OrderTreeReader {
  private readonly parser = new SaxesParser({ position: true });
  private readonly queue: OrderXmlItem[] = [];
  private readonly seenUnknown = new Set<string>();
  private readonly onUnknownElement: ((path: string) => void) | undefined;
  /** Open elements from the root; `node` is set from the <order> down. */
  private readonly stack: { name: string; node?: XmlNode }[] = [];
  private failure: Failure | undefined;
  private orderCount = 0;
  /** saxes's position at its last event: what it holds since then is bounded (MAX_UNBROKEN). */
  private lastEvent = 0;
  private orderElements = 0;

  constructor(options: ReadOrderXmlOptions) {
    this.onUnknownElement = options.onUnknownElement;
    const parser = this.parser;
    // saxes prefixes its messages with "line:column: "; ParseError places the position itself.
    parser.on('error', (error) =>
      this.fail(`The file is not well-formed XML: ${error.message.replace(/^\d+:\d+: /, '')}`, {
        code: 'xml.malformed',
        params: { detail: error.message.replace(/^\d+:\d+: /, '') },
      }),
    );
    // saxes never expands entities declared in a DTD, but refusing the DOCTYPE outright
    // also rules out external references and keeps the contract simple (XXE, billion laughs).
    parser.on('doctype', () => this.fail('DOCTYPE is not allowed'));
    parser.on('opentag', (tag) => this.openElement(tag.name));
    parser.on('closetag', () => this.closeElement());
    parser.on('text', (text) => this.text(text));
    parser.on('cdata', (text) => this.text(text));
    parser.on('comment', () => this.event());
    parser.on('processinginstruction', () => this.event());
  }

  private event(): void {
    this.lastEvent = this.parser.position;
  }

  get line(): number {
    return this.parser.line;
  }

  /** One-based, as editors show it (saxes counts from 0). */
  get column(): number {
    return this.parser.column + 1;
  }

  write(text: string): void {
    if (this.failure || !text) return;
    this.parser.write(text);
    if (!this.failure && this.parser.position - this.lastEvent > MAX_UNBROKEN) {
      this.fail(
        `More than ${MAX_UNBROKEN.toLocaleString('en')} characters without a tag (one text, attribute or comment): this is not an order file`,
      );
    }
  }

  close(): void {
    if (!this.failure) this.parser.close();
  }

  *drain(): Generator<OrderXmlItem> {
    while (this.queue.length > 0) yield this.queue.shift() as OrderXmlItem;
  }

  throwIfFailed(file: string | undefined): void {
    const failure = this.failure;
    if (failure) {
      const { message, line, column, code, params } = failure;
      throw new ParseError(message, { file, line, column, code, params });
    }
  }

  private fail(message: string, coded: Pick<Failure, 'code' | 'params'> = {}): void {
    // Keep the first error: what saxes reports after it is only its consequences.
    this.failure ??= { message, line: this.line, column: this.column, ...coded };
  }

  private openElement(name: string): void {
    this.event();
    if (this.failure) return;
    const depth = this.stack.length;
    if (depth >= MAX_DEPTH) {
      this.fail(
        `Elements are nested more than ${MAX_DEPTH} levels deep (<${name}>): this is not an order file`,
      );
      return;
    }
    const parent = this.stack[depth - 1];
    if (depth === 0 && name !== 'orders' && name !== 'order') {
      this.fail(`The root element must be <orders>, not <${name}>: this is not an order file`, {
        code: 'xml.notOrders',
        params: { name },
      });
      return;
    }
    const underOrders = depth === 1 && parent?.name === 'orders';
    let node: XmlNode | undefined;
    if (name === 'order' && (depth === 0 || underOrders)) {
      node = { name, text: '', children: [] };
      this.orderElements = 0;
    } else if (parent?.node) {
      if (++this.orderElements > MAX_ORDER_ELEMENTS) {
        this.fail(
          `Order ${this.orderCount + 1} has more than ${MAX_ORDER_ELEMENTS.toLocaleString('en')} elements`,
        );
        return;
      }
      node = { name, text: '', children: [] };
      parent.node.children.push(node);
    } else if (underOrders) {
      this.reportUnknown(`orders/${name}`);
    }
    this.stack.push(node ? { name, node } : { name });
  }

  private closeElement(): void {
    this.event();
    if (this.failure) return;
    const closed = this.stack.pop();
    const node = closed?.node;
    // The <order> is the only node with no node above it.
    if (!node || this.stack.at(-1)?.node) return;
    this.orderCount += 1;
    const prefix = this.stack.length === 0 ? '' : 'orders/';
    for (const path of collectUnknownPaths(node)) this.reportUnknown(prefix + path);
    this.queue.push(mapOrderItem(node, this.orderCount));
  }

  private text(text: string): void {
    this.event();
    const node = this.stack.at(-1)?.node;
    if (this.failure || !node) return;
    if (node.text.length + text.length > MAX_TEXT) {
      this.fail(`The text of <${node.name}> is longer than ${MAX_TEXT.toLocaleString('en')} characters`);
      return;
    }
    node.text += text;
  }

  private reportUnknown(path: string): void {
    if (this.seenUnknown.has(path)) return;
    this.seenUnknown.add(path);
    this.onUnknownElement?.(path);
  }
}

function mapOrderItem(node: XmlNode, index: number): OrderXmlItem {
  try {
    return { ok: true, index, document: mapOrder(node) };
  } catch (error) {
    if (error instanceof DocumentError) return { ok: false, index, error };
    throw error;
  }
}
