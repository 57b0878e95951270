// Builds a large order file from the realistic corpus (2024-03-boutique-cdata.xml: multi-tax,
// discounts, wrapping, payments, credit notes): its documents are repeated in order and
// renumbered, so that every document has its own ledger key and none is skipped as a duplicate.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('../test/fixtures/orders/2024-03-boutique-cdata.xml', import.meta.url));

/** The <order> elements of the source file, as written (CDATA and indentation kept). */
function sourceDocuments(): string[] {
  const text = readFileSync(SOURCE, 'utf8');
  const documents = text.match(/ {2}<order>[\s\S]*?<\/order>\n/g) ?? [];
  if (documents.length === 0) throw new Error(`no <order> in ${SOURCE}`);
  return documents;
}

// The keys that make up documentKey (shop/order/… or shop/creditnote/…), renumbered per copy.
const KEY = /<(order_key|creditnote_key)><!\[CDATA\[(\d+)\]\]><\/\1>/g;

function renumber(document: string, copy: number): string {
  return document.replace(KEY, (_, name: string, key: string) => {
    const unique = String(copy * 10_000 + Number(key));
    return `<${name}><![CDATA[${unique}]]></${name}>`;
  });
}

/**
 * Writes `count` documents to `file` (UTF-8) in batches, never holding the whole file in
 * memory. Returns the size in bytes.
 */
export function writeOrderFile(file: string, count: number): number {
  const documents = sourceDocuments();
  const fd = openSync(file, 'w');
  let bytes = 0;
  const put = (text: string): void => {
    bytes += writeSync(fd, text, null, 'utf8');
  };
  try {
    put('<?xml version="1.0" encoding="UTF-8"?>\n<orders>\n');
    let batch: string[] = [];
    for (let i = 0; i < count; i++) {
      const copy = Math.floor(i / documents.length) + 1;
      batch.push(renumber(documents[i % documents.length] as string, copy));
      if (batch.length === 500) {
        put(batch.join(''));
        batch = [];
      }
    }
    put(batch.join('') + '</orders>\n');
  } finally {
    closeSync(fd);
  }
  return bytes;
}
