// Golden files (issue 4): every predefined format, from one shared corpus, byte for byte.
// Generated once with COMPTOIR_WRITE_GOLDEN=1, checked by hand against formats.md, then
// committed as bytes; a difference here is a change of what the packages import.
import iconv from 'iconv-lite';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getFormat, listFormats } from '../../domain/format/predefined/index.js';
import { renderCustomersText, renderText } from '../../domain/format/render.js';
import {
  CORPUS_ACCOUNT_LENGTH,
  CORPUS_CUSTOMERS,
  CORPUS_DOCUMENTS,
} from '../../../test/helpers/format-corpus.js';
import { openCustomersFile } from './customers-file.js';
import { openOutboxFile } from './outbox.js';

const GOLDEN_DIR = path.resolve(import.meta.dirname, '../../../test/fixtures/golden');
const WRITE = process.env.COMPTOIR_WRITE_GOLDEN === '1';

async function compareGolden(name: string, written: Buffer): Promise<void> {
  const golden = path.join(GOLDEN_DIR, name);
  if (WRITE && !existsSync(golden)) await writeFile(golden, written);
  const expected = await readFile(golden);
  expect(iconv.decode(written, 'latin1')).toBe(iconv.decode(expected, 'latin1'));
  expect(written.equals(expected)).toBe(true);
}

const entriesFormats = listFormats().filter((f) => f.kind === 'entries');
const customersFormats = listFormats().filter((f) => f.kind === 'customers');

describe('golden files of the predefined formats', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'comptoir-golden-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it.each(entriesFormats.map((f) => f.id))('%s writes its golden file', async (id) => {
    const format = getFormat(id)!;
    const options = { bookCurrency: 'EUR', accountLength: CORPUS_ACCOUNT_LENGTH };
    const file = await openOutboxFile(dir, format, options);
    let next = 1;
    for (const entries of CORPUS_DOCUMENTS) {
      await file.writeEntries(entries, next);
      next += entries.length;
    }
    const closed = await file.close();
    const written = await readFile(closed.tmpPath);
    await compareGolden(`${id}.txt`, written);
    // The streamed file and the preview's text are the same text.
    const text = renderText(format, CORPUS_DOCUMENTS.flat(), options);
    expect(iconv.decode(written, format.encoding === 'utf-8-bom' ? 'utf-8' : format.encoding)).toBe(text);
  });

  it.each(customersFormats.map((f) => f.id))('%s writes its golden file', async (id) => {
    const format = getFormat(id)!;
    const file = await openCustomersFile(dir, format);
    for (const customer of [...CORPUS_CUSTOMERS, ...CORPUS_CUSTOMERS]) await file.writeCustomer(customer);
    const closed = await file.close();
    expect(closed.lines).toBe(CORPUS_CUSTOMERS.length); // each account once
    const written = await readFile(closed.tmpPath);
    await compareGolden(`${id}.txt`, written);
    expect(iconv.decode(written, format.encoding)).toBe(renderCustomersText(format, CORPUS_CUSTOMERS));
  });

  it('Windows-1252 files decode back to the text rendered', async () => {
    for (const { id } of listFormats()) {
      const format = getFormat(id)!;
      if (format.encoding !== 'windows-1252') continue;
      const bytes = await readFile(path.join(GOLDEN_DIR, `${id}.txt`));
      const text = iconv.decode(bytes, 'windows-1252');
      expect(iconv.encode(text, 'windows-1252').equals(bytes)).toBe(true);
      expect(text).not.toContain('?');
      expect(text).not.toContain('\ufffd');
    }
  });
});
