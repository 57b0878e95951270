import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createConnector } from '../../src/adapters/shops/connector.js';
import { ShopError } from '../../src/adapters/shops/http.js';
import { startPrestashopSimulator, type PrestashopSimulator } from '../simulators/prestashop.js';
import { startShopifySimulator, type ShopifySimulator } from '../simulators/shopify.js';
import { startWoocommerceSimulator, type WoocommerceSimulator } from '../simulators/woocommerce.js';
import { FAST } from './shops-helpers.js';

const failure = (p: Promise<unknown>): Promise<ShopError> =>
  p.then(
    () => {
      throw new Error('expected a ShopError');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(ShopError);
      return e as ShopError;
    },
  );

describe('shop connectors: faults', () => {
  let shopify: ShopifySimulator;
  let presta: PrestashopSimulator;
  let woo: WoocommerceSimulator;
  beforeEach(async () => {
    [shopify, presta, woo] = await Promise.all([
      startShopifySimulator(),
      startPrestashopSimulator(),
      startWoocommerceSimulator(),
    ]);
  });
  afterEach(() => Promise.all([shopify.close(), presta.close(), woo.close()]));
  const shop = (options = {}) =>
    createConnector(
      { type: 'shopify', url: shopify.url, accessToken: shopify.accessToken },
      { ...FAST, ...options },
    );
  const ps = (url = presta.url) => createConnector({ type: 'prestashop', url, key: presta.key }, FAST);

  it('waits for Retry-After on 429, then goes on', async () => {
    shopify.faults.rateLimitOnce = true;
    const started = Date.now();
    await shop().testConnection();
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(shopify.requests).toEqual(['/admin/api/2024-10/shop.json']);
  });

  it('retries a 500 with back-off and gets the 200', async () => {
    presta.faults.failures = 2;
    await ps().testConnection();
    expect(presta.requests).toHaveLength(1);
  });

  it('gives up on 500 after the configured retries with the status in the error', async () => {
    presta.faults.failures = 10;
    const error = await failure(ps().testConnection());
    expect(error).toMatchObject({ code: 'shop-unavailable', status: 500, retryable: true });
    expect(presta.faults.failures).toBe(10 - 1 - FAST.retries);
  });

  it('times out a slow shop, retries, then says it did not answer', async () => {
    shopify.faults.slowMs = 400;
    const error = await failure(shop({ timeoutMs: 100, retries: 1 }).testConnection());
    expect(error.code).toBe('shop-timeout');
    expect(error.message).toMatch(/did not answer .*within 100 ms/);
  });

  it('an HTML answer is a clear format error, for XML and JSON shops', async () => {
    presta.faults.html = true;
    woo.faults.html = true;
    const e1 = await failure(ps().testConnection());
    expect(e1.code).toBe('shop-format');
    expect(e1.message).toMatch(/HTML page instead of XML/);
    const e2 = await failure(
      createConnector(
        {
          type: 'woocommerce',
          url: woo.url,
          consumerKey: woo.consumerKey,
          consumerSecret: woo.consumerSecret,
        },
        FAST,
      ).testConnection(),
    );
    expect(e2.message).toMatch(/HTML page instead of JSON.*Check the shop URL/);
  });

  it('a wrong URL: nothing listening, a path that is not the API, not a URL at all', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const e1 = await failure(ps(`http://127.0.0.1:${port}/shop`).testConnection());
    expect(e1.code).toBe('shop-unreachable');
    expect(e1.message).toMatch(/cannot reach PrestaShop at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
    const e2 = await failure(
      createConnector(
        { type: 'shopify', url: `${shopify.url}/not-admin/api/x/`, accessToken: shopify.accessToken },
        FAST,
      ).testConnection(),
    );
    expect(e2.code).toBe('shop-not-found');
    expect(e2.message).toMatch(/HTTP 404.*Check the shop URL/);
    expect(() => ps('shop.example.com')).toThrow(/is not a URL/);
  });

  it('a refused key and a missing permission are told apart, and no secret is in any message', async () => {
    const wrong = 'WRONGWRONGWRONGWRONG';
    const e1 = await failure(
      createConnector({ type: 'prestashop', url: presta.url, key: wrong }, FAST).testConnection(),
    );
    expect(e1.code).toBe('shop-auth');
    // A resource the key may not read: PrestaShop answers 403 on it in our simulator's stead.
    const server = createServer((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({
          errors: `[API] This action requires merchant approval for read_orders scope. token=${shopify.accessToken}`,
        }),
      );
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const e2 = await failure(
      createConnector({ type: 'shopify', url, accessToken: shopify.accessToken }, FAST).testConnection(),
    );
    await new Promise<void>((r) => server.close(() => r()));
    expect(e2).toMatchObject({ code: 'shop-permission', status: 403 });
    expect(e2.message).toMatch(/lacks a permission.*read_orders/);
    for (const e of [e1, e2]) {
      expect(e.message).not.toContain(wrong);
      expect(e.message).not.toContain(shopify.accessToken);
      expect(JSON.stringify(e)).not.toContain(shopify.accessToken);
    }
  });
});
