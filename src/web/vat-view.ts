// The VAT summary as the page shows it and as the CSV's labels: amounts formatted at the
// profile's decimals in the page's language; the figures themselves are the summary's.
import type { VatCsvLabels } from '../domain/accounting/vat-summary-csv.js';
import type { VatFigures, VatSummary } from '../domain/accounting/vat-summary.js';
import { formatAmount, type Amount } from '../domain/money.js';
import type { VatReportProblem } from '../pipeline/vat-report.js';
import type { Lang, Translate } from './i18n.js';

export interface VatFiguresView {
  base: string;
  vat: string;
}

export interface VatRowView {
  country: string;
  rate: string;
  sales: VatFiguresView;
  creditNotes: VatFiguresView;
  net: VatFiguresView;
}

export interface VatSummaryView {
  documents: number;
  rows: VatRowView[];
  total: Omit<VatRowView, 'country' | 'rate'>;
  problems: VatReportProblem[];
}

export function vatSummaryView(
  summary: VatSummary,
  problems: VatReportProblem[],
  options: { decimals: number; lang: Lang },
): VatSummaryView {
  const decimalSeparator = options.lang === 'fr' ? ',' : '.';
  const money = (value: Amount): string =>
    formatAmount(value, { decimals: options.decimals, decimalSeparator, thousandsSeparator: '' });
  const figures = (f: VatFigures): VatFiguresView => ({ base: money(f.base), vat: money(f.vat) });
  const triple = (row: Pick<VatSummary['total'], 'sales' | 'creditNotes' | 'net'>) => ({
    sales: figures(row.sales),
    creditNotes: figures(row.creditNotes),
    net: figures(row.net),
  });
  return {
    documents: summary.documents,
    rows: summary.rows.map((row) => ({
      country: row.country,
      rate: `${row.rate.toFixed().replace('.', decimalSeparator)} %`,
      ...triple(row),
    })),
    total: triple(summary.total),
    problems,
  };
}

export function vatCsvLabels(t: Translate): VatCsvLabels {
  return {
    country: t('vat.country'),
    rate: t('vat.csv.rate'),
    salesBase: t('vat.csv.salesBase'),
    salesVat: t('vat.csv.salesVat'),
    creditNotesBase: t('vat.csv.creditNotesBase'),
    creditNotesVat: t('vat.csv.creditNotesVat'),
    netBase: t('vat.csv.netBase'),
    netVat: t('vat.csv.netVat'),
    total: t('vat.total'),
  };
}
