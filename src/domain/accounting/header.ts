// What an entry says besides its lines: journal, dates, piece number, reference and label.
import type { IsoDate } from '../document.js';
import type { Entry, EntryKind } from '../entry.js';
import type { AccountingSettings, JournalCodes } from '../profile.js';
import { toEntryLines, type BookLine } from './draft.js';
import { dueDate } from './due-date.js';
import { resolveByCountry } from './resolve.js';
import type { BookingScope } from './scope.js';
import { renderTemplate } from './templates.js';

export interface EntryHeader {
  kind: EntryKind;
  journal: string;
  journalLabel: string;
  date: IsoDate;
  pieceNumber: string;
  pieceDate: IsoDate;
  reference: string;
  label: string;
}

/** "No date" is undefined or empty (order-xml.md: `0000-00-00` and empty mean no date). */
function dateOr(date: IsoDate | undefined, fallback: IsoDate): IsoDate {
  return date && !date.startsWith('0000') ? date : fallback;
}

export function journalLabel(settings: AccountingSettings, code: string, fallback?: string): string {
  return settings.journalLabels[code] ?? fallback ?? code;
}

function journals(scope: BookingScope): JournalCodes {
  return resolveByCountry(scope.settings.journals, scope.country);
}

export function saleHeader(scope: BookingScope): EntryHeader {
  const { doc, settings } = scope;
  const options = settings.sales;
  const invoiceDate = dateOr(doc.invoiceDate, doc.orderDate);
  const pieceDate = options.entryDate === 'order' ? doc.orderDate : invoiceDate;
  const date = options.entryDate === 'today' ? scope.today : pieceDate;
  const journal = journals(scope).sales;
  return {
    kind: 'sale',
    journal,
    journalLabel: journalLabel(settings, journal),
    date,
    pieceNumber: options.pieceNumber === 'invoice-number' ? doc.invoiceNumber || doc.orderKey : doc.orderKey,
    pieceDate,
    reference: renderTemplate(options.reference, doc),
    label: renderTemplate(options.label, doc),
  };
}

export function creditNoteHeader(scope: BookingScope): EntryHeader {
  const { doc, settings } = scope;
  const options = settings.creditNotes;
  const creditNoteDate = dateOr(doc.creditNoteDate, doc.orderDate);
  const pieceDate = options.entryDate === 'order' ? doc.orderDate : creditNoteDate;
  const date = options.entryDate === 'today' ? scope.today : pieceDate;
  const journal = journals(scope).creditNotes;
  const creditNoteNumber = doc.creditNoteNumber || doc.creditNoteKey || doc.orderKey;
  return {
    kind: 'creditnote',
    journal,
    journalLabel: journalLabel(settings, journal),
    date,
    pieceNumber: options.pieceNumber === 'creditnote-number' ? creditNoteNumber : doc.orderKey,
    pieceDate,
    reference: renderTemplate(options.reference, doc),
    label: renderTemplate(options.label, doc),
  };
}

export function makeEntry(scope: BookingScope, header: EntryHeader, lines: readonly BookLine[]): Entry {
  const entry: Entry = {
    ...header,
    documentKey: scope.documentKey,
    currencyCode: scope.doc.currencyCode,
    currencyRate: scope.rate,
    lines: toEntryLines(lines, scope, header.label),
  };
  // The customer's due date belongs to the sale or credit note, not to its bank entries.
  if (header.kind === 'sale' || header.kind === 'creditnote') entry.dueDate = dueDate(scope);
  return entry;
}
