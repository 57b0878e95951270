// VAT summary per period (FEATURES.md §4): bases and VAT per country and rate, sales and
// credit notes apart, then net — what the EU OSS return (per member state and rate) and the
// French CA3 (per rate) ask for. Read from the booked entries, not from the shop, so that it
// agrees to the cent with the VAT lines written: book currency, exact, no rounding of its own.
import type { IsoDate } from '../document.js';
import type { BookedDocument, Entry, EntryLine, LineRole } from '../entry.js';
import { ZERO, type Amount } from '../money.js';

export interface VatFigures {
  /** Tax-excluded amount taxed at the rate: products, shipping, packaging, less discounts. */
  base: Amount;
  vat: Amount;
}

export interface VatRow {
  /** Country the document was booked by (ISO alpha-2). */
  country: string;
  /** Percent. */
  rate: Amount;
  sales: VatFigures;
  creditNotes: VatFigures;
  /** Sales less credit notes. */
  net: VatFigures;
}

export interface VatSummary {
  /** Inclusive bounds on the sale's or credit note's entry date; undefined: open. */
  from?: IsoDate;
  to?: IsoDate;
  /** Documents counted (sales and credit notes in the period). */
  documents: number;
  /** By country, then rate. */
  rows: VatRow[];
  total: Omit<VatRow, 'country' | 'rate'>;
}

export interface VatAccumulator {
  /** Counts a booked document when its sale or credit-note entry falls in the period. */
  add(booked: BookedDocument): void;
  summary(): VatSummary;
}

/** Roles whose tax-excluded amount makes the base of their rate; deviations and adjustments are no sale. */
const BASE_ROLES: ReadonlySet<LineRole> = new Set(['product', 'discount', 'shipping', 'wrapping']);

const emptyFigures = (): VatFigures => ({ base: ZERO, vat: ZERO });

const plus = (a: VatFigures, b: VatFigures): VatFigures => ({
  base: a.base.plus(b.base),
  vat: a.vat.plus(b.vat),
});

const minus = (a: VatFigures, b: VatFigures): VatFigures => ({
  base: a.base.minus(b.base),
  vat: a.vat.minus(b.vat),
});

interface Cell {
  country: string;
  rate: Amount;
  sales: VatFigures;
  creditNotes: VatFigures;
}

/** A credit note is the mirror of a sale: its amounts count on the debit side. */
function signed(line: EntryLine, entry: Entry): Amount {
  const credit = line.credit.minus(line.debit);
  return entry.kind === 'creditnote' ? credit.neg() : credit;
}

function inPeriod(date: IsoDate, from?: IsoDate, to?: IsoDate): boolean {
  return (from === undefined || date >= from) && (to === undefined || date <= to);
}

export function createVatAccumulator(period: { from?: IsoDate; to?: IsoDate } = {}): VatAccumulator {
  const cells = new Map<string, Cell>();
  let documents = 0;

  function cellOf(country: string, rate: Amount): Cell {
    // Big writes 20.000 and 20 alike ("20"): one row per rate however the shop spelled it.
    const key = `${country}\u0000${rate.toString()}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { country, rate, sales: emptyFigures(), creditNotes: emptyFigures() };
      cells.set(key, cell);
    }
    return cell;
  }

  function addEntry(entry: Entry, country: string): void {
    for (const line of entry.lines) {
      if (line.taxRate === undefined) continue;
      const isTax = line.role === 'tax';
      if (!isTax && !BASE_ROLES.has(line.role)) continue;
      const cell = cellOf(country, line.taxRate);
      const side = entry.kind === 'creditnote' ? 'creditNotes' : 'sales';
      const amount = signed(line, entry);
      const figures = cell[side];
      cell[side] = isTax
        ? { base: figures.base, vat: figures.vat.plus(amount) }
        : { base: figures.base.plus(amount), vat: figures.vat };
    }
  }

  return {
    add(booked) {
      const main = booked.entries.find((e) => e.kind === 'sale' || e.kind === 'creditnote');
      if (!main || !inPeriod(main.date, period.from, period.to)) return;
      documents++;
      addEntry(main, booked.country ?? '');
    },
    summary() {
      const rows: VatRow[] = [...cells.values()]
        .sort((a, b) => (a.country === b.country ? a.rate.cmp(b.rate) : a.country < b.country ? -1 : 1))
        .map((cell) => ({ ...cell, net: minus(cell.sales, cell.creditNotes) }));
      const total = rows.reduce(
        (t, row) => ({
          sales: plus(t.sales, row.sales),
          creditNotes: plus(t.creditNotes, row.creditNotes),
          net: plus(t.net, row.net),
        }),
        { sales: emptyFigures(), creditNotes: emptyFigures(), net: emptyFigures() },
      );
      return { ...period, documents, rows, total };
    },
  };
}

/** The summary of documents already booked, in one call. */
export function summarizeVat(
  booked: Iterable<BookedDocument>,
  period: { from?: IsoDate; to?: IsoDate } = {},
): VatSummary {
  const accumulator = createVatAccumulator(period);
  for (const doc of booked) accumulator.add(doc);
  return accumulator.summary();
}
