import { createReadStream, readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { SalesDocument } from '../../domain/document.js';
import { DocumentError, ParseError } from '../../domain/errors.js';
import { parseAmount } from '../../domain/money.js';
import { readOrderXml, type OrderXmlItem, type ReadOrderXmlOptions } from './order-xml.js';
import { serializeOrder, serializeOrders } from './order-xml-writer.js';

const GOOD = new URL('../../../test/fixtures/orders/', import.meta.url);
const BAD = new URL('../../../test/fixtures/orders-bad/', import.meta.url);

const CORPUS: Record<string, number> = {
  '2024-03-boutique-cdata.xml': 8,
  '2024-04-backoffice-plain.xml': 6,
  '2024-05-latin1.xml': 4,
  '2024-05-windows-1252.xml': 4,
  '2024-06-multistore-export.xml': 4,
  'single-order.xml': 1,
};

type Input = NodeJS.ReadableStream | AsyncIterable<Buffer>;

async function collect(input: Input, options?: ReadOrderXmlOptions): Promise<OrderXmlItem[]> {
  const items: OrderXmlItem[] = [];
  for await (const item of readOrderXml(input, options)) items.push(item);
  return items;
}

/** The items yielded before the reader threw, and what it threw. */
async function collectUntilError(input: Input): Promise<{ items: OrderXmlItem[]; error: unknown }> {
  const items: OrderXmlItem[] = [];
  try {
    for await (const item of readOrderXml(input, { file: 'input.xml' })) items.push(item);
  } catch (error) {
    return { items, error };
  }
  return { items, error: undefined };
}

function documents(items: OrderXmlItem[]): SalesDocument[] {
  return items.map((item) => {
    if (!item.ok) throw item.error;
    return item.document;
  });
}

async function readGood(name: string): Promise<SalesDocument[]> {
  return documents(await collect(createReadStream(new URL(name, GOOD)), { file: name }));
}

function byKey(docs: SalesDocument[], orderKey: string, type = 'ORDER', shopKey = '1'): SalesDocument {
  const found = docs.find((d) => d.orderKey === orderKey && d.type === type && d.shopKey === shopKey);
  if (!found) throw new Error(`no ${type} ${orderKey} in shop ${shopKey}`);
  return found;
}

/** Feeds `bytes` in chunks of `size` bytes, as a slow disk or a socket would. */
async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

function xmlOf(body: string, declaration = '<?xml version="1.0" encoding="UTF-8"?>'): Buffer {
  return Buffer.from(`${declaration}\n<orders>\n${body}\n</orders>\n`, 'utf8');
}

const MINIMAL = `<order><order_type>ORDER</order_type><order_key>9</order_key><order_date>2024-01-15</order_date>
<total_products_tax_excl>10</total_products_tax_excl><total_products_tax_incl>12</total_products_tax_incl>
<total_paid_tax_excl>10</total_paid_tax_excl><total_paid_tax_incl>12</total_paid_tax_incl>
<customer><customer_key>1</customer_key></customer>
<order_lines><order_line><quantity>1</quantity><total_price_tax_excl>10</total_price_tax_excl>
<total_price_tax_incl>12</total_price_tax_incl><tax_rate>20</tax_rate></order_line></order_lines></order>`;

describe('readOrderXml: the corpus', () => {
  it.each(Object.entries(CORPUS))('%s parses with no errors into %i documents', async (name, count) => {
    const items = await collect(createReadStream(new URL(name, GOOD)), { file: name });
    expect(items.filter((item) => !item.ok)).toEqual([]);
    expect(items.map((item) => item.index)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
  });

  it('maps every field of a complete order (1201)', async () => {
    const doc = byKey(await readGood('2024-03-boutique-cdata.xml'), '1201');
    expect(doc).toMatchObject({
      type: 'ORDER',
      shopKey: '1',
      orderKey: '1201',
      refs: { cart_key: '5402', zone_key: '9', country_key: '8' },
      orderDate: '2024-03-04',
      orderTime: '09:12:37',
      orderStatus: '5',
      orderNumber: '1201',
      orderReference: 'XKBZTWQPA',
      invoiceDate: '2024-03-04',
      invoiceNumber: 'FA000981',
      deliveryDate: '2024-03-06',
      paymentName: 'Carte bancaire',
      currencyKey: '1',
      currencyCode: 'EUR',
      carrierKey: '4',
      carrierName: 'Colissimo suivi',
      shippingTaxName: 'TVA FR 20%',
    });
    expect(doc.creditNoteKey).toBeUndefined();
    expect(doc.currencyRate.eq(1)).toBe(true);
    expect(doc.shippingTaxRate?.toString()).toBe('20');
    const totals = Object.fromEntries(Object.entries(doc.totals).map(([k, v]) => [k, v.toFixed(2)]));
    expect(totals).toEqual({
      productsTaxExcl: '17.25',
      productsTaxIncl: '20.70',
      discountsTaxExcl: '0.00',
      discountsTaxIncl: '0.00',
      shippingTaxExcl: '4.92',
      shippingTaxIncl: '5.90',
      wrappingTaxExcl: '0.00',
      wrappingTaxIncl: '0.00',
      paidTaxExcl: '22.17',
      paidTaxIncl: '26.60',
    });
    expect(doc.customer).toEqual({
      key: '312',
      company: '',
      firstname: 'Camille',
      lastname: 'Martin',
      email: 'camille.martin@example.fr',
      vatNumber: '',
      accountingAccount: undefined,
      customerAccount: undefined,
    });
    expect(doc.invoiceAddress).toMatchObject({
      address1: '14 rue des Martyrs',
      postcode: '75009',
      countryIso: 'FR',
    });
    expect(doc.deliveryAddress?.city).toBe('Paris');
    const [first, second] = doc.lines;
    expect(first).toMatchObject({ productKey: '12', productReference: 'SAV-LAV-100', taxName: 'TVA FR 20%' });
    expect(first?.productName).toBe('Savon de Marseille à la lavande 100 g');
    expect(first?.quantity.toString()).toBe('2');
    expect(first?.unitPriceTaxExcl?.toString()).toBe('4.5');
    expect(first?.unitPriceTaxIncl?.toString()).toBe('5.4');
    expect(first?.totalPriceTaxExcl.toString()).toBe('9');
    expect(first?.totalPriceTaxIncl.toString()).toBe('10.8');
    expect(first?.taxRate.eq('20.000')).toBe(true);
    expect(second?.productName).toBe("Crème mains à l'huile d'olive 50 ml");
    expect(
      doc.taxes?.map((t) => [t.name, t.rate.toString(), t.base.toString(), t.amount.toString()]),
    ).toEqual([['TVA FR 20%', '20', '22.17', '4.43']]);
    expect(doc.payments).toHaveLength(1);
    expect(doc.payments?.[0]).toMatchObject({
      name: 'Carte bancaire',
      date: '2024-03-04',
      transactionId: 'pi_3OqZtL2eZvKYlo2C1x8Bf0aQ',
    });
    expect(doc.payments?.[0]?.amount.toString()).toBe('26.6');
    expect(doc.payments?.[0]?.fee?.toString()).toBe('0.58');
  });

  it('maps discounts, absent payments and taxes, no-date values and a due date (1203)', async () => {
    const doc = byKey(await readGood('2024-03-boutique-cdata.xml'), '1203');
    expect(doc.payments).toBeUndefined();
    expect(doc.taxes).toBeUndefined();
    expect(doc.paymentName).toBe('Chèque');
    expect(doc.invoiceDate).toBeUndefined();
    expect(doc.invoiceNumber).toBeUndefined();
    expect(doc.dueDate).toBe('2024-03-21');
    expect(doc.totals.discountsTaxExcl.toString()).toBe('4.17');
    expect(doc.totals.discountsTaxIncl.toString()).toBe('5');
  });

  it('maps guests, line discounts, wrapping, several payments, companies and overrides', async () => {
    const docs = await readGood('2024-03-boutique-cdata.xml');
    const guest = byKey(docs, '1205');
    expect(guest.customer.key).toBe('');
    expect(guest.lines[0]?.discountTaxExcl?.toString()).toBe('2.1');
    const wrapped = byKey(docs, '1204');
    expect(wrapped.totals.wrappingTaxIncl.toString()).toBe('3');
    expect(wrapped.wrappingTaxName).toBe('TVA FR 20%');
    expect(wrapped.wrappingTaxRate?.toString()).toBe('20');
    expect(wrapped.payments?.map((p) => [p.name, p.amount.toFixed(2), p.fee?.toString()])).toEqual([
      ['Carte cadeau', '20.00', undefined],
      ['Carte bancaire', '44.51', '0.71'],
    ]);
    const company = byKey(docs, '1206');
    expect(company.customer).toMatchObject({
      company: 'SARL Les Délices du Luberon',
      vatNumber: 'FR40123456824',
      accountingAccount: '411100',
      customerAccount: 'CLUBERON',
    });
    expect(company.refs.quote_key).toBe('18');
    expect(company.orderNumber).toBe('PRO-1206');
    expect(company.lines.map((l) => [l.accountingAccount, l.analyticSection])).toEqual([
      ['707110', 'REVENDEURS'],
      [undefined, 'REVENDEURS'],
      ['707120', 'REVENDEURS'],
    ]);
    expect(company.taxes?.map((t) => t.rate.toString())).toEqual(['20', '5.5']);
  });

  it('maps credit notes: keys, dates, return and shipping refunded', async () => {
    const docs = await readGood('2024-03-boutique-cdata.xml');
    const returned = byKey(docs, '1201', 'CREDITNOTE');
    expect(returned).toMatchObject({
      creditNoteKey: '87',
      creditNoteDate: '2024-03-15',
      creditNoteNumber: 'AV000087',
      returnDate: '2024-03-13',
      returnNumber: 'RET000031',
      refs: { return_key: '31' },
    });
    expect(byKey(docs, '1204', 'CREDITNOTE').totals.shippingTaxIncl.toString()).toBe('5.9');
    const lineless = byKey(await readGood('2024-04-backoffice-plain.xml'), '1311', 'CREDITNOTE');
    expect(lineless.lines).toEqual([]);
    expect(lineless.totals.paidTaxIncl.toString()).toBe('5.9');
  });

  it('reads plain text with entities, free element order and defaults', async () => {
    const docs = await readGood('2024-04-backoffice-plain.xml');
    const first = byKey(docs, '1310');
    expect(first.orderNumber).toBe('1310');
    expect(first.shopKey).toBe('1');
    expect(first.currencyCode).toBe('EUR');
    expect(first.currencyRate.eq(1)).toBe(true);
    expect(first.customer.company).toBe('Dupont & Fils <Épicerie>');
    expect(first.taxes).toBeUndefined();
    expect(first.totals.shippingTaxExcl.eq(0)).toBe(true);
    const reversed = byKey(docs, '1311');
    expect(reversed.customer.firstname).toBe('Émilie');
    expect(reversed.invoiceAddress?.city).toBe('Montpellier');
    expect(reversed.lines.map((l) => l.productReference)).toEqual(['PLT-ROM-P9', 'PLT-LAV-P9']);
    const abroad = byKey(docs, '1313');
    expect(abroad.orderTime).toBeUndefined();
    expect(abroad.deliveryAddress).toMatchObject({
      countryIso: 'BE',
      city: 'Bruxelles',
      state: 'Bruxelles-Capitale',
    });
    expect(byKey(docs, '1312').payments).toHaveLength(3);
    expect(byKey(docs, '1313').lines[0]?.productName).toBe("Savon au miel et à l'avoine 100 g");
  });

  it('maps multistore and foreign currency documents', async () => {
    const docs = await readGood('2024-06-multistore-export.xml');
    const intra = byKey(docs, '1201', 'ORDER', '2');
    expect(intra.customer.vatNumber).toBe('BE0123456749');
    expect(intra.lines.every((l) => l.taxRate.eq(0))).toBe(true);
    const chf = byKey(docs, '1202', 'ORDER', '2');
    expect(chf.currencyCode).toBe('CHF');
    expect(chf.currencyKey).toBe('3');
    expect(chf.currencyRate.toString()).toBe('1.0462');
    expect(chf.payments?.[0]?.currencyCode).toBe('CHF');
    expect(byKey(docs, '1501').deliveryAddress?.countryIso).toBe('DE');
    expect(byKey(docs, '1202', 'CREDITNOTE', '2').creditNoteKey).toBe('7');
  });

  it('fills defaults for a minimal single-order file', async () => {
    const [doc] = await readGood('single-order.xml');
    expect(doc?.totals.discountsTaxIncl.eq(0)).toBe(true);
    expect(doc?.totals.wrappingTaxExcl.eq(0)).toBe(true);
    expect(doc?.invoiceAddress).toBeUndefined();
    expect(doc?.payments).toBeUndefined();
    expect(doc?.taxes).toBeUndefined();
    expect(doc?.customer).toMatchObject({ key: '77', company: '', vatNumber: '' });
  });

  it('reports each unknown element path once', async () => {
    const paths: string[] = [];
    await collect(createReadStream(new URL('2024-04-backoffice-plain.xml', GOOD)), {
      onUnknownElement: (path) => paths.push(path),
    });
    expect(paths.sort()).toEqual([
      'orders/order/gift_message',
      'orders/order/invoice_address/birthday',
      'orders/order/order_lines/order_line/weight',
    ]);
  });
});

describe('readOrderXml: encodings', () => {
  it('decodes ISO-8859-1 bytes', async () => {
    const docs = await readGood('2024-05-latin1.xml');
    const doc = byKey(docs, '1402');
    expect(doc.customer.lastname).toBe('Lefèvre');
    expect(doc.invoiceAddress?.city).toBe('Besançon');
    expect(byKey(docs, '1403').customer.lastname).toBe('Garçon');
    expect(byKey(docs, '1404').invoiceAddress?.address2).toBe('Résidence « Les Peupliers »');
  });

  it('decodes Windows-1252 bytes, euro sign included', async () => {
    const docs = await readGood('2024-05-windows-1252.xml');
    const doc = byKey(docs, '1410');
    expect(doc.lines[0]?.productName).toBe('Coffret « Cœur de Provence » édition 2023 – 39,90 €');
    expect(doc.carrierName).toBe('Colissimo — livraison offerte dès 49 €');
    expect(doc.customer.lastname).toBe('Œillet');
    expect(doc.invoiceAddress?.address1).toBe('2 rue de l’Église');
  });

  it('decodes UTF-16 with a BOM and ISO-8859-15', async () => {
    const text = xmlOf(
      MINIMAL.replace('<customer_key>1</customer_key>', '<lastname>Dœuf €</lastname>'),
      '<?xml version="1.0" encoding="UTF-16"?>',
    ).toString('utf8');
    for (const encoding of ['utf-16le', 'utf-16be']) {
      const bytes = iconv.encode(text, encoding, { addBOM: true });
      const [doc] = documents(await collect(chunks(bytes, 7)));
      expect(doc?.customer.lastname).toBe('Dœuf €');
    }
    const latin9 = iconv.encode(text.replace('UTF-16', 'ISO-8859-15'), 'iso-8859-15');
    const [doc] = documents(await collect(chunks(latin9, 3)));
    expect(doc?.customer.lastname).toBe('Dœuf €');
  });

  it('strips a UTF-8 BOM and defaults to UTF-8 without a declaration', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(`<orders>${MINIMAL}</orders>`),
    ]);
    expect(documents(await collect(chunks(bytes, 2)))).toHaveLength(1);
  });

  it('rejects an unknown encoding and bytes that are not UTF-8', async () => {
    const unknown = await collectUntilError(
      chunks(xmlOf(MINIMAL, '<?xml version="1.0" encoding="EBCDIC-FR"?>'), 64),
    );
    expect(unknown.error).toBeInstanceOf(ParseError);
    expect((unknown.error as ParseError).message).toMatch(/Unknown encoding "EBCDIC-FR"/);
    const latin1 = iconv.encode(
      xmlOf(MINIMAL.replace('<customer_key>1</customer_key>', '<lastname>Lefèvre</lastname>')).toString(),
      'latin1',
    );
    const invalid = await collectUntilError(chunks(latin1, 64));
    expect(invalid.error).toBeInstanceOf(ParseError);
    expect((invalid.error as ParseError).message).toMatch(/not valid UTF-8/);
  });
});

