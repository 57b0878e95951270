// Shopify Admin REST connector (X-Shopify-Access-Token), API version 2024-10. Lists page
// with the Link header's page_info cursor (used exactly as given, without the filters).
// REST is legacy since 2024-10: a GraphQL connector can replace this file behind the same
// ShopConnector interface and reuse shopify-normalise.ts by mapping nodes to these fields.
import { parseAmount } from '../../domain/money.js';
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
import { normaliseShopifyOrder, normaliseShopifyRefund, type ShRecord } from './shopify-normalise.js';
import { shopBaseUrl } from './url.js';

type Source = { url: string; accessToken: string };
export const SHOPIFY_API_VERSION = '2024-10';
const FINANCIAL_STATUSES = [
  'pending',
  'authorized',
  'partially_paid',
  'paid',
  'partially_refunded',
  'refunded',
  'voided',
];
const LINK_NEXT = /<([^<>]+)>;\s*rel="next"/;

export function createShopifyConnector(source: Source, options: ConnectorOptions = {}): ShopConnector {
  const base = shopBaseUrl(source.url, 'Shopify');
  const root = base.href.endsWith('/') ? base.href : `${base.href}/`;
  const http = new ShopHttpClient({
    ...options,
    platform: 'Shopify',
    baseUrl: root.includes('/admin/api/') ? root : new URL(`admin/api/${SHOPIFY_API_VERSION}/`, root).href,
    headers: { 'x-shopify-access-token': source.accessToken },
    secrets: [source.accessToken],
    extractMessage: jsonMessage,
  });
  // Shopify caps limit at 250.
  const pageSize = Math.min(options.pageSize ?? 250, 250);
  const tolerance = parseAmount(options.tolerance ?? '0.01');

  async function* pages(
    path: string,
    key: string,
    params: Record<string, string>,
  ): AsyncGenerator<ShRecord[]> {
    let next: string | undefined =
      `${path}?${new URLSearchParams({ ...params, limit: String(pageSize) }).toString()}`;
    while (next) {
      const response = await http.get(next, 'json');
      const data = parseBody(response.body) as Record<string, unknown>;
      yield Array.isArray(data[key]) ? (data[key] as ShRecord[]) : [];
      next = LINK_NEXT.exec(response.headers.get('link') ?? '')?.[1];
    }
  }
  const getJson = async (path: string): Promise<Record<string, unknown>> =>
    parseBody((await http.get(path, 'json')).body) as Record<string, unknown>;

  async function* listDocuments(query: DocumentQuery): AsyncGenerator<ListedDocument> {
    if (query.shops?.length && !query.shops.includes('1')) return;
    // Without status=any Shopify lists open orders only.
    const params: Record<string, string> = { status: 'any', order: 'processed_at asc' };
    if (query.kind === 'orders') {
      const byInvoice = query.dateField === 'invoice';
      // No invoice-date filter in the Admin API: an order invoiced in the period was
      // processed before its end and updated since its start; checked once normalised.
      if (query.from) params[byInvoice ? 'updated_at_min' : 'processed_at_min'] = `${query.from}T00:00:00`;
      if (query.to) params['processed_at_max'] = `${query.to}T23:59:59`;
      const states = query.states?.length ? new Set(query.states) : undefined;
      // financial_status takes one value: several states are filtered here.
      if (query.states?.length === 1) params['financial_status'] = query.states[0] ?? '';
      for await (const page of pages('orders.json', 'orders', params)) {
        for (const order of page) {
          if (states && !states.has(str(order['financial_status']))) continue;
          const id = str(order['id']);
          const transactions = await getJson(`orders/${encodeURIComponent(id)}/transactions.json`);
          const list = Array.isArray(transactions['transactions'])
            ? (transactions['transactions'] as ShRecord[])
            : [];
          const listed = settle(`order ${id}`, () => normaliseShopifyOrder(order, list), tolerance);
          const processed = shopDate(order['processed_at']) ?? shopDate(order['created_at']);
          if (byInvoice && !inInvoicePeriod(listed, processed?.date, query)) continue;
          yield listed;
        }
      }
      return;
    }
    // Refunds are embedded in their order, and a refund updates its order.
    if (query.from) params['updated_at_min'] = `${query.from}T00:00:00`;
    for await (const page of pages('orders.json', 'orders', params)) {
      for (const order of page) {
        for (const refund of Array.isArray(order['refunds']) ? (order['refunds'] as ShRecord[]) : []) {
          const date = shopDate(refund['processed_at']) ?? shopDate(refund['created_at']);
          if (date && !inPeriod(date.date, query)) continue;
          const id = `credit note ${str(refund['id'])} of order ${str(order['id'])}`;
          yield settle(id, () => normaliseShopifyRefund(refund, order), tolerance);
        }
      }
    }
  }

  async function readConfiguration(): Promise<ShopConfiguration> {
    const [shop, currencies, countries, recent] = await Promise.all([
      getJson('shop.json'),
      getJson('currencies.json'),
      getJson('countries.json'),
      // No payment-gateway or carrier list in the Admin API: recent orders name them.
      getJson(
        `orders.json?${new URLSearchParams({ status: 'any', limit: '250', fields: 'id,payment_gateway_names,shipping_lines' }).toString()}`,
      ),
    ]);
    const list = (v: unknown): ShRecord[] => (Array.isArray(v) ? (v as ShRecord[]) : []);
    const orders = list(recent['orders']);
    const gateways = new Set(
      orders.flatMap((o) =>
        Array.isArray(o['payment_gateway_names']) ? o['payment_gateway_names'].map(str) : [],
      ),
    );
    const carriers = new Map(
      orders.flatMap((o) =>
        list(o['shipping_lines']).map((l) => [str(l['code']) || str(l['title']), str(l['title'])] as const),
      ),
    );
    const info = (shop['shop'] ?? {}) as ShRecord;
    const countryList = list(countries['countries']);
    return {
      platform: 'shopify',
      orderStates: FINANCIAL_STATUSES.map((key) => ({
        key,
        name: key,
        paid: ['paid', 'partially_refunded', 'refunded'].includes(key),
      })),
      defaultStates: ['paid', 'partially_refunded', 'refunded'],
      paymentMethods: [...gateways].map((g) => ({ key: g, name: g })),
      carriers: [...carriers].map(([key, name]) => ({ key, name })),
      taxes: countryList.map((c) => ({
        key: str(c['id']),
        name: str(c['tax_name']) || str(c['name']),
        rate: parseAmount(str(c['tax']) || '0').times(100),
        country: str(c['code']),
      })),
      countries: countryList.map((c) => ({
        key: str(c['id']),
        isoCode: str(c['code']),
        name: str(c['name']),
      })),
      currencies: list(currencies['currencies']).map((c) => ({
        key: str(c['currency']),
        isoCode: str(c['currency']),
        name: str(c['currency']),
      })),
      shops: [{ key: '1', name: str(info['name']) || 'default' }],
    };
  }

  return {
    platform: 'shopify',
    async testConnection() {
      await http.get('shop.json', 'json');
    },
    readConfiguration,
    listDocuments,
  };
}
