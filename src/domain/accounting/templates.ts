// Reference and label templates (FEATURES.md §4): `%XX` placeholders replaced from the document.
import type { IsoDate, SalesDocument } from '../document.js';

export interface Placeholder {
  code: string;
  description: string;
}

/** The placeholders, in the order the UI lists them. */
export const TEMPLATE_PLACEHOLDERS: readonly Placeholder[] = [
  { code: '%OI', description: 'Order id (order_key)' },
  { code: '%ON', description: 'Order number' },
  { code: '%OR', description: 'Order reference' },
  { code: '%IN', description: 'Invoice number' },
  { code: '%CN', description: 'Credit-note number' },
  { code: '%CF', description: 'Customer first name' },
  { code: '%CL', description: 'Customer last name' },
  { code: '%CC', description: 'Customer company' },
  { code: '%OD', description: 'Order date (DD/MM/YYYY)' },
  { code: '%ID', description: 'Invoice date (DD/MM/YYYY)' },
  { code: '%CD', description: 'Credit-note date (DD/MM/YYYY)' },
  { code: '%PM', description: 'Payment method' },
];

/** `YYYY-MM-DD[...]` → `DD/MM/YYYY`; empty when there is no date. */
export function formatTemplateDate(date: IsoDate | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(date ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

function values(doc: SalesDocument): Record<string, string> {
  const address = doc.invoiceAddress;
  const firstname = doc.customer.firstname || address?.firstname || '';
  const lastname = doc.customer.lastname || address?.lastname || '';
  const company = doc.customer.company || address?.company || '';
  return {
    OI: doc.orderKey,
    ON: doc.orderNumber || doc.orderKey,
    OR: doc.orderReference ?? '',
    IN: doc.invoiceNumber ?? '',
    CN: doc.creditNoteNumber ?? doc.creditNoteKey ?? '',
    CF: firstname,
    CL: lastname,
    CC: company,
    OD: formatTemplateDate(doc.orderDate),
    ID: formatTemplateDate(doc.invoiceDate),
    CD: formatTemplateDate(doc.creditNoteDate),
    PM: doc.paymentName ?? doc.payments?.[0]?.name ?? '',
  };
}

/** Replaces known placeholders; unknown ones are left as typed so the user sees the mistake. */
export function renderTemplate(template: string, doc: SalesDocument): string {
  // Fixed texts are common (and every document renders two templates): no values to build.
  if (!template.includes('%')) return template.trim();
  const known = values(doc);
  return template.replace(/%([A-Z]{2})/g, (whole, code: string) => known[code] ?? whole).trim();
}
