// Golden files of lettering (issue 10): one file of documents booked with one allocator — a
// sale paid in one payment, in two, in part, not at all; a credit note refunded in full and
// one not refunded — written in FEC (EcritureLet / DateLet) and Quadratus (Lettrage).
// Generated with COMPTOIR_WRITE_GOLDEN=1 when missing, then checked by hand.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bookDocument } from '../../src/domain/accounting/book.js';
import { createLetteringAllocator } from '../../src/domain/accounting/lettering.js';
import { buildDocument, type DocumentSpec } from '../../src/domain/accounting/testing.js';
import type { Entry } from '../../src/domain/entry.js';
import { checkFec } from '../../src/domain/format/fec-check.js';
import { getFormat } from '../../src/domain/format/predefined/index.js';
import { renderText } from '../../src/domain/format/render.js';
import { formatFranceAccounting } from '../../src/domain/presets/format-france.js';

const GOLDEN_DIR = path.resolve(import.meta.dirname, '../fixtures/golden');
const WRITE = process.env.COMPTOIR_WRITE_GOLDEN === '1';

const line = { excl: '100.00', incl: '120.00' };
const DOCUMENTS: DocumentSpec[] = [
  // Paid in one payment, with a fee: lettered AA on the payment date.
  { orderKey: '101', payments: [{ name: 'Carte', amount: '120.00', fee: '1.80', date: '2024-03-16' }] },
  // Paid in two payments: lettered AB on the second one's date.
  {
    orderKey: '102',
    orderDate: '2024-03-17',
    payments: [
      { name: 'Carte', amount: '20.00', date: '2024-03-17' },
      { name: 'Carte', amount: '100.00', date: '2024-03-22' },
    ],
  },
  // Partly paid, then unpaid: not lettered.
  { orderKey: '103', orderDate: '2024-03-18', payments: [{ name: 'Carte', amount: '50.00' }] },
  { orderKey: '104', orderDate: '2024-03-19' },
  // Another customer's first lettering: AA on its own account.
  {
    orderKey: '105',
    orderDate: '2024-03-20',
    customer: { ...buildDocument().customer, key: '40', lastname: 'Martin' },
    payments: [{ name: 'Carte', amount: '120.00' }],
  },
  // A credit note refunded in full (AC), one not refunded.
  {
    type: 'CREDITNOTE',
    orderKey: '101',
    creditNoteKey: '9',
    creditNoteDate: '2024-03-25',
    lines: [{ excl: '50.00', incl: '60.00' }],
    payments: [{ name: 'Carte', amount: '60.00', date: '2024-03-26' }],
  },
  {
    type: 'CREDITNOTE',
    orderKey: '102',
    creditNoteKey: '10',
    creditNoteDate: '2024-03-27',
    lines: [{ excl: '10.00', incl: '12.00' }],
  },
];

function bookAll(): Entry[] {
  const settings = formatFranceAccounting();
  const letteringCode = createLetteringAllocator();
  return DOCUMENTS.flatMap(
    (spec) =>
      bookDocument(buildDocument({ lines: [line], ...spec }), settings, {
        today: '2024-04-01',
        letteringCode,
      }).entries,
  );
}

async function compareGolden(name: string, text: string): Promise<void> {
  const golden = path.join(GOLDEN_DIR, name);
  if (WRITE && !existsSync(golden)) await writeFile(golden, text, 'utf8');
  expect(text).toBe(await readFile(golden, 'utf8'));
}

describe('lettering golden files', () => {
  it('FEC: EcritureLet and DateLet on the settled customer lines; check-fec accepts it', async () => {
    const text = renderText(getFormat('fec')!, bookAll(), { bookCurrency: 'EUR', accountLength: 6 });
    await compareGolden('lettering-fec.txt', text);
    expect(checkFec(text.split('\r\n'), '123456789FEC20241231.txt')).toEqual([]);
    const lettered = text.split('\r\n').filter((record) => /\t[A-Z]{2}\t\d{8}\t/.test(record));
    expect(lettered).toHaveLength(9); // 101: 2 lines, 102: 3, 105: 2, credit note 9: 2
  });

  it('Quadratus: the code in the Lettrage column', async () => {
    const text = renderText(getFormat('quadratus')!, bookAll(), { bookCurrency: 'EUR', accountLength: 6 });
    await compareGolden('lettering-quadratus.txt', text);
  });
});
