import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnector } from '../../src/adapters/shops/connector.js';
import { startPrestashopSimulator, type PrestashopSimulator } from '../simulators/prestashop.js';
import { drain, expectBooksBalanced, FAST, okDocuments } from './shops-helpers.js';

describe('PrestaShop connector against the simulator', () => {
  let sim: PrestashopSimulator;
  beforeEach(async () => {
    sim = await startPrestashopSimulator();
  });
  afterEach(() => sim.close());
  const connector = (key = sim.key) =>
    createConnector({ type: 'prestashop', url: sim.url, key }, { ...FAST, pageSize: 50 });

  it('tests the connection and reads the configuration', async () => {
    await connector().testConnection();
    const config = await connector().readConfiguration();
    expect(config.orderStates.map((s) => [s.key, s.paid])).toEqual([
      ['1', false],
      ['2', true],
      ['7', false],
      ['10', false],
    ]);
    expect(config.defaultStates).toEqual(['2']);
    expect(config.carriers).toEqual([{ key: '2', name: 'My carrier' }]);
    expect(config.taxes.map((t) => [t.name, t.rate.toString()])).toEqual([['VAT UK 20%', '20']]);
    expect(config.currencies.map((c) => c.isoCode)).toEqual(['EUR']);
    expect(config.paymentMethods).toEqual([{ key: 'bankwire', name: 'Bank wire' }]);
    expect(config.shops).toEqual([{ key: '1', name: 'default' }]);
  });

  it('lists order 5 for its period with date=1, normalised with the shop totals', async () => {
    const items = await drain(connector(), { kind: 'orders', from: '2019-01-30', to: '2019-01-30' });
    const docs = okDocuments(items);
    expect(
      docs.map((d) => [d.orderKey, d.totals.paidTaxIncl.toFixed(2), d.invoiceAddress?.countryIso]),
    ).toEqual([['5', '71.51', 'US']]);
    expectBooksBalanced(docs);
    expect(sim.requests.some((r) => r.includes('date=1') && r.includes('filter%5Bdate_add%5D'))).toBe(true);
    expect(await drain(connector(), { kind: 'orders', from: '2019-02-01' })).toEqual([]);
    // State 10 (awaiting bank wire) is not a paid state.
    expect(await drain(connector(), { kind: 'orders', states: ['2'] })).toEqual([]);
  });

  it('lists credit slips with their details', async () => {
    const docs = okDocuments(
      await drain(connector(), { kind: 'creditnotes', from: '2019-02-01', to: '2019-02-28' }),
    );
    expect(docs.map((d) => [d.creditNoteKey, d.orderKey, d.totals.paidTaxIncl.toFixed(2)])).toEqual([
      ['1', '5', '27.00'],
    ]);
    expectBooksBalanced(docs);
  });

  it('pages with limit=offset,n until a short page: 250 generated orders', async () => {
    sim.generate(250);
    const items = await drain(connector(), { kind: 'orders' });
    expect(items.filter((i) => i.ok)).toHaveLength(251);
    expect(
      sim.requests
        .filter((r) => r.startsWith('/api/orders?'))
        .map((r) => new URL(r, sim.url).searchParams.get('limit')),
    ).toEqual(['0,50', '50,50', '100,50', '150,50', '200,50', '250,50']);
  });

  it('a refused key is a clear error without the key in it', async () => {
    const error = await connector('WRONGKEYWRONGKEYWRONGKEY12345678')
      .testConnection()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'shop-auth', status: 401 });
    expect(String((error as Error).message)).toMatch(
      /refused the key.*Authentication key is not active or is invalid/,
    );
    expect(String((error as Error).message)).not.toContain('WRONGKEY');
  });
});
