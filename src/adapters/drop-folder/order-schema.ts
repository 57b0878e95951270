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
  'gift_card',
] as const;

/** Elements we read beyond order-xml.md (README "Accounting notes"): shop data the contract lacks. */
export const EXTENSION_FIELDS: readonly string[] = ['gift_card'];

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
  // Runs on every order of a file: Sets rather than Array.includes, no closure per element,
  // and a path string built per group or unknown element, not for each known leaf.
  const found: string[] = [];
  for (const child of order.children) {
    const shape = GROUP_SETS.get(child.name);
    if (TOP_LEVEL.has(child.name)) leafChildren(child, `order/${child.name}`, found);
    else if (!shape) found.push(`order/${child.name}`);
    else if (shape.item === undefined) groupChildren(child, shape.fields, `order/${child.name}`, found);
    else {
      for (const item of child.children) {
        const itemPath = `order/${child.name}/${item.name}`;
        if (item.name === shape.item) groupChildren(item, shape.fields, itemPath, found);
        else found.push(itemPath);
      }
    }
  }
  return found;
}

/** A leaf field holds no element: each child is unknown. */
function leafChildren(node: XmlNode, path: string, found: string[]): void {
  for (const child of node.children) found.push(`${path}/${child.name}`);
}

function groupChildren(node: XmlNode, known: ReadonlySet<string>, path: string, found: string[]): void {
  for (const child of node.children) {
    if (!known.has(child.name)) found.push(`${path}/${child.name}`);
    else if (child.children.length > 0) leafChildren(child, `${path}/${child.name}`, found);
  }
}

const TOP_LEVEL: ReadonlySet<string> = new Set(ORDER_TEXT_FIELDS);
// A Map: an element named like an Object.prototype member ("constructor") is just unknown.
const GROUP_SETS: ReadonlyMap<string, { item?: string; fields: ReadonlySet<string> }> = new Map(
  Object.entries(ORDER_GROUPS).map(([name, shape]) => [
    name,
    { item: shape.kind === 'list' ? shape.item : undefined, fields: new Set(shape.fields) },
  ]),
);
