// A Shopify Admin REST (2024-10) simulator serving the shopify-app-js payloads:
// X-Shopify-Access-Token, status=any (open orders otherwise), date bounds, Link-header
// cursor paging (page_info used alone, as Shopify requires), transactions per order.
import { parseAmount, round, sum, ZERO } from '../../src/domain/money.js';
import { readFixture } from './fixtures.js';
import { json, startSimulator, type Simulator } from './server.js';

type Rec = Record<string, unknown>;
const load = (name: string): Rec => JSON.parse(readFixture('shopify', `${name}.2024-10.json`)) as Rec;
const PREFIX = '/admin/api/2024-10/';

/** Sets an amount the way Shopify gives it: the field and its shop / presentment money set. */
function setMoney(r: Rec, field: string, amount: string): void {
  r[field] = amount;
  r[`${field}_set`] = {
    shop_money: { amount, currency_code: 'USD' },
    presentment_money: { amount, currency_code: 'USD' },
  };
}

/** Order 450789469 made consistent: 6 % of each discounted line, no refunds, paid. */
export function consistentOrder(template: Rec, id: number, day: string): Rec {
  const o = structuredClone(template);
  Object.assign(o, {
    id,
    name: `#${id}`,
    order_number: id,
    financial_status: 'paid',
    refunds: [],
    created_at: `${day}T11:00:00-05:00`,
    processed_at: `${day}T11:00:00-05:00`,
    updated_at: `${day}T11:00:00-05:00`,
  });
  let tax = ZERO;
  for (const item of o['line_items'] as Rec[]) {
    const discount = sum(
      (item['discount_allocations'] as Rec[]).map((d) => parseAmount(String(d['amount']))),
    );
    const lineTax = round(parseAmount(String(item['price'])).minus(discount).times('0.06'), 2);
    tax = tax.plus(lineTax);
    for (const t of item['tax_lines'] as Rec[]) setMoney(t, 'price', lineTax.toFixed(2));
  }
  for (const t of o['tax_lines'] as Rec[]) setMoney(t, 'price', tax.toFixed(2));
  setMoney(o, 'subtotal_price', '587.00');
  setMoney(o, 'total_tax', tax.toFixed(2));
  setMoney(o, 'total_price', parseAmount('587.00').plus(tax).toFixed(2));
  return o;
}

export interface ShopifySimulator extends Simulator {
  accessToken: string;
  /** Adds N consistent copies of order 450789469 (ids 1000001…, one per day from 2024-01-01). */
  generate(n: number): void;
}

export async function startShopifySimulator(
  accessToken = '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',
): Promise<ShopifySimulator> {
  const template = (load('order_450789469')['order'] ?? {}) as Rec;
  const orders: Rec[] = [template];
  const transactions = load('order_450789469_transactions_list');
  const stamp = (o: Rec, f: string): number => Date.parse(String(o[f]));

  function listOrders(url: URL): ReturnType<typeof json> {
    const q = url.searchParams;
    const cursor = q.get('page_info');
    if (cursor && [...q.keys()].some((k) => !['page_info', 'limit', 'fields'].includes(k))) {
      return {
        status: 400,
        headers: { 'content-type': 'application/json' },
        body: '{"errors":{"page_info":["Cannot be combined with other filters"]}}',
      };
    }
    const state = cursor
      ? (JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { q: string; offset: number })
      : { q: q.toString(), offset: 0 };
    const filters = new URLSearchParams(state.q);
    const min = (f: string): number => (filters.get(f) ? Date.parse(`${filters.get(f)}Z`) : -Infinity);
    const max = (f: string): number => (filters.get(f) ? Date.parse(`${filters.get(f)}Z`) : Infinity);
    const list = orders
      .filter((o) => filters.get('status') === 'any' || o['closed_at'] === null)
      .filter(
        (o) => !filters.get('financial_status') || o['financial_status'] === filters.get('financial_status'),
      )
      .filter(
        (o) =>
          stamp(o, 'processed_at') >= min('processed_at_min') &&
          stamp(o, 'processed_at') <= max('processed_at_max'),
      )
      .filter((o) => stamp(o, 'updated_at') >= min('updated_at_min'));
    const limit = Math.min(Number(q.get('limit') ?? '50'), 250);
    const slice = list.slice(state.offset, state.offset + limit);
    const headers: Record<string, string> = {};
    if (state.offset + limit < list.length) {
      const next = Buffer.from(JSON.stringify({ q: state.q, offset: state.offset + limit })).toString(
        'base64url',
      );
      headers['link'] = `<${url.origin}${PREFIX}orders.json?limit=${limit}&page_info=${next}>; rel="next"`;
    }
    return json({ orders: slice }, headers);
  }

  const sim = await startSimulator({
    authorised: (req) => req.headers['x-shopify-access-token'] === accessToken,
    unauthorised: {
      status: 401,
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"errors":"[API] Invalid API key or access token (unrecognized login or wrong password)"}',
    },
    handle(url) {
      if (!url.pathname.startsWith(PREFIX))
        return {
          status: 404,
          headers: { 'content-type': 'text/html' },
          body: '<!DOCTYPE html><html><body>404</body></html>',
        };
      const route = url.pathname.slice(PREFIX.length);
      if (route === 'orders.json') return listOrders(url);
      if (/^orders\/\d+\/transactions\.json$/.test(route))
        return json(route.includes('450789469') ? transactions : { transactions: [] });
      const statics: Record<string, string> = {
        'shop.json': 'shop',
        'currencies.json': 'currencies',
        'countries.json': 'countries_list',
      };
      const file = statics[route];
      if (file) return json(load(file));
      return { status: 404, headers: { 'content-type': 'application/json' }, body: '{"errors":"Not Found"}' };
    },
  });
  return {
    ...sim,
    accessToken,
    generate(n: number) {
      for (let i = 0; i < n; i++) {
        const day = new Date(Date.UTC(2024, 0, 1 + (i % 360))).toISOString().slice(0, 10);
        orders.push(consistentOrder(template, 1000001 + i, day));
      }
    },
  };
}
