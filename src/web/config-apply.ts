// Reads a configuration form back into a draft profile. The draft is not checked here:
// the caller runs it through parseProfile, so every rule is the schema's and its problem
// paths name the fields of this form (form-paths.ts).
import type { Destination } from '../domain/delivery-destination.js';
import type { AccountMode, ExceptionRow, Profile } from '../domain/profile.js';
import {
  DESTINATION_FIELDS,
  EU_COUNTRIES,
  mappingDef,
  sectionFields,
  type FieldDef,
  type MappingDef,
  type SectionId,
} from './config-fields.js';
import { getPath, setPath } from './form-paths.js';

export type FormBody = Record<string, unknown>;

function text(body: FormBody, name: string): string {
  const value = body[name];
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return typeof value === 'string' ? value : '';
}

function texts(body: FormBody, name: string): string[] {
  const value = body[name];
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return typeof value === 'string' ? [value] : [];
}

export function splitList(value: string): string[] {
  return value
    .split(/[,;\n]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** A whole number becomes a number; anything else stays text so the schema names the problem. */
function numberOrText(value: string): number | string {
  return /^\s*-?\d+\s*$/.test(value) ? Number(value) : value.trim();
}

function fieldValue(def: FieldDef, body: FormBody, current: unknown): unknown {
  const raw = text(body, def.path);
  switch (def.kind) {
    case 'checkbox':
      return def.path in body;
    case 'number':
      return numberOrText(raw);
    case 'select':
      return def.numeric ? numberOrText(raw) : raw;
    case 'secret':
      // Write-only: an empty field keeps what is stored.
      return raw === '' ? current : raw;
    case 'list':
      return splitList(raw);
    case 'states':
      return [...new Set([...texts(body, def.path), ...splitList(text(body, `${def.path}Text`))])];
    case 'format':
      return raw === '' && def.formatKind === 'customers' ? undefined : raw;
    default:
      return raw.trim();
  }
}

function accountMode(body: FormBody, base: string, current: AccountMode): AccountMode {
  const mode = text(body, `${base}.mode`);
  if (mode === 'per-payment') {
    const byPayment = current.mode === 'per-payment' ? current.byPayment : {};
    return { mode, default: text(body, `${base}.default`).trim(), byPayment };
  }
  if (mode === 'per-customer') {
    return {
      mode,
      prefix: text(body, `${base}.prefix`).trim(),
      length: numberOrText(text(body, `${base}.length`)) as number,
    };
  }
  return { mode: 'same', account: text(body, `${base}.account`).trim() };
}

function exceptionRows(def: MappingDef, body: FormBody): { rows: ExceptionRow<unknown>[]; ticked: number[] } {
  const base = `accounting.${def.name}.exceptions`;
  const count = Number(text(body, `${base}.count`)) || 0;
  const rows: ExceptionRow<unknown>[] = [];
  const ticked: number[] = [];
  for (let i = 0; i < Math.min(count, 1000); i++) {
    const key: Record<string, string> = {};
    for (const column of def.keys) {
      const value = text(body, `${base}.${i}.key.${column}`).trim();
      if (value !== '') key[column] = column === 'country' ? value.toUpperCase() : value;
    }
    const value: Record<string, unknown> = {};
    for (const column of def.values) {
      const cell = text(body, `${base}.${i}.value.${column.name}`).trim();
      // Blank cells take the default; booleans are a three-way select (default / yes / no).
      if (cell === '') continue;
      value[column.name] = column.kind === 'checkbox' ? cell === 'true' : cell;
    }
    if (`${base}.${i}.tick` in body) ticked.push(rows.length);
    rows.push({ key, value });
  }
  return { rows, ticked };
}

function destinations(body: FormBody, current: readonly Destination[]): Destination[] {
  const count = Number(text(body, 'delivery.destinations.count')) || 0;
  const out: Destination[] = [];
  for (let i = 0; i < Math.min(count, 50); i++) {
    const base = `delivery.destinations.${i}`;
    const kind = text(body, `${base}.kind`);
    if (kind !== 'ftp' && kind !== 'sftp' && kind !== 'mail') continue;
    const stored = (current[i] ?? {}) as unknown as Record<string, unknown>;
    const destination: Record<string, unknown> = kind === 'ftp' ? { kind, tls: false } : { kind };
    for (const field of DESTINATION_FIELDS[kind]) {
      const def: FieldDef = { path: `${base}.${field.name}`, kind: field.kind };
      const value = fieldValue(def, body, stored[field.name]);
      if (value !== undefined) destination[field.name] = value;
    }
    if (kind === 'sftp' && destination.password === '') delete destination.password;
    // A new FTP destination has no stored password to keep: none is an empty one.
    if (kind === 'ftp' && destination.password === undefined) destination.password = '';
    for (const keep of ['fingerprint', 'hostKey', 'privateKey', 'passphrase']) {
      if (stored[keep] !== undefined && stored.kind === kind) destination[keep] = stored[keep];
    }
    out.push(destination as unknown as Destination);
  }
  return out;
}

export interface Applied {
  draft: Profile;
  /** Rows ticked in an exceptions table (for "delete the ticked rows"). */
  ticked: number[];
}

/** The profile with this section's submitted values (only the fields the mode showed). */
export function applySection(
  profile: Profile,
  section: SectionId,
  body: FormBody,
  advanced: boolean,
): Applied {
  const draft = structuredClone(profile);
  const root = draft as unknown as Record<string, unknown>;
  for (const def of sectionFields(section, profile)) {
    if (def.advanced && !advanced) continue;
    if (/\.(accountingAccount|customerAccount)\./.test(def.path)) continue;
    setPath(root, def.path, fieldValue(def, body, getPath(profile, def.path)));
  }
  let ticked: number[] = [];
  if (section === 'customers') {
    const customers = draft.accounting.customers;
    customers.accountingAccount = accountMode(
      body,
      'accounting.customers.accountingAccount',
      customers.accountingAccount,
    );
    customers.customerAccount = accountMode(
      body,
      'accounting.customers.customerAccount',
      customers.customerAccount,
    );
  }
  const mapping = mappingDef(section);
  if (mapping) {
    const taxDefault = draft.accounting.taxes.default;
    if (mapping.name === 'taxes' && taxDefault.grid === '') delete taxDefault.grid;
    if (advanced) {
      const parsed = exceptionRows(mapping, body);
      (draft.accounting[mapping.name] as { exceptions: unknown[] }).exceptions = parsed.rows;
      ticked = parsed.ticked;
    }
  }
  if (section === 'notifications') {
    draft.delivery.destinations = destinations(body, profile.delivery.destinations);
  }
  return { draft, ticked };
}

export interface ActionContext {
  /** Countries of the shop (refreshed configuration), for "add all countries". */
  shopCountries: readonly string[];
}

/**
 * Buttons other than "save": they change the draft, which is then validated and saved
 * like any other change. Returns false for an unknown action.
 */
export function applyAction(
  applied: Applied,
  section: SectionId,
  action: string,
  ctx: ActionContext,
): boolean {
  const { draft } = applied;
  const mapping = mappingDef(section);
  const rows = mapping
    ? (draft.accounting[mapping.name] as { exceptions: ExceptionRow<unknown>[] }).exceptions
    : [];
  if (action === 'save') return true;
  if (mapping && action === 'add-row') {
    rows.push({ key: {}, value: {} });
    return true;
  }
  if (mapping && action === 'add-countries' && mapping.keys.includes('country')) {
    const present = new Set(rows.map((row) => row.key.country));
    for (const country of [...EU_COUNTRIES, ...ctx.shopCountries]) {
      if (!present.has(country)) {
        rows.push({ key: { country }, value: {} });
        present.add(country);
      }
    }
    return true;
  }
  if (mapping && action === 'delete-rows') {
    const ticked = new Set(applied.ticked);
    const kept = rows.filter((_, i) => !ticked.has(i));
    rows.splice(0, rows.length, ...kept);
    return true;
  }
  const insert = /^insert:([\w.]+):(%[A-Z]{2})$/.exec(action);
  if (insert?.[1] && insert[2]) {
    const current = getPath(draft, insert[1]);
    if (typeof current !== 'string') return false;
    setPath(draft as unknown as Record<string, unknown>, insert[1], `${current} ${insert[2]}`.trim());
    return true;
  }
  if (section === 'notifications') {
    const list = draft.delivery.destinations;
    if (action === 'add-ftp')
      list.push({ kind: 'ftp', host: '', port: 21, user: '', password: '', folder: '', tls: true });
    else if (action === 'add-sftp') list.push({ kind: 'sftp', host: '', port: 22, user: '', folder: '' });
    else if (action === 'add-mail') list.push({ kind: 'mail', to: [], subject: 'Comptoir : {file}' });
    else {
      const remove = /^remove-destination:(\d+)$/.exec(action);
      if (!remove) return false;
      list.splice(Number(remove[1]), 1);
    }
    return true;
  }
  return false;
}
