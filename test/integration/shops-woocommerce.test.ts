import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnector } from '../../src/adapters/shops/connector.js';
import { startWoocommerceSimulator, type WoocommerceSimulator } from '../simulators/woocommerce.js';
import { drain, expectBooksBalanced, FAST, okDocuments } from './shops-helpers.js';

describe('WooCommerce connector against the simulator', () => {
  let sim: WoocommerceSimulator;
  beforeEach(async () => {
    sim = await startWoocommerceSimulator();
  });
  afterEach(() => sim.close());
  const connector = (secret = sim.consumerSecret) =>
    createConnector(
      { type: 'woocommerce', url: sim.url, consumerKey: sim.consumerKey, consumerSecret: secret },
      { ...FAST, pageSize: 2 },
    );

  it('reads the configuration: taxes, payment gateways, currency', async () => {
    await connector().testConnection();
    const config = await connector().readConfiguration();
    expect(config.defaultStates).toEqual(['processing', 'completed']);
    expect(config.taxes).toHaveLength(10);
    expect(config.paymentMethods.map((p) => [p.key, p.enabled])).toEqual([
      ['bacs', true],
      ['cheque', false],
      ['cod', false],
      ['paypal', true],
    ]);
    expect(config.currencies.map((c) => c.isoCode)).toEqual(['USD']);
  });

  it('lists every fixture order: consistent ones match the shop totals and book, order 963 is refused', async () => {
    const items = await drain(connector(), {
      kind: 'orders',
      states: ['processing', 'completed', 'refunded'],
    });
    const docs = okDocuments(items);
    expect(docs.map((d) => [d.orderKey, d.totals.paidTaxIncl.toFixed(2)])).toEqual([
      ['723', '39.00'],
      ['727', '29.35'],
      ['609', '223.71'],
      ['324', '304.45'],
      ['211', '33.30'],
    ]);
    expectBooksBalanced(docs);
    const refused = items.filter((i) => !i.ok);
    expect(refused.map((i) => !i.ok && i.id)).toEqual(['order 963']);
    // Paging: per_page=2 over 6 orders, following X-WP-TotalPages.
    expect(sim.requests.filter((r) => r.startsWith('/wp-json/wc/v3/orders?')).length).toBe(3);
  });

  it('filters by status and date', async () => {
    const docs = okDocuments(
      await drain(connector(), {
        kind: 'orders',
        from: '2017-03-22',
        to: '2017-03-22',
        states: ['processing'],
      }),
    );
    expect(docs.map((d) => d.orderKey)).toEqual(['727']);
  });

  it('lists the refunds of the period as credit notes', async () => {
    const docs = okDocuments(
      await drain(connector(), { kind: 'creditnotes', from: '2017-03-21', to: '2017-03-21' }),
    );
    expect(docs.map((d) => [d.creditNoteKey, d.totals.paidTaxIncl.toFixed(2), d.lines.length])).toEqual([
      ['724', '9.00', 1],
      ['726', '10.00', 0],
    ]);
    expectBooksBalanced(docs);
  });

  it('generates 300 orders and pages through them', async () => {
    sim.generate(300);
    const connector300 = createConnector(
      { type: 'woocommerce', url: sim.url, consumerKey: sim.consumerKey, consumerSecret: sim.consumerSecret },
      FAST,
    );
    const items = await drain(connector300, { kind: 'orders', from: '2017-04-01' });
    expect(okDocuments(items).filter((d) => Number(d.orderKey) > 10000)).toHaveLength(300);
  });

  it('a refused secret is a clear error without the secret in it', async () => {
    const error = await connector('cs_wrongwrongwrong')
      .testConnection()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'shop-auth',
      status: 401,
      shopMessage: 'Sorry, you cannot list resources.',
    });
    expect(String((error as Error).message)).not.toContain('cs_wrong');
    expect(String((error as Error).message)).not.toContain(sim.consumerKey);
  });
});