describe('readOrderXml: bad documents and bad files', () => {
  it('gives a DocumentError for each bad document and still yields the good ones', async () => {
    const items = await collect(createReadStream(new URL('mixed-good-and-bad.xml', BAD)));
    const summary = items.map((item) =>
      item.ok ? ['ok', item.document.orderKey] : [item.error.field, item.error.document],
    );
    expect(summary).toEqual([
      ['ok', '1701'],
      ['order_key', 'order ?'],
      ['total_paid_tax_incl', 'order 1703'],
      ['order_date', 'order 1704'],
      ['creditnote_key', 'credit note ? of order 1701'],
      ['ok', '1701'],
      ['invoice_address/country_iso', 'order 1707'],
      ['total_shipping_tax_excl', 'order 1708'],
      ['order_lines', 'order 1709'],
      ['order_type', 'order 1710'],
      ['ok', '1711'],
    ]);
    expect(items.map((item) => item.index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const comma = items[2];
    expect(comma?.ok).toBe(false);
    if (comma && !comma.ok) {
      expect(comma.error).toBeInstanceOf(DocumentError);
      expect(comma.error.problem).toBe('"12,50" is not a decimal number');
      expect(comma.error.fix).toMatch(/dot as decimal separator/);
      expect(comma.error.message).toBe('order 1703 [total_paid_tax_incl]: "12,50" is not a decimal number');
    }
  });

  it('names the field inside lists with its position', async () => {
    const body = MINIMAL.replace(
      '</order_line></order_lines>',
      '</order_line><order_line><quantity>1</quantity><total_price_tax_excl>1 000.00</total_price_tax_excl><total_price_tax_incl>1</total_price_tax_incl><tax_rate>0</tax_rate></order_line></order_lines>',
    );
    const [item] = await collect(chunks(xmlOf(body), 1000));
    expect(item?.ok === false && item.error.field).toBe('order_lines/order_line[2]/total_price_tax_excl');
  });

  it.each([
    ['2023-02-29', false],
    ['2024-02-29 23:59:59', true],
    ['2024-13-01', false],
    ['2024-04-31', false],
    ['2024-04-30 24:00:00', false],
    ['04/03/2024', false],
  ])('checks the calendar: order_date %s valid=%s', async (date, valid) => {
    const [item] = await collect(chunks(xmlOf(MINIMAL.replace('2024-01-15', date)), 1000));
    expect(item?.ok).toBe(valid);
    if (item && !item.ok) expect(item.error.field).toBe('order_date');
  });

  it('reads a gift card flag on a line and names a bad one', async () => {
    const flagged = MINIMAL.replace(
      '</order_line></order_lines>',
      '<gift_card>1</gift_card></order_line></order_lines>',
    );
    const [doc] = documents(await collect(chunks(xmlOf(flagged), 1000)));
    expect(doc?.lines[0]?.giftCard).toBe(true);
    const back = documents(await collect(chunks(xmlOf(serializeOrder(doc!)), 1000)));
    expect(back[0]?.lines[0]?.giftCard).toBe(true);
    const bad = MINIMAL.replace(
      '</order_line></order_lines>',
      '<gift_card>oui</gift_card></order_line></order_lines>',
    );
    const [item] = await collect(chunks(xmlOf(bad), 1000));
    expect(item?.ok === false && item.error.field).toBe('order_lines/order_line[1]/gift_card');
  });

  it('treats 0000-00-00 and empty dates as no date', async () => {
    const body = MINIMAL.replace(
      '</order_date>',
      '</order_date><invoice_date>0000-00-00</invoice_date><delivery_date></delivery_date>',
    );
    const [doc] = documents(await collect(chunks(xmlOf(body), 1000)));
    expect(doc?.invoiceDate).toBeUndefined();
    expect(doc?.deliveryDate).toBeUndefined();
    const [missing] = await collect(chunks(xmlOf(MINIMAL.replace('2024-01-15', '0000-00-00')), 1000));
    expect(missing?.ok === false && missing.error.field).toBe('order_date');
  });

  it('throws ParseError with line and column on malformed XML, after the documents before it', async () => {
    const { items, error } = await collectUntilError(
      createReadStream(new URL('malformed-unclosed-tag.xml', BAD)),
    );
    expect(documents(items).map((d) => d.orderKey)).toEqual(['1801']);
    expect(error).toBeInstanceOf(ParseError);
    const parseError = error as ParseError;
    expect(parseError.file).toBe('input.xml');
    expect(parseError.line).toBe(42);
    expect(parseError.column).toBeGreaterThan(0);
    expect(parseError.message).toMatch(
      /^The file is not well-formed XML: unexpected close tag\. \(line 42, column \d+\)$/,
    );
  });

  it('rejects a DOCTYPE before any entity is read', async () => {
    const { items, error } = await collectUntilError(createReadStream(new URL('doctype-entity.xml', BAD)));
    expect(items).toEqual([]);
    expect(error).toBeInstanceOf(ParseError);
    expect((error as ParseError).message).toMatch(/^DOCTYPE is not allowed/);
  });

  it('rejects entities other than the predefined ones', async () => {
    const { error } = await collectUntilError(
      chunks(xmlOf(MINIMAL.replace('<order_key>9', '<order_key>&nbsp;9')), 64),
    );
    expect(error).toBeInstanceOf(ParseError);
  });

  it('rejects a file that is not XML, an empty file and a foreign root', async () => {
    const csv = await collectUntilError(createReadStream(new URL('commandes-export.csv', BAD)));
    expect(csv.error).toBeInstanceOf(ParseError);
    expect((await collectUntilError(chunks(Buffer.alloc(0), 1))).error).toBeInstanceOf(ParseError);
    const foreign = await collectUntilError(chunks(Buffer.from('<invoices><order/></invoices>'), 64));
    expect((foreign.error as ParseError).message).toMatch(/root element must be <orders>/);
  });

  it('ignores unknown elements beside the orders', async () => {
    const paths: string[] = [];
    const body = `<export_info><shop>Maison Lavande</shop></export_info>${MINIMAL}`;
    const items = await collect(chunks(xmlOf(body), 16), { onUnknownElement: (p) => paths.push(p) });
    expect(documents(items)).toHaveLength(1);
    expect(paths).toEqual(['orders/export_info']);
  });

  it('accepts a single <order> as the root', async () => {
    const paths: string[] = [];
    const single = MINIMAL.replace('</order>', '<note>x</note></order>');
    const items = await collect(chunks(Buffer.from(single), 10), { onUnknownElement: (p) => paths.push(p) });
    expect(documents(items).map((d) => d.orderKey)).toEqual(['9']);
    expect(items[0]?.index).toBe(1);
    expect(paths).toEqual(['order/note']);
  });
});

describe('readOrderXml: streaming', () => {
  it('reads 20,000 orders in 64 KiB chunks as they come', async () => {
    const total = 20_000;
    let produced = 0;
    let producedAtFirstDocument = -1;
    // The file is generated while it is read: it never exists whole, in memory or on disk.
    async function* source(): AsyncGenerator<Buffer> {
      let pending: Buffer[] = [Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<orders>\n')];
      let size = pending[0]?.length ?? 0;
      for (let i = 1; i <= total; i += 1) {
        const order = MINIMAL.replace('<order_key>9', `<order_key>${i}`).replace(
          '<customer_key>1',
          '<customer_key>Zoé €',
        );
        const bytes = Buffer.from(i === total ? `${order}</orders>\n` : order);
        pending.push(bytes);
        size += bytes.length;
        if (size < 65_536 && i < total) continue;
        // Cut at a fixed byte count, so that chunks also split "é" and "€" in the middle.
        let buffer = Buffer.concat(pending);
        while (buffer.length >= 65_536 || (i === total && buffer.length > 0)) {
          produced += 1;
          yield buffer.subarray(0, 65_536);
          buffer = buffer.subarray(65_536);
        }
        pending = [buffer];
        size = buffer.length;
      }
    }
    let count = 0;
    let lastKey = '';
    for await (const item of readOrderXml(Readable.from(source(), { objectMode: true }))) {
      if (producedAtFirstDocument < 0) producedAtFirstDocument = produced;
      if (!item.ok) throw item.error;
      count += 1;
      lastKey = item.document.orderKey;
      if (item.document.customer.key !== 'Zoé €') throw new Error(`bad text in order ${item.index}`);
    }
    expect(count).toBe(total);
    expect(lastKey).toBe(String(total));
    expect(produced).toBeGreaterThan(20);
    expect(producedAtFirstDocument).toBeLessThanOrEqual(2);
  });

  it.each(Object.keys(CORPUS))('gives the same documents from 1-byte chunks: %s', async (name) => {
    const bytes = readFileSync(new URL(name, GOOD));
    const whole = documents(await collect(chunks(bytes, bytes.length)));
    expect(documents(await collect(chunks(bytes, 1)))).toEqual(whole);
  });
});

describe('serializeOrders', () => {
  it.each(Object.keys(CORPUS))('round-trips every document of %s', async (name) => {
    const docs = await readGood(name);
    const xml = [...serializeOrders(docs)].join('');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<orders>\n')).toBe(true);
    const again = documents(await collect(chunks(Buffer.from(xml, 'utf8'), 4096)));
    expect(again).toEqual(docs);
  });

  it('keeps CDATA terminators, markup characters and exact decimals', async () => {
    const [doc] = await readGood('single-order.xml');
    if (!doc) throw new Error('no document');
    const tricky: SalesDocument = {
      ...doc,
      customer: { ...doc.customer, company: 'A ]]> B & <C> "D"' },
      lines: doc.lines.map((l) => ({ ...l, quantity: parseAmount('0.333333333333333333333333333333') })),
    };
    const xml = serializeOrder(tricky);
    expect(xml).toContain(']]]]><![CDATA[>');
    const [back] = documents(await collect(chunks(xmlOf(xml), 5)));
    expect(back).toEqual(tricky);
    expect(back?.lines[0]?.quantity.toFixed()).toBe('0.333333333333333333333333333333');
  });
});
