// The run's reconciliation (issue 3 §7): what a controller checks before trusting a file.
// Documents read / booked / failed / ignored with their reasons, totals per journal and per
// account, and the check "customer debits of sales = Σ total_paid_tax_incl" (credit notes
// mirrored), all in the book currency. Pure: the pipeline feeds it, one document at a time.
import type { DocumentType } from '../document.js';
import type { BookedDocument, Entry } from '../entry.js';
import { amountFromInteger, round, toDecimalString, ZERO, type Amount } from '../money.js';
import { divRound } from './draft.js';

/** What the reconciliation needs of the document a BookedDocument comes from. */
export interface BookedSource {
  type: DocumentType;
  /** total_paid_tax_incl, in the document's currency. */
  totalPaidTaxIncl: Amount;
  /** Document currency → book currency (book = amount / rate); 1 when absent. */
  currencyRate?: Amount;
  /** The order a document belongs to (`shop/order_key`): a credit note larger than its order is flagged. */
  order?: string;
}

export interface Totals {
  debit: string;
  credit: string;
}

export interface CustomerCheck {
  /** Sales: Σ customer debit − credit of the sale entries; credit notes: credit − debit. */
  customer: string;
  /** Σ total_paid_tax_incl of the documents, converted to the book currency. */
  documents: string;
  ok: boolean;
}

export interface ReconciliationReport {
  bookCurrency: string;
  counts: { read: number; booked: number; failed: number; ignored: number };
  failed: { document: string; reason: string }[];
  ignored: { document: string; reason: string }[];
  journals: (Totals & { journal: string; entries: number })[];
  accounts: (Totals & { account: string })[];
  total: Totals;
  sales: CustomerCheck;
  creditNotes: CustomerCheck;
  /** Total debit = total credit and both customer checks hold. */
  ok: boolean;
  /** Booked, but worth a look: credit notes refunding more than their order (both in this run). */
  warnings: string[];
}

const ONE = amountFromInteger(1);

interface Sum {
  debit: Amount;
  credit: Amount;
}

export interface Reconciliation {
  addBooked(booked: BookedDocument, source: BookedSource): void;
  addFailed(document: string, reason: string): void;
  /** Already transferred, status filtered, a duplicate in the file… `reason` says which. */
  addIgnored(document: string, reason: string): void;
  report(): ReconciliationReport;
}

function addTo(map: Map<string, Sum>, key: string, debit: Amount, credit: Amount): void {
  const sum = map.get(key) ?? { debit: ZERO, credit: ZERO };
  map.set(key, { debit: sum.debit.plus(debit), credit: sum.credit.plus(credit) });
}

/** Net customer movement of an entry, on the side the document type puts it. */
function customerNet(entry: Entry, side: 'debit' | 'credit'): Amount {
  return entry.lines
    .filter((line) => line.role === 'customer')
    .reduce(
      (total, line) =>
        total.plus(side === 'debit' ? line.debit.minus(line.credit) : line.credit.minus(line.debit)),
      ZERO,
    );
}

export function createReconciliation(bookCurrency: string, decimals = 2): Reconciliation {
  const journals = new Map<string, Sum>();
  const entriesPerJournal = new Map<string, number>();
  const accounts = new Map<string, Sum>();
  const failed: { document: string; reason: string }[] = [];
  const ignored: { document: string; reason: string }[] = [];
  const customer = { sales: ZERO, creditNotes: ZERO };
  const documents = { sales: ZERO, creditNotes: ZERO };
  let booked = 0;
  // Per order: what it was paid and what its credit notes refunded, in the book currency.
  const orders = new Map<string, { paid?: Amount; refunded: Amount; notes: string[] }>();
  const text = (value: Amount): string => toDecimalString(value, decimals);
  const totals = (sum: Sum): Totals => ({ debit: text(sum.debit), credit: text(sum.credit) });
  const check = (customerTotal: Amount, documentTotal: Amount): CustomerCheck => ({
    customer: text(customerTotal),
    documents: text(documentTotal),
    ok: customerTotal.eq(documentTotal),
  });

  return {
    addBooked(doc, source) {
      booked++;
      const rate = source.currencyRate ?? ONE;
      // The same conversion as the engine's customer line: rounded, then divided and rounded.
      const paid = round(source.totalPaidTaxIncl, decimals);
      const inBook = rate.eq(1) ? paid : divRound(paid, rate, decimals);
      const which = source.type === 'ORDER' ? 'sales' : 'creditNotes';
      documents[which] = documents[which].plus(inBook);
      if (source.order !== undefined) {
        const order = orders.get(source.order) ?? { refunded: ZERO, notes: [] };
        if (source.type === 'ORDER') order.paid = inBook;
        else {
          order.refunded = order.refunded.plus(inBook);
          order.notes.push(doc.document);
        }
        orders.set(source.order, order);
      }
      for (const entry of doc.entries) {
        entriesPerJournal.set(entry.journal, (entriesPerJournal.get(entry.journal) ?? 0) + 1);
        for (const line of entry.lines) {
          addTo(journals, entry.journal, line.debit, line.credit);
          addTo(accounts, line.account, line.debit, line.credit);
        }
        if (entry.kind === 'sale') customer.sales = customer.sales.plus(customerNet(entry, 'debit'));
        if (entry.kind === 'creditnote')
          customer.creditNotes = customer.creditNotes.plus(customerNet(entry, 'credit'));
      }
    },
    addFailed(document, reason) {
      failed.push({ document, reason });
    },
    addIgnored(document, reason) {
      ignored.push({ document, reason });
    },
    report() {
      const all = [...journals.values()].reduce<Sum>(
        (t, s) => ({ debit: t.debit.plus(s.debit), credit: t.credit.plus(s.credit) }),
        { debit: ZERO, credit: ZERO },
      );
      const sorted = <T>(map: Map<string, T>): [string, T][] =>
        [...map.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const sales = check(customer.sales, documents.sales);
      const creditNotes = check(customer.creditNotes, documents.creditNotes);
      return {
        bookCurrency,
        counts: {
          read: booked + failed.length + ignored.length,
          booked,
          failed: failed.length,
          ignored: ignored.length,
        },
        failed: [...failed],
        ignored: [...ignored],
        journals: sorted(journals).map(([journal, sum]) => ({
          journal,
          entries: entriesPerJournal.get(journal) ?? 0,
          ...totals(sum),
        })),
        accounts: sorted(accounts).map(([account, sum]) => ({ account, ...totals(sum) })),
        total: totals(all),
        sales,
        creditNotes,
        ok: all.debit.eq(all.credit) && sales.ok && creditNotes.ok,
        warnings: [...orders.values()].flatMap((o) =>
          o.paid !== undefined && o.refunded.gt(o.paid)
            ? [`${o.notes.join(', ')}: ${text(o.refunded)} refunded on an order of ${text(o.paid)}`]
            : [],
        ),
      };
    },
  };
}
