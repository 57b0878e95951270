// The VAT summary agrees to the cent with the entries written (issue 10): several hundred
// generated orders and credit notes across five countries and their rates go through the
// appliance (drop folder, Bree worker, ledger); the summary of a month — as /vat computes it,
// from the runs' kept files — equals, per tax account and per rate, the VAT lines of the FEC
// files in the outbox dated in that month, and its bases equal their sales lines. Then the
// page and the CSV, over real HTTP, show exactly that summary.
import Big from 'big.js';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate } from '../../src/clock.js';
import { renderVatSummaryCsv } from '../../src/domain/accounting/vat-summary-csv.js';
import type { VatSummary } from '../../src/domain/accounting/vat-summary.js';
import { periodRange } from '../../src/domain/period.js';
import type { Profile } from '../../src/domain/profile.js';
import { setQuiet } from '../../src/log.js';
import { buildVatReportOfRuns } from '../../src/pipeline/vat-report-runs.js';
import type { VatReport } from '../../src/pipeline/vat-report.js';
import { startAppliance, type Appliance } from '../../src/serve.js';
import { translator } from '../../src/web/i18n.js';
import { vatCsvLabels } from '../../src/web/vat-view.js';
import { waitFor } from '../helpers/wait.js';
import { WebClient } from '../helpers/web-client.js';
import {
  CORPUS_TAX_ACCOUNTS,
  corpusFile,
  corpusTaxExceptions,
  generateVatCorpus,
} from '../helpers/vat-corpus.js';

setQuiet(true);

const MARCH = { from: '2026-03-01', to: '2026-03-31' };
let root: string;
let appliance: Appliance;
let profile: Profile;
let report: VatReport;

const outbox = (): string => path.join(root, 'outbox');
const finishedRuns = async () =>
  (await appliance.runs.list({ pageSize: 200 })).runs.filter((r) => r.status !== 'running');

/** FEC records (header excluded) of every file in the outbox. */
async function fecRecords(): Promise<string[][]> {
  const records: string[][] = [];
  for (const name of (await fs.readdir(outbox())).filter((n) => n.startsWith('Ventes'))) {
    const text = await fs.readFile(path.join(outbox(), name), 'utf8');
    records.push(
      ...text
        .split('\r\n')
        .slice(1)
        .filter((l) => l !== '')
        .map((l) => l.split('\t')),
    );
  }
  return records;
}

const amount = (cell: string | undefined): Big => Big((cell ?? '0').replace(',', '.'));
/** Credit − debit of a FEC record (columns Debit 12, Credit 13). */
const net = (record: string[]): Big => amount(record[12]).minus(amount(record[11]));

/** The sales and credit-note lines of March (EcritureDate YYYYMMDD, journals VTE / AVO). */
async function marchSalesRecords(): Promise<string[][]> {
  return (await fecRecords()).filter((r) => (r[0] === 'VTE' || r[0] === 'AVO') && r[3]!.startsWith('202603'));
}

function add(totals: Map<string, Big>, key: string, value: Big): void {
  totals.set(key, (totals.get(key) ?? Big(0)).plus(value));
}

