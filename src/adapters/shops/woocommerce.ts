// WooCommerce REST API v3 connector: consumer key / secret as HTTP basic auth (HTTPS),
// page / per_page paging with X-WP-TotalPages, refunds per order.
import { parseAmount, ZERO } from '../../domain/money.js';
import type {
  ConnectorOptions,
  DocumentQuery,
  ListedDocument,
  ShopConfiguration,
  ShopConnector,
} from './connector.js';
import { ShopHttpClient } from './http.js';
import { inInvoicePeriod } from './invoice-period.js';
import { inPeriod, jsonMessage, parseBody } from './json-api.js';
import { settle, shopDate, str } from './normalise-common.js';
import { shopBaseUrl } from './url.js';
import {
  normaliseWoocommerceOrder,
  normaliseWoocommerceRefund,
  type WcContext,
  type WcRecord,
} from './woocommerce-normalise.js';

type Source = { url: string; consumerKey: string; consumerSecret: string };

// WooCommerce's own list of order statuses (plugins may add more; they still filter by slug).
const STATUSES = [
  'pending',
  'processing',
  'on-hold',
  'completed',
  'cancelled',
  'refunded',
  'failed',
  'checkout-draft',
];

export function createWoocommerceConnector(source: Source, options: ConnectorOptions = {}): ShopConnector {
  const base = shopBaseUrl(source.url, 'WooCommerce');
  const root = base.href.endsWith('/') ? base.href : `${base.href}/`;
  const basic = Buffer.from(`${source.consumerKey}:${source.consumerSecret}`).toString('base64');
  const http = new ShopHttpClient({
    ...options,
    platform: 'WooCommerce',
    baseUrl: root.includes('/wp-json/') ? root : new URL('wp-json/wc/v3/', root).href,
    // Basic auth is what WooCommerce accepts over HTTPS; plain HTTP would need OAuth 1.0a.
    headers: { authorization: `Basic ${basic}` },
    secrets: [source.consumerKey, source.consumerSecret, basic],
    extractMessage: jsonMessage,
  });
  // WordPress caps per_page at 100.
  const pageSize = Math.min(options.pageSize ?? 100, 100);
  const tolerance = parseAmount(options.tolerance ?? '0.01');

  async function* pages(path: string, params: Record<string, string>): AsyncGenerator<WcRecord[]> {
    for (let page = 1; ; page++) {
      const query = new URLSearchParams({ ...params, per_page: String(pageSize), page: String(page) });
      const response = await http.get(`${path}?${query.toString()}`, 'json');
      const data = parseBody(response.body);
      const list = Array.isArray(data) ? (data as WcRecord[]) : [];
      yield list;
      const total = Number(response.headers.get('x-wp-totalpages') ?? '');
      if (Number.isFinite(total) && total > 0 ? page >= total : list.length < pageSize) return;
    }
  }
  async function all(path: string, params: Record<string, string> = {}): Promise<WcRecord[]> {
    const out: WcRecord[] = [];
    for await (const page of pages(path, params)) out.push(...page);
    return out;
  }
  const getJson = async (path: string): Promise<unknown> => parseBody((await http.get(path, 'json')).body);

  let context: Promise<WcContext> | undefined;
  const loadContext = (): Promise<WcContext> =>
    (context ??= all('taxes').then((taxes) => ({
      taxRates: new Map(
        taxes.map((t) => [str(t['id']), { name: str(t['name']), rate: parseAmount(str(t['rate']) || '0') }]),
      ),
    })));

  async function* listDocuments(query: DocumentQuery): AsyncGenerator<ListedDocument> {
    // One shop per WooCommerce site: key "1".
    if (query.shops?.length && !query.shops.includes('1')) return;
    const ctx = await loadContext();
    const params: Record<string, string> = { orderby: 'date', order: 'asc' };
    if (query.kind === 'orders') {
      const byInvoice = query.dateField === 'invoice';
      // No invoice-date filter in v3: an order invoiced in the period was created before its
      // end and modified since its start; the exact period is checked once normalised.
      if (query.from) params[byInvoice ? 'modified_after' : 'after'] = `${query.from}T00:00:00`;
      if (query.to) params['before'] = `${query.to}T23:59:59`;
      params['status'] = query.states?.length ? query.states.join(',') : 'any';
      for await (const page of pages('orders', params)) {
        for (const order of page) {
          const listed = settle(
            `order ${str(order['id'])}`,
            () => normaliseWoocommerceOrder(order, ctx),
            tolerance,
          );
          const created = shopDate(order['date_created']) ?? shopDate(order['date_created_gmt']);
          if (byInvoice && !inInvoicePeriod(listed, created?.date, query)) continue;
          yield listed;
        }
      }
      return;
    }
    // No shop-wide refunds list in v3: a refund modifies its order, so orders modified
    // since the start of the period carry every refund of the period.
    if (query.from) params['modified_after'] = `${query.from}T00:00:00`;
    params['status'] = 'any';
    for await (const page of pages('orders', params)) {
      for (const order of page) {
        if (!Array.isArray(order['refunds']) || order['refunds'].length === 0) continue;
        const refunds = await all(`orders/${encodeURIComponent(str(order['id']))}/refunds`);
        for (const refund of refunds.reverse()) {
          const date = shopDate(refund['date_created']) ?? shopDate(refund['date_created_gmt']);
          if (date && !inPeriod(date.date, query)) continue;
          const id = `credit note ${str(refund['id'])} of order ${str(order['id'])}`;
          yield settle(id, () => normaliseWoocommerceRefund(refund, order, ctx), tolerance);
        }
      }
    }
  }

  async function readConfiguration(): Promise<ShopConfiguration> {
    const optional = (p: Promise<unknown>): Promise<unknown> => p.catch(() => []);
    const [ctx, gateways, countries, currency, methods] = await Promise.all([
      loadContext(),
      getJson('payment_gateways'),
      optional(getJson('data/countries')),
      optional(getJson('data/currencies/current')),
      optional(getJson('shipping_methods')),
    ]);
    const list = (v: unknown): WcRecord[] => (Array.isArray(v) ? (v as WcRecord[]) : []);
    const cur = (currency ?? {}) as WcRecord;
    return {
      platform: 'woocommerce',
      orderStates: STATUSES.map((key) => ({ key, name: key })),
      defaultStates: ['processing', 'completed'],
      paymentMethods: list(gateways).map((g) => ({
        key: str(g['id']),
        name: str(g['title']) || str(g['id']),
        enabled: str(g['enabled']) === 'true',
      })),
      carriers: list(methods).map((m) => ({ key: str(m['id']), name: str(m['title']) })),
      taxes: [...ctx.taxRates].map(([key, t]) => ({ key, name: t.name, rate: t.rate ?? ZERO })),
      countries: list(countries).map((c) => ({
        key: str(c['code']),
        isoCode: str(c['code']).toUpperCase(),
        name: str(c['name']),
      })),
      currencies: str(cur['code'])
        ? [{ key: str(cur['code']), isoCode: str(cur['code']), name: str(cur['name']) }]
        : [],
      shops: [{ key: '1', name: 'default' }],
    };
  }

  return {
    platform: 'woocommerce',
    async testConnection() {
      // Reading one order proves the URL, the key and the read permission the runs need.
      await http.get('orders?per_page=1', 'json');
    },
    readConfiguration,
    listDocuments,
  };
}
