// The VAT summary as a CSV file that Excel in French opens by a double click: `;` between
// fields, comma decimals, CRLF, UTF-8 with a BOM (without it Excel reads the file as
// Windows-1252 and garbles accents). Labels come from the caller's message catalogue.
import { formatAmount, type Amount } from '../money.js';
import type { VatFigures, VatSummary } from './vat-summary.js';

export interface VatCsvLabels {
  country: string;
  rate: string;
  salesBase: string;
  salesVat: string;
  creditNotesBase: string;
  creditNotesVat: string;
  netBase: string;
  netVat: string;
  total: string;
}

export const VAT_CSV_LABELS_EN: VatCsvLabels = {
  country: 'Country',
  rate: 'Rate %',
  salesBase: 'Sales base',
  salesVat: 'Sales VAT',
  creditNotesBase: 'Credit notes base',
  creditNotesVat: 'Credit notes VAT',
  netBase: 'Net base',
  netVat: 'Net VAT',
  total: 'Total',
};

export interface VatCsvOptions {
  /** ISO 4217 code of the book currency, shown in the amount headers. */
  currency: string;
  /** The profile's decimals. */
  decimals: number;
  labels?: VatCsvLabels;
}

const BOM = '\ufeff';

function cell(text: string): string {
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A rate keeps the decimals it has (5.5 → "5,5", 20 → "20"). */
function rateText(rate: Amount): string {
  return rate.toFixed().replace('.', ',');
}

export function renderVatSummaryCsv(summary: VatSummary, options: VatCsvOptions): string {
  const labels = options.labels ?? VAT_CSV_LABELS_EN;
  const money = (value: Amount): string =>
    formatAmount(value, { decimals: options.decimals, decimalSeparator: ',', thousandsSeparator: '' });
  const figures = (f: VatFigures): string[] => [money(f.base), money(f.vat)];
  const inCurrency = (label: string): string => `${label} (${options.currency})`;
  const header = [
    labels.country,
    labels.rate,
    ...[
      labels.salesBase,
      labels.salesVat,
      labels.creditNotesBase,
      labels.creditNotesVat,
      labels.netBase,
      labels.netVat,
    ].map(inCurrency),
  ];
  const rows = summary.rows.map((row) => [
    row.country,
    rateText(row.rate),
    ...figures(row.sales),
    ...figures(row.creditNotes),
    ...figures(row.net),
  ]);
  const { total } = summary;
  const totalRow = [
    labels.total,
    '',
    ...figures(total.sales),
    ...figures(total.creditNotes),
    ...figures(total.net),
  ];
  const records = [header, ...rows, totalRow].map((fields) => fields.map(cell).join(';'));
  return `${BOM}${records.join('\r\n')}\r\n`;
}

/** The file's bytes (UTF-8, the BOM included), for a download. */
export function vatSummaryCsvBytes(summary: VatSummary, options: VatCsvOptions): Uint8Array {
  return new TextEncoder().encode(renderVatSummaryCsv(summary, options));
}