const fixed = (totals: Map<string, Big>): Record<string, string> =>
  Object.fromEntries([...totals].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, v.toFixed(2)]));

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'comptoir-vat-corpus-'));
  appliance = await startAppliance({
    dataDir: root,
    port: 0,
    host: '127.0.0.1',
    stabilityMs: 300,
    polling: false,
    rescanMs: 1000,
    timeZone: 'Europe/Paris',
  });
  // The default profile, with a tax account per (country, rate) outside France (OSS).
  const preset = appliance.settings.defaultProfile()!;
  profile = {
    ...preset,
    accounting: {
      ...preset.accounting,
      taxes: {
        ...preset.accounting.taxes,
        exceptions: [...preset.accounting.taxes.exceptions, ...corpusTaxExceptions()],
      },
    },
  };
  await appliance.settings.saveProfile(profile, { makeDefault: true });

  const { orders, creditNotes } = generateVatCorpus({
    orders: 420,
    creditNotes: 120,
    months: ['2026-02', '2026-03', '2026-04'],
  });
  const inbox = path.join(root, 'inbox');
  // One file at a time, in order: a credit note's order is booked before it.
  const files = [orders.slice(0, 210), orders.slice(210), creditNotes];
  for (const [i, documents] of files.entries()) {
    await fs.writeFile(path.join(inbox, `corpus-${i + 1}.xml.part`), corpusFile(documents));
    await fs.rename(path.join(inbox, `corpus-${i + 1}.xml.part`), path.join(inbox, `corpus-${i + 1}.xml`));
    await waitFor(async () => (await finishedRuns()).length >= i + 1, 60_000, `run ${i + 1}`);
  }
  const ledger = await appliance.pipeline.ledger(profile.id);
  report = await buildVatReportOfRuns(appliance.runs, {
    profile,
    ...MARCH,
    timeZone: 'Europe/Paris',
    isBooked: (key) => ledger.has(key),
  });
}, 180_000);

afterAll(async () => {
  await appliance?.close();
  await fs.rm(root, { recursive: true, force: true });
});

