// Reading PrestaShop Webservice answers. XML (and the JSON output, which has the same
// keys) becomes plain records of strings; the helpers hide the XML/JSON differences:
// CDATA, xlink attributes, `<language id>` lists, associations as one element or many.
import { XMLParser } from 'fast-xml-parser';

export type PsRecord = Record<string, unknown>;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Every value stays text: amounts are parsed exactly later, ids keep leading zeros.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
});

export function parsePrestashopXml(body: string): PsRecord {
  const root = (parser.parse(body) as PsRecord)['prestashop'];
  return root && typeof root === 'object' ? (root as PsRecord) : {};
}

export function asArray(value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  return Array.isArray(value) ? value : [value];
}

export function asRecords(value: unknown): PsRecord[] {
  return asArray(value).filter((v): v is PsRecord => typeof v === 'object' && v !== null);
}

/** A field's text: plain, `{#text, @xlink:href}`, or a multilingual value (first or `lang`). */
export function psText(value: unknown, lang?: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    // JSON output: [{ id: "1", value: "..." }]
    const entries = asRecords(value);
    const pick = entries.find((e) => psText(e['id']) === lang) ?? entries[0];
    return pick ? psText(pick['value']) : '';
  }
  const record = value as PsRecord;
  if ('language' in record) {
    const languages = asRecords(record['language']);
    const pick = languages.find((l) => psText(l['@id']) === lang) ?? languages[0];
    return pick ? psText(pick['#text']) : psText(record['language']);
  }
  return psText(record['#text']);
}

/** The items of an association (`order_rows`, `order_slip_details`, `taxes`), XML or JSON. */
export function association(record: PsRecord, container: string, item: string): PsRecord[] {
  const associations = record['associations'];
  if (!associations || typeof associations !== 'object') return [];
  const value = (associations as PsRecord)[container];
  if (Array.isArray(value)) return asRecords(value);
  if (value && typeof value === 'object') return asRecords((value as PsRecord)[item]);
  return [];
}

/** Records of a list answer (`<orders><order>…</order></orders>`) or of a single resource. */
export function recordsOf(root: PsRecord, container: string, item: string): PsRecord[] {
  const list = root[container];
  if (list && typeof list === 'object' && !Array.isArray(list)) return asRecords((list as PsRecord)[item]);
  return asRecords(root[item]);
}

/** The id of a list stub (`<order id="5" …/>`) or of a full record. */
export function recordId(record: PsRecord): string {
  return psText(record['id']) || psText(record['@id']);
}

/** The message of a Webservice error answer (`<errors><error><message>`). */
export function prestashopMessage(body: string): string | undefined {
  const m = /<message>\s*(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?\s*<\/message>/.exec(body);
  return m?.[1]?.trim() || undefined;
}
