// The elements order-xml.md defines, as data: the reader uses it to tell unknown elements
// apart, the writer to write every field in the spec's order.

export const REF_FIELDS = ['quote_key', 'cart_key', 'return_key', 'zone_key', 'country_key'] as const;

export const TOTAL_FIELDS = [
  'total_products_tax_excl',
  'total_products_tax_incl',
  'total_discounts_tax_excl',
  'total_discounts_tax_incl',
  'total_shipping_tax_excl',
  'total_shipping_tax_incl',
  'total_wrapping_tax_excl',
  'total_wrapping_tax_incl',
  'total_paid_tax_excl',
  'total_paid_tax_incl',
] as const;

export const ORDER_TEXT_FIELDS = [
  'order_type',
  'shop_key',
  'order_key',
  ...REF_FIELDS,
  'creditnote_key',
  'order_date',
  'order_status',
  'order_number',
  'order_reference',
  'invoice_date',
  'invoice_number',
  'creditnote_date',
  'creditnote_number',
  'delivery_date',
  'return_date',
  'return_number',
  'due_date',
  'payment_name',
  'currency_key',
  'currency_code',
  'currency_rate',
  'carrier_key',
  'carrier_name',
  'shipping_tax_name',
  'shipping_tax_rate',
  'wrapping_tax_name',
  'wrapping_tax_rate',
  ...TOTAL_FIELDS,
] as const;

export const CUSTOMER_FIELDS = [
  'customer_key',
  'company',
  'firstname',
  'lastname',
  'email',
  'vat_number',
  'accounting_account',
  'customer_account',
] as const;

export const ADDRESS_FIELDS = [
  'company',
  'firstname',
  'lastname',
  'address1',
  'address2',
  'postcode',
  'city',
  'state',
  'country_iso',
  'country_name',
  'phone',
  'vat_number',
] as const;

export const LINE_FIELDS = [
  'product_key',
  'product_reference',
  'product_name',
  'quantity',
  'unit_price_tax_excl',
  'unit_price_tax_incl',
  'total_price_tax_excl',
  'total_price_tax_incl',
  'tax_name',
  'tax_rate',
  'discount_tax_excl',
  'accounting_account',
  'analytic_section',
] as const;

export const TAX_FIELDS = ['name', 'rate', 'base', 'amount'] as const;

export const PAYMENT_FIELDS = [
  'payment_name',
  'payment_date',
  'amount',
  'fee',
  'currency_code',
  'transaction_id',
] as const;

/** A group of leaf elements, or a list of such groups under one wrapper element. */
type Shape =
  { kind: 'group'; fields: readonly string[] } | { kind: 'list'; item: string; fields: readonly string[] };

export const ORDER_GROUPS: Record<string, Shape> = {
  customer: { kind: 'group', fields: CUSTOMER_FIELDS },
  invoice_address: { kind: 'group', fields: ADDRESS_FIELDS },
  delivery_address: { kind: 'group', fields: ADDRESS_FIELDS },
  order_lines: { kind: 'list', item: 'order_line', fields: LINE_FIELDS },
  taxes: { kind: 'list', item: 'tax', fields: TAX_FIELDS },
  payments: { kind: 'list', item: 'payment', fields: PAYMENT_FIELDS },
};

/** An element of an order as read: trimmed later, children in document order. */
export interface XmlNode {
  name: string;
  text: string;
  children: XmlNode[];
}

/**
 * Paths (from `order/`, without indexes) of the elements of `order` that order-xml.md does
 * not define, including leaf fields that unexpectedly hold elements.
 */
export function collectUnknownPaths(order: XmlNode): string[] {
  const found: string[] = [];
  // Known children are descended into; a leaf field has no known children at all.
  const walk = (node: XmlNode, path: string, known: (child: XmlNode, childPath: string) => boolean): void => {
    for (const child of node.children) {
      const childPath = `${path}/${child.name}`;
      if (!known(child, childPath)) found.push(childPath);
    }
  };
  const leaf = (node: XmlNode, path: string): boolean => {
    walk(node, path, () => false);
    return true;
  };
  const fieldsOf =
    (fields: readonly string[]) =>
    (child: XmlNode, path: string): boolean =>
      fields.includes(child.name) && leaf(child, path);
  const topLevel: readonly string[] = ORDER_TEXT_FIELDS;
  walk(order, 'order', (child, path) => {
    if (topLevel.includes(child.name)) return leaf(child, path);
    const shape = ORDER_GROUPS[child.name];
    if (!shape) return false;
    if (shape.kind === 'group') walk(child, path, fieldsOf(shape.fields));
    else {
      walk(child, path, (item, itemPath) => {
        if (item.name !== shape.item) return false;
        walk(item, itemPath, fieldsOf(shape.fields));
        return true;
      });
    }
    return true;
  });
  return found;
}