describe('VAT summary on a generated corpus', () => {
  it('books every generated document', async () => {
    const runs = await finishedRuns();
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(runs.reduce((n, r) => n + r.counts.booked, 0)).toBe(540);
    expect(report.problems).toEqual([]);
    // Five countries, twelve (country, rate) pairs, sales and credit notes both.
    expect(new Set(report.summary.rows.map((r) => r.country))).toEqual(
      new Set(['BE', 'DE', 'ES', 'FR', 'IT']),
    );
    expect(report.summary.rows).toHaveLength(12);
    expect(report.summary.total.creditNotes.vat.gt(0)).toBe(true);
    expect(report.summary.documents).toBeGreaterThan(100);
  });

  it('equals the VAT lines of the month written, per tax account and per rate, to the cent', async () => {
    const records = await marchSalesRecords();
    const accountOfRow = (row: VatSummary['rows'][number]): string =>
      CORPUS_TAX_ACCOUNTS[`${row.country} ${row.rate.toString()}`] ??
      `unmapped ${row.country} ${row.rate.toString()}`;
    const rateOfAccount = new Map(
      Object.entries(CORPUS_TAX_ACCOUNTS).map(([key, account]) => [account, key.split(' ')[1]!]),
    );

    const summaryByAccount = new Map<string, Big>();
    const summaryByRate = new Map<string, Big>();
    for (const row of report.summary.rows) {
      add(summaryByAccount, accountOfRow(row), row.net.vat);
      add(summaryByRate, row.rate.toString(), row.net.vat);
    }
    const writtenByAccount = new Map<string, Big>();
    const writtenByRate = new Map<string, Big>();
    for (const record of records.filter((r) => r[4]!.startsWith('445'))) {
      add(writtenByAccount, record[4]!, net(record));
      add(writtenByRate, rateOfAccount.get(record[4]!) ?? `unknown ${record[4]}`, net(record));
    }
    expect(writtenByAccount.size).toBe(12);
    expect(fixed(summaryByAccount)).toEqual(fixed(writtenByAccount));
    expect(fixed(summaryByRate)).toEqual(fixed(writtenByRate));
    const totalWritten = [...writtenByAccount.values()].reduce((a, b) => a.plus(b), Big(0));
    expect(report.summary.total.net.vat.toFixed(2)).toBe(totalWritten.toFixed(2));
  });

  it('its bases equal the month’s sales, shipping and discount lines written', async () => {
    const records = await marchSalesRecords();
    // Shipping and discounts are in the corpus, not products alone.
    expect(records.some((r) => r[4] === '708520')).toBe(true);
    expect(records.some((r) => r[4] === '709000')).toBe(true);
    const bases = records
      .filter((r) => /^70[789]/.test(r[4]!))
      .reduce((total, r) => total.plus(net(r)), Big(0));
    expect(report.summary.total.net.base.toFixed(2)).toBe(bases.toFixed(2));
    // Sales less credit notes, row by row.
    for (const row of report.summary.rows) {
      expect(row.net.vat.eq(row.sales.vat.minus(row.creditNotes.vat))).toBe(true);
      expect(row.net.base.eq(row.sales.base.minus(row.creditNotes.base))).toBe(true);
    }
  });

  describe('over HTTP', () => {
    let client: WebClient;
    const get = (url: string): Promise<Response> => client.get(url);
    const query = `profile=default&from=${MARCH.from}&to=${MARCH.to}`;

    beforeAll(async () => {
      client = new WebClient(appliance.url);
      await client.setup('comptable', 'correct horse battery');
    });

    it('/vat shows the summary’s figures per country and rate, and its totals', async () => {
      const response = await get(`/vat?${query}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      const fr = (value: Big): string => value.toFixed(2).replace('.', ',');
      for (const row of report.summary.rows) {
        const rate = `${row.rate.toString().replace('.', ',')} %`;
        const tr = new RegExp(`<tr data-country="${row.country}" data-rate="${rate}">([\\s\\S]*?)</tr>`).exec(
          html,
        );
        expect(tr, `${row.country} ${rate}`).not.toBeNull();
        const cells = [...tr![1]!.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
        expect(cells).toEqual([
          row.country,
          rate,
          ...[row.sales, row.creditNotes, row.net].flatMap((f) => [fr(f.base), fr(f.vat)]),
        ]);
      }
      const total = /<tr class="total">([\s\S]*?)<\/tr>/.exec(html)?.[1] ?? '';
      const { sales, creditNotes, net: netTotal } = report.summary.total;
      expect([...total.matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1])).toEqual(
        [sales, creditNotes, netTotal].flatMap((f) => [fr(f.base), fr(f.vat)]),
      );
      expect(html).toContain(`href="/vat.csv?${query.replace(/&/g, '&amp;')}"`);
    });

    it('/vat.csv is the summary as CSV', async () => {
      const response = await get(`/vat.csv?${query}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(response.headers.get('content-disposition')).toContain('synthese-tva-2026-03-01-2026-03-31.csv');
      const expected = renderVatSummaryCsv(report.summary, {
        currency: 'EUR',
        decimals: 2,
        labels: vatCsvLabels(translator('fr')),
      });
      expect(Buffer.from(await response.arrayBuffer()).toString('utf8')).toBe(expected);
    });

    it('the previous month by default; a bad date or an inverted period is said next to its field', async () => {
      const page = await (await get('/vat')).text();
      const previous = periodRange('last-month', localDate(new Date(), 'Europe/Paris'));
      expect(page).toContain(`name="from" type="date" value="${previous.from}"`);
      expect(page).toContain(`name="to" type="date" value="${previous.to}"`);

      const bad = await get(`/vat?profile=${profile.id}&from=2026-02-30&to=2026-03-31`);
      expect(bad.status).toBe(200);
      const badHtml = await bad.text();
      expect(badHtml).toMatch(/id="vat-from"[^>]*aria-invalid="true"/);
      expect(badHtml).toContain('<p class="field-error" id="err-from" role="alert">');
      expect(badHtml).not.toContain('id="vat-summary"');

      const inverted = await (await get(`/vat?profile=${profile.id}&from=2026-04-01&to=2026-03-01`)).text();
      expect(inverted).toContain('<p class="field-error" id="err-to" role="alert">');
      expect(inverted).not.toContain('id="vat-summary"');

      expect((await get(`/vat.csv?profile=${profile.id}&from=2026-04-01&to=2026-03-01`)).status).toBe(400);
    });
  });
});
