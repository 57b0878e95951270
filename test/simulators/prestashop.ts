// A PrestaShop Webservice simulator serving the recorded PS 1.6 payloads (plus our own
// country 21 and credit slip, test/fixtures/shops/prestashop): basic auth with the key as
// user, display=full, filter[f]=[a|b] and [from,to] (dates only with date=1), sort, limit=o,n.
import { parsePrestashopXml, psText, type PsRecord } from '../../src/adapters/shops/prestashop-xml.js';
import { readFixture, readOwnFixture } from './fixtures.js';
import { basicUser, startSimulator, type SimResponse, type Simulator } from './server.js';

interface Row {
  fields: PsRecord;
  xml: string;
}

const XML = {
  'content-type': 'text/xml;charset=utf-8',
  'x-powered-by': 'PrestaShop Webservice',
  'psws-version': '1.6.1.23',
};
const ITEMS: Record<string, string> = {
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
};
const FILES: Record<string, string[]> = {
  orders: ['ps16_orders_5.xml'],
  order_details: ['ps16_order_details_13.xml', 'ps16_order_details_14.xml', 'ps16_order_details_15.xml'],
  customers: ['ps16_customers_1.xml'],
  addresses: ['ps16_addresses_1.xml', 'ps16_addresses_4.xml'],
  carriers: ['ps16_carriers_2.xml'],
  currencies: ['ps16_currencies_1.xml'],
  countries: ['ps16_countries_8.xml', 'own:countries_21.xml'],
  order_states: [
    'ps16_order_states_1.xml',
    'ps16_order_states_2.xml',
    'ps16_order_states_7.xml',
    'ps16_order_states_10.xml',
  ],
  taxes: ['ps16_taxes_1.xml'],
  order_slip: ['own:order_slip_1.xml'],
  order_payments: [],
};

