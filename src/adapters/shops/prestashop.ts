// PrestaShop Webservice connector (XML). The key is the basic-auth user with an empty
// password; lists page with limit=offset,n until a short page (there is no total header);
// date filters need date=1. Related records are fetched per page with filter[id]=[a|b|…].
import type { SalesDocument } from '../../domain/document.js';
import { parseAmount, ZERO } from '../../domain/money.js';
import type {
  ConnectorOptions,
  DocumentQuery,
  ListedDocument,
  ShopConfiguration,
  ShopConnector,
} from './connector.js';
import { ShopHttpClient } from './http.js';
import { settle } from './normalise-common.js';
import {
  normalisePrestashopOrder,
  normalisePrestashopSlip,
  type PsOrderBundle,
} from './prestashop-normalise.js';
import {
  parsePrestashopXml,
  prestashopMessage,
  psText,
  recordId,
  recordsOf,
  type PsRecord,
} from './prestashop-xml.js';
import { shopBaseUrl } from './url.js';

type Source = { url: string; key: string };
const ID_CHUNK = 50;

const plural: Record<string, string> = {
  orders: 'order',
  order_details: 'order_detail',
  customers: 'customer',
  addresses: 'address',
  carriers: 'carrier',
  currencies: 'currency',
  countries: 'country',
  order_payments: 'order_payment',
  order_states: 'order_state',
  taxes: 'tax',
  order_slip: 'order_slip',
  shops: 'shop',
};

