import { describe, expect, it } from 'vitest';
import { offeredPaymentMethods } from './payment-methods.js';

describe('offeredPaymentMethods', () => {
  const shop = [
    { key: 'bacs', name: 'Direct bank transfer', enabled: true },
    { key: 'paypal', name: 'PayPal', enabled: false },
  ];

  it("offers the shop's methods, then the profile's extra names", () => {
    expect(offeredPaymentMethods(shop, ['Amazon', 'Cdiscount'])).toEqual([
      ...shop,
      { key: 'Amazon', name: 'Amazon', extra: true },
      { key: 'Cdiscount', name: 'Cdiscount', extra: true },
    ]);
  });

  it('does not offer a method twice, whatever its case or spaces', () => {
    const offered = offeredPaymentMethods(shop, ['paypal', ' PAYPAL ', 'Amazon', 'amazon ', '  ']);
    expect(offered.map((m) => m.name)).toEqual(['Direct bank transfer', 'PayPal', 'Amazon']);
  });

  it('offers only the extra names when the shop lists none (a drop folder)', () => {
    expect(offeredPaymentMethods([], ['Fnac'])).toEqual([{ key: 'Fnac', name: 'Fnac', extra: true }]);
  });
});