const error = (
  status: number,
  code: number,
  message: string,
  headers: Record<string, string> = {},
): SimResponse => ({
  status,
  headers: { ...XML, ...headers },
  body: `<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n<errors>\n<error>\n<code><![CDATA[${code}]]></code>\n<message><![CDATA[${message}]]></message>\n</error>\n</errors>\n</prestashop>\n`,
});
const wrap = (inner: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n${inner}\n</prestashop>\n`;

function row(item: string, xml: string): Row {
  const element = new RegExp(`<${item}>[\\s\\S]*</${item}>`).exec(xml)?.[0] ?? '';
  return { xml: element, fields: parsePrestashopXml(wrap(element))[item] as PsRecord };
}

export interface PrestashopSimulator extends Simulator {
  key: string;
  /**
   * Adds N copies of order 5 (ids 1001…, one per day from 2019-02-01), each with its 3 details;
   * `invoiceAfterDays`: each is invoiced that many days after its order (else not invoiced).
   */
  generate(n: number, options?: { invoiceAfterDays?: number }): void;
}

export async function startPrestashopSimulator(
  key = 'ZQ88PRJX5VWQHCWE4EE7SQ7HPNX00RAJ',
): Promise<PrestashopSimulator> {
  const tables = new Map<string, Row[]>();
  for (const [resource, files] of Object.entries(FILES)) {
    const item = ITEMS[resource] ?? resource;
    tables.set(
      resource,
      files.map((f) =>
        row(
          item,
          f.startsWith('own:') ? readOwnFixture('prestashop', f.slice(4)) : readFixture('prestashop', f),
        ),
      ),
    );
  }

  function list(resource: string, url: URL): SimResponse {
    const item = ITEMS[resource] ?? resource;
    let rows = [...(tables.get(resource) ?? [])];
    for (const [name, raw] of url.searchParams) {
      const m = /^filter\[(\w+)\]$/.exec(name);
      if (!m?.[1]) continue;
      const field = m[1];
      const isDate = field.startsWith('date_') || field.endsWith('_date');
      if (isDate && url.searchParams.get('date') !== '1')
        return error(400, 85, `The field "${field}" is a date: filtering on it needs date=1`);
      const value = raw.replace(/^\[|\]$/g, '');
      const interval = isDate && value.includes(',') ? value.split(',') : undefined;
      rows = rows.filter((r) => {
        const v = psText(r.fields[field]);
        return interval ? v >= (interval[0] ?? '') && v <= (interval[1] ?? '') : value.split('|').includes(v);
      });
    }
    const id = (r: Row): number => Number(psText(r.fields['id']));
    rows.sort((a, b) => (url.searchParams.get('sort') === '[id_DESC]' ? id(b) - id(a) : id(a) - id(b)));
    const limit = url.searchParams.get('limit');
    if (limit) {
      const [first, second] = limit.split(',').map(Number);
      const [offset, n] = second === undefined ? [0, first ?? 0] : [first ?? 0, second];
      rows = rows.slice(offset, offset + n);
    }
    const full = url.searchParams.has('display');
    const body = rows
      .map((r) =>
        full ? r.xml : `<${item} id="${id(r)}" xlink:href="http://127.0.0.1/api/${resource}/${id(r)}"/>`,
      )
      .join('\n');
    return { status: 200, headers: XML, body: wrap(`<${resource}>\n${body}\n</${resource}>`) };
  }

  const sim = await startSimulator({
    authorised: (req, url) => (basicUser(req)?.user ?? url.searchParams.get('ws_key')) === key,
    unauthorised: error(401, 17, 'Authentication key is not active or is invalid', {
      'www-authenticate':
        'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."',
    }),
    handle(url) {
      const parts = url.pathname
        .replace(/^\/api\/?/, '')
        .split('/')
        .filter(Boolean);
      if (!url.pathname.startsWith('/api'))
        return {
          status: 404,
          headers: { 'content-type': 'text/html' },
          body: '<html><body>Page not found</body></html>',
        };
      if (parts.length === 0)
        return {
          status: 200,
          headers: XML,
          body: wrap(
            `<api shopName="Simulated shop">${Object.keys(FILES)
              .map((r) => `<${r} xlink:href="http://127.0.0.1/api/${r}"/>`)
              .join('')}</api>`,
          ),
        };
      const [resource = '', id] = parts;
      if (!tables.has(resource))
        return error(400, 22, `Resource of type "${resource}" does not exists. Did you mean: "orders"?`);
      if (id === undefined) return list(resource, url);
      const found = tables.get(resource)?.find((r) => psText(r.fields['id']) === id);
      return found
        ? { status: 200, headers: XML, body: wrap(found.xml) }
        : error(404, 87, `Id(s) not exists: ${id}`);
    },
  });

  return {
    ...sim,
    key,
    generate(n: number, options: { invoiceAfterDays?: number } = {}) {
      const order = tables.get('orders')?.[0]?.xml ?? '';
      const details = (tables.get('order_details') ?? []).map((r) => r.xml);
      for (let i = 0; i < n; i++) {
        const id = 1001 + i;
        const day = new Date(Date.UTC(2019, 1, 1 + (i % 360))).toISOString().slice(0, 10);
        const delay = options.invoiceAfterDays;
        const invoiced =
          delay === undefined
            ? '0000-00-00'
            : new Date(Date.UTC(2019, 1, 1 + (i % 360) + delay)).toISOString().slice(0, 10);
        const xml = order
          .replace(/(<invoice_date>)<!\[CDATA\[0000-00-00/, `$1<![CDATA[${invoiced}`)
          .replace(/<id><!\[CDATA\[5\]\]><\/id>/, `<id><![CDATA[${id}]]></id>`)
          .replace(/KHWLILZLL/g, `GEN${id}`)
          .replace(/2019-01-30 01:02:1(\d)/g, `${day} 01:02:1$1`)
          .replace(
            /<id><!\[CDATA\[(1[345])\]\]><\/id>/g,
            (_m, d: string) => `<id><![CDATA[${id * 10 + Number(d)}]]></id>`,
          );
        tables.get('orders')?.push(row('order', xml));
        details.forEach((detail) => {
          const d = detail
            .replace(
              /<id><!\[CDATA\[(1[345])\]\]><\/id>/,
              (_m, x: string) => `<id><![CDATA[${id * 10 + Number(x)}]]></id>`,
            )
            .replace(/(<id_order[^>]*>)<!\[CDATA\[5\]\]>/, `$1<![CDATA[${id}]]>`);
          tables.get('order_details')?.push(row('order_detail', d));
        });
      }
    },
  };
}
