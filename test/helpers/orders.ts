// Builds small, consistent order XML for integration tests: one product line at 20 %
// VAT, paid by card. Amounts are built from integer cents as text (never floats).

const cents = (n: number): string => `${Math.trunc(n / 100)}.${String(n % 100).padStart(2, '0')}`;

export interface TestOrder {
  key: string;
  customer?: string;
  /** Tax-excluded price in cents. */
  priceCents?: number;
  date?: string;
  lastname?: string;
}

export function orderXml(order: TestOrder): string {
  const excl = order.priceCents ?? 10000;
  const vat = Math.round((excl * 20) / 100); // integer cents: exact
  const incl = excl + vat;
  return `  <order>
    <order_type>ORDER</order_type>
    <order_key>${order.key}</order_key>
    <order_date>${order.date ?? '2026-11-02 10:15:00'}</order_date>
    <payment_name><![CDATA[Carte bancaire]]></payment_name>
    <total_products_tax_excl>${cents(excl)}</total_products_tax_excl>
    <total_products_tax_incl>${cents(incl)}</total_products_tax_incl>
    <total_paid_tax_excl>${cents(excl)}</total_paid_tax_excl>
    <total_paid_tax_incl>${cents(incl)}</total_paid_tax_incl>
    <customer>
      <customer_key>${order.customer ?? '39'}</customer_key>
      <firstname>Jeanne</firstname>
      <lastname><![CDATA[${order.lastname ?? 'Dupré'}]]></lastname>
    </customer>
    <invoice_address><country_iso>FR</country_iso></invoice_address>
    <order_lines>
      <order_line>
        <product_key>7</product_key>
        <product_name><![CDATA[Théière en fonte]]></product_name>
        <quantity>1</quantity>
        <total_price_tax_excl>${cents(excl)}</total_price_tax_excl>
        <total_price_tax_incl>${cents(incl)}</total_price_tax_incl>
        <tax_name>TVA FR 20%</tax_name>
        <tax_rate>20.000</tax_rate>
      </order_line>
    </order_lines>
  </order>
`;
}

export function ordersFile(orders: TestOrder[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<orders>\n${orders.map(orderXml).join('')}</orders>\n`;
}