export function createPrestashopConnector(source: Source, options: ConnectorOptions = {}): ShopConnector {
  const base = shopBaseUrl(source.url, 'prestashop');
  const http = new ShopHttpClient({
    ...options,
    platform: 'PrestaShop',
    baseUrl: base.pathname.replace(/\/+$/, '').endsWith('/api')
      ? base.href
      : new URL('api/', base.href.endsWith('/') ? base : `${base.href}/`).href,
    headers: { authorization: `Basic ${Buffer.from(`${source.key}:`).toString('base64')}` },
    secrets: [source.key],
    extractMessage: prestashopMessage,
  });
  const pageSize = options.pageSize ?? 100;
  const tolerance = parseAmount(options.tolerance ?? '0.01');
  const cache = new Map<string, Map<string, PsRecord>>();

  async function* pages(resource: string, params: Record<string, string>): AsyncGenerator<PsRecord[]> {
    for (let offset = 0; ; offset += pageSize) {
      const query = new URLSearchParams({ display: 'full', ...params, limit: `${offset},${pageSize}` });
      const body = (await http.get(`${resource}?${query.toString()}`, 'xml')).body;
      const records = recordsOf(parsePrestashopXml(body), resource, plural[resource] ?? resource);
      yield records;
      if (records.length < pageSize) return;
    }
  }

  async function all(resource: string, params: Record<string, string> = {}): Promise<PsRecord[]> {
    const out: PsRecord[] = [];
    for await (const page of pages(resource, params)) out.push(...page);
    return out;
  }

  /** Records by id, cached for the connector's life (customers, addresses, countries…). */
  async function byIds(
    resource: string,
    ids: Iterable<string>,
    field = 'id',
  ): Promise<Map<string, PsRecord>> {
    const known = cache.get(`${resource}/${field}`) ?? new Map<string, PsRecord>();
    cache.set(`${resource}/${field}`, known);
    const missing = [...new Set(ids)].filter((id) => id && id !== '0' && !known.has(id));
    for (let i = 0; i < missing.length; i += ID_CHUNK) {
      const chunk = missing.slice(i, i + ID_CHUNK);
      for (const record of await all(resource, { [`filter[${field}]`]: `[${chunk.join('|')}]` })) {
        const k = psText(record[field]);
        const group = known.get(k);
        // Several details per order, several payments per reference: grouped under `rows`.
        if (field === 'id') known.set(k, record);
        else known.set(k, { rows: [...((group?.['rows'] as PsRecord[] | undefined) ?? []), record] });
      }
      for (const id of chunk) if (!known.has(id) && field !== 'id') known.set(id, { rows: [] });
    }
    return known;
  }
  const rows = (m: Map<string, PsRecord>, k: string): PsRecord[] =>
    (m.get(k)?.['rows'] as PsRecord[] | undefined) ?? [];
  const field = (r: PsRecord, f: string): string => psText(r[f]).trim();

  async function bundles(orders: PsRecord[]): Promise<Map<string, PsOrderBundle>> {
    const ids = (f: string, from = orders): string[] => from.map((o) => field(o, f));
    const [details, customers, addresses, carriers, currencies, payments, taxes] = await Promise.all([
      byIds('order_details', ids('id'), 'id_order'),
      byIds('customers', ids('id_customer')),
      byIds('addresses', [...ids('id_address_invoice'), ...ids('id_address_delivery')]),
      byIds('carriers', ids('id_carrier')),
      byIds('currencies', ids('id_currency')),
      byIds('order_payments', ids('reference'), 'order_reference'),
      allTaxes(),
    ]);
    const countries = await byIds(
      'countries',
      [...addresses.values()].map((a) => field(a, 'id_country')),
    );
    return new Map(
      orders.map((order) => [
        field(order, 'id'),
        {
          order,
          details: rows(details, field(order, 'id')),
          customer: customers.get(field(order, 'id_customer')),
          invoiceAddress: addresses.get(field(order, 'id_address_invoice')),
          deliveryAddress: addresses.get(field(order, 'id_address_delivery')),
          countries,
          carrier: carriers.get(field(order, 'id_carrier')),
          currency: currencies.get(field(order, 'id_currency')),
          payments: rows(payments, field(order, 'reference')),
          taxes,
        },
      ]),
    );
  }

  let taxMap: Promise<Map<string, PsRecord>> | undefined;
  const allTaxes = (): Promise<Map<string, PsRecord>> =>
    (taxMap ??= all('taxes').then((list) => new Map(list.map((x) => [recordId(x), x]))));

  function filters(query: DocumentQuery, dateField: string): Record<string, string> {
    const params: Record<string, string> = { sort: '[id_ASC]' };
    if (query.from || query.to) {
      params['date'] = '1';
      params[`filter[${dateField}]`] =
        `[${query.from ?? '1970-01-01'} 00:00:00,${query.to ?? '9999-12-31'} 23:59:59]`;
    }
    return params;
  }

  async function* listDocuments(query: DocumentQuery): AsyncGenerator<ListedDocument> {
    const shops = query.shops?.length ? new Set(query.shops) : undefined;
    const inShop = (o: PsRecord): boolean => !shops || shops.has(field(o, 'id_shop') || '1');
    if (query.kind === 'orders') {
      // The Webservice filters invoice_date itself; "0000-00-00" (no invoice) falls outside.
      const params = filters(query, query.dateField === 'invoice' ? 'invoice_date' : 'date_add');
      if (query.states?.length) params['filter[current_state]'] = `[${query.states.join('|')}]`;
      if (shops) params['filter[id_shop]'] = `[${[...shops].join('|')}]`;
      for await (const page of pages('orders', params)) {
        const found = await bundles(page);
        for (const order of page) {
          const b = found.get(field(order, 'id'));
          yield settle(
            `order ${field(order, 'id')}`,
            () =>
              normalisePrestashopOrder(b ?? { order, details: [], countries: new Map(), taxes: new Map() }),
            tolerance,
          );
        }
      }
      return;
    }
    for await (const page of pages('order_slip', filters(query, 'date_add'))) {
      const orders = await byIds(
        'orders',
        page.map((s) => field(s, 'id_order')),
      );
      const found = await bundles(
        [...new Set(page.map((s) => field(s, 'id_order')))].flatMap((id): PsRecord[] => {
          const order = orders.get(id);
          return order ? [order] : [];
        }),
      );
      for (const slip of page) {
        const id = `credit note ${field(slip, 'id')} of order ${field(slip, 'id_order')}`;
        const b = found.get(field(slip, 'id_order'));
        if (b && !inShop(b.order)) continue;
        yield settle(
          id,
          (): SalesDocument => {
            if (!b) throw new Error(`its order ${field(slip, 'id_order')} is not readable with this key`);
            return normalisePrestashopSlip(slip, b);
          },
          tolerance,
        );
      }
    }
  }

  async function readConfiguration(): Promise<ShopConfiguration> {
    const [states, carriers, taxes, countries, currencies, shops, recent] = await Promise.all([
      all('order_states'),
      all('carriers', { 'filter[deleted]': '0' }),
      allTaxes(),
      all('countries'),
      all('currencies'),
      // Multistore off: the shops resource is not there; one shop "1".
      all('shops').catch(() => [] as PsRecord[]),
      // The Webservice has no payment-modules resource: the names used by recent orders stand in.
      http
        .get(
          `orders?${new URLSearchParams({ display: '[id,module,payment]', sort: '[id_DESC]', limit: '0,200' }).toString()}`,
          'xml',
        )
        .then((r) => recordsOf(parsePrestashopXml(r.body), 'orders', 'order')),
    ]);
    const named = (r: PsRecord): { key: string; name: string } => ({
      key: recordId(r),
      name: psText(r['name']),
    });
    const payments = new Map(recent.map((o) => [field(o, 'module'), field(o, 'payment')]));
    const orderStates = states.map((s) => ({ ...named(s), paid: field(s, 'paid') === '1' }));
    return {
      platform: 'prestashop',
      orderStates,
      defaultStates: orderStates.filter((s) => s.paid).map((s) => s.key),
      paymentMethods: [...payments].filter(([k]) => k).map(([k, name]) => ({ key: k, name })),
      carriers: carriers.map(named),
      taxes: [...taxes.values()].map((x) => ({
        ...named(x),
        rate: field(x, 'rate') ? parseAmount(field(x, 'rate')) : ZERO,
      })),
      countries: countries.map((c) => ({ ...named(c), isoCode: field(c, 'iso_code') })),
      currencies: currencies.map((c) => ({
        ...named(c),
        isoCode: field(c, 'iso_code'),
        rate: parseAmount(field(c, 'conversion_rate') || '1'),
      })),
      shops: shops.length ? shops.map(named) : [{ key: '1', name: 'default' }],
    };
  }

  return {
    platform: 'prestashop',
    async testConnection() {
      await http.get('', 'xml');
    },
    readConfiguration,
    listDocuments,
  };
}
