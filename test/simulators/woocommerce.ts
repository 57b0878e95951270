// A WooCommerce REST v3 simulator serving the docs and iOS payloads: basic auth with the
// consumer key / secret, after / before / modified_after / status filters, page / per_page
// with X-WP-Total and X-WP-TotalPages, refunds per order.
import { readFixture } from './fixtures.js';
import { basicUser, json, startSimulator, type Simulator } from './server.js';

type Rec = Record<string, unknown>;
const load = (name: string): unknown => {
  const data = JSON.parse(readFixture('woocommerce', name)) as unknown;
  return name.startsWith('ios_') ? (data as Rec)['data'] : data;
};

export interface WoocommerceSimulator extends Simulator {
  consumerKey: string;
  consumerSecret: string;
  /** Adds N copies of order 727 (ids 10001…, one per day from `firstDay`, default 2017-04-01). */
  generate(n: number, firstDay?: string): void;
}

export async function startWoocommerceSimulator(
  consumerKey = 'ck_4d7c1d2b0c8a4f3e9b6a5d4c3b2a1f0e9d8c7b6a',
  consumerSecret = 'cs_0f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6',
): Promise<WoocommerceSimulator> {
  const byId = new Map<string, Rec>();
  for (const o of load('docs_orders_list.json') as Rec[]) byId.set(String(o['id']), o);
  for (const name of [
    'ios_order-details-partially-refunded.json',
    'ios_order-fully-refunded.json',
    'ios_order-with-charge.json',
    'ios_order.json',
  ]) {
    const o = load(name) as Rec;
    byId.set(String(o['id']), o);
  }
  const orders = [...byId.values()];
  const refunds = new Map<string, unknown[]>([
    ['723', load('docs_order_723_refunds_list.json') as unknown[]],
  ]);
  const date = (o: Rec, f: string): string => String(o[f] ?? o[`${f}_gmt`] ?? '');

  function page(list: unknown[], url: URL): ReturnType<typeof json> {
    const perPage = Math.min(Number(url.searchParams.get('per_page') ?? '10'), 100);
    const n = Number(url.searchParams.get('page') ?? '1');
    const pages = Math.max(1, Math.ceil(list.length / perPage));
    return json(list.slice((n - 1) * perPage, n * perPage), {
      'x-wp-total': String(list.length),
      'x-wp-totalpages': String(pages),
    });
  }

  const sim = await startSimulator({
    authorised: (req) => {
      const auth = basicUser(req);
      return auth?.user === consumerKey && auth.password === consumerSecret;
    },
    unauthorised: {
      status: 401,
      headers: { 'content-type': 'application/json; charset=UTF-8' },
      body: '{"code":"woocommerce_rest_cannot_view","message":"Sorry, you cannot list resources.","data":{"status":401}}',
    },
    handle(url) {
      const route = url.pathname.replace(/^\/wp-json\/wc\/v3\/?/, '');
      if (!url.pathname.startsWith('/wp-json/'))
        return {
          status: 200,
          headers: { 'content-type': 'text/html' },
          body: '<!DOCTYPE html><html><body>Blog</body></html>',
        };
      const q = url.searchParams;
      if (route === 'orders') {
        const statuses = (q.get('status') ?? 'any').split(',');
        const list = orders
          .filter((o) => statuses.includes('any') || statuses.includes(String(o['status'])))
          .filter((o) => !q.get('after') || date(o, 'date_created') > (q.get('after') ?? ''))
          .filter((o) => !q.get('before') || date(o, 'date_created') < (q.get('before') ?? ''))
          .filter(
            (o) =>
              !q.get('modified_after') ||
              (date(o, 'date_modified') || date(o, 'date_created')) > (q.get('modified_after') ?? ''),
          )
          .sort((a, b) => (date(a, 'date_created') < date(b, 'date_created') ? -1 : 1));
        return page(list, url);
      }
      const refundList = /^orders\/(\d+)\/refunds$/.exec(route);
      if (refundList?.[1]) return page(refunds.get(refundList[1]) ?? [], url);
      const one = /^orders\/(\d+)$/.exec(route);
      if (one?.[1] && byId.has(one[1])) return json(byId.get(one[1]));
      const statics: Record<string, string> = {
        taxes: 'docs_taxes_list.json',
        payment_gateways: 'docs_payment_gateways_list.json',
        'data/currencies/current': 'docs_data_currency_current.json',
      };
      if (route === 'taxes') return page(load('docs_taxes_list.json') as unknown[], url);
      if (route === 'data/countries') return json([load('docs_data_country_br.json')]);
      const file = statics[route];
      if (file) return json(load(file));
      return {
        status: 404,
        headers: { 'content-type': 'application/json; charset=UTF-8' },
        body: '{"code":"rest_no_route","message":"No route was found matching the URL and request method.","data":{"status":404}}',
      };
    },
  });
  return {
    ...sim,
    consumerKey,
    consumerSecret,
    generate(n: number, firstDay = '2017-04-01') {
      const template = byId.get('727') ?? {};
      const start = Date.parse(`${firstDay}T00:00:00Z`);
      for (let i = 0; i < n; i++) {
        const day = new Date(start + (i % 360) * 86_400_000).toISOString().slice(0, 10);
        // Ids go on from one call to the next.
        const id = 10001 + orders.length - byId.size;
        orders.push({
          ...template,
          id,
          number: String(id),
          date_created: `${day}T10:00:00`,
          date_created_gmt: `${day}T13:00:00`,
          date_modified: `${day}T10:00:00`,
          date_paid: `${day}T10:00:00`,
        });
      }
    },
  };
}
