import { createReadStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readOrderXml } from '../src/adapters/drop-folder/order-xml.js';
import { bookDocument } from '../src/domain/accounting/book.js';
import { createLetteringAllocator } from '../src/domain/accounting/lettering.js';
import { getFormat } from '../src/domain/format/predefined/index.js';
import { createRenderer } from '../src/domain/format/render.js';
import { defaultDropFolderProfile } from '../src/domain/presets/format-france.js';
import { writeOrderFile } from './corpus.js';
const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'prof-'));
const file = path.join(dir, 'o.xml');
writeOrderFile(file, 2000);
const docs = [];
for await (const it of readOrderXml(createReadStream(file))) if (it.ok) docs.push(it.document);
const profile = defaultDropFolderProfile('b', dir, dir);
const N = Number(process.env.N ?? 20000);
const run = (render: boolean) => {
  const letteringCode = createLetteringAllocator();
  const renderer = createRenderer(getFormat('fec')!, {});
  let t0 = performance.now(); let n = 0;
  for (let i = 0; i < N; i++) {
    const b = bookDocument(docs[i % docs.length]!, profile.accounting, { today: '2024-12-31', letteringCode });
    if (render) for (const e of b.entries) n += renderer.entryRecords(e, i).length;
  }
  return performance.now() - t0;
};
run(true);
const book = run(false); const both = run(true);
console.log(`book ${N} docs: ${book.toFixed(0)} ms (${(N / book * 1000).toFixed(0)} docs/s); book+render ${both.toFixed(0)} ms; render ${(both - book).toFixed(0)} ms`);
await fs.rm(dir, { recursive: true, force: true });
