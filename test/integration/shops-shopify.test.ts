import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnector } from '../../src/adapters/shops/connector.js';
import { startShopifySimulator, type ShopifySimulator } from '../simulators/shopify.js';
import { drain, expectBooksBalanced, FAST, okDocuments } from './shops-helpers.js';

describe('Shopify connector against the simulator', () => {
  let sim: ShopifySimulator;
  beforeEach(async () => {
    sim = await startShopifySimulator();
  });
  afterEach(() => sim.close());
  const connector = (token = sim.accessToken) =>
    createConnector({ type: 'shopify', url: sim.url, accessToken: token }, { ...FAST, pageSize: 100 });

  it('reads the configuration', async () => {
    await connector().testConnection();
    const config = await connector().readConfiguration();
    expect(config.defaultStates).toEqual(['paid', 'partially_refunded', 'refunded']);
    expect(config.paymentMethods).toEqual([{ key: 'bogus', name: 'bogus' }]);
    expect(config.countries.length).toBeGreaterThan(0);
    expect(config.currencies.length).toBeGreaterThan(0);
  });

  it('refuses the published example order and its refund, whose figures do not add up', async () => {
    const orders = await drain(connector(), { kind: 'orders' });
    expect(orders.map((i) => i.ok)).toEqual([false]);
    if (!orders[0]!.ok)
      expect(orders[0]!.error.message).toMatch(/order 450789469 \[subtotal_price\]: .*597\.00.*587\.00/);
    const refunds = await drain(connector(), { kind: 'creditnotes', from: '2008-01-01', to: '2024-12-31' });
    expect(refunds.map((i) => i.ok)).toEqual([false]);
    expect(
      sim.requests.every(
        (r) =>
          !r.startsWith('/admin/api/2024-10/orders.json') ||
          r.includes('status=any') ||
          r.includes('page_info'),
      ),
    ).toBe(true);
  });

  it('generates 300 consistent orders, pages with the Link cursor, normalises and books them', async () => {
    sim.generate(300);
    const items = await drain(connector(), { kind: 'orders', from: '2024-01-01', states: ['paid'] });
    const docs = okDocuments(items);
    expect(docs).toHaveLength(300);
    expect(docs[0]!.totals.paidTaxIncl.toFixed(2)).toBe('622.22');
    expect(docs[0]!.taxes?.map((t) => [t.name, t.rate.toString(), t.amount.toFixed(2)])).toEqual([
      ['State Tax', '6', '35.22'],
    ]);
    expectBooksBalanced(docs.slice(0, 20));
    const pages = sim.requests.filter((r) => r.startsWith('/admin/api/2024-10/orders.json'));
    expect(pages).toHaveLength(3);
    expect(
      pages.slice(1).every((r) => /^\/admin\/api\/2024-10\/orders\.json\?limit=100&page_info=/.test(r)),
    ).toBe(true);
  });

  it('a refused token is a clear error without the token in it', async () => {
    const error = await connector('shpat_wrongwrongwrong')
      .testConnection()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'shop-auth', status: 401 });
    expect(String((error as Error).message)).toMatch(/Invalid API key or access token/);
    expect(String((error as Error).message)).not.toContain('shpat_wrong');
  });
});
