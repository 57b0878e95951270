// A shop's documents as the pipeline reads them, kept on the way as an order XML file
// (order-xml.md): the run's "source document file", which converts to the same entries
// when dropped into a drop folder.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { DocumentQuery, ShopConnector } from '../adapters/shops/connector.js';
import { serializeOrder } from '../adapters/drop-folder/order-xml-writer.js';
import type { DocumentItem } from './convert.js';

export async function* shopDocuments(
  connector: ShopConnector,
  query: DocumentQuery,
  sourceFile: string,
): AsyncGenerator<DocumentItem> {
  const out = createWriteStream(sourceFile, { encoding: 'utf8' });
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) await once(out, 'drain');
  };
  let index = 0;
  try {
    await write('<?xml version="1.0" encoding="UTF-8"?>\n<orders>\n');
    for await (const listed of connector.listDocuments(query)) {
      index++;
      if (listed.ok) {
        await write(`${serializeOrder(listed.document)}\n`);
        yield { ok: true, index, document: listed.document };
      } else {
        yield { ok: false, index, id: listed.id, error: listed.error };
      }
    }
    await write('</orders>\n');
  } finally {
    out.end();
    await once(out, 'close');
  }
}
