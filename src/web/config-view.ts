// What the configuration templates show: each field with its label, help, value and the
// schema's problems next to it. Secrets never get here: a secret field only says whether
// a value is stored.
import { renderTemplate, TEMPLATE_PLACEHOLDERS } from '../domain/accounting/templates.js';
import type { Profile } from '../domain/profile.js';
import type { ShopConfiguration } from '../adapters/shops/connector.js';
import {
  DESTINATION_FIELDS,
  mappingDef,
  sectionFields,
  labelKey,
  type FieldDef,
  type FieldKind,
  type SectionId,
} from './config-fields.js';
import { getPath, problemsByField } from './form-paths.js';
import type { Translate } from './i18n.js';
import { sampleDocuments } from './sample-documents.js';

export interface FieldView {
  name: string;
  kind: FieldKind;
  label: string;
  help: string;
  value: string;
  checked: boolean;
  options: { value: string; text: string; checked: boolean }[];
  errors: string[];
  /** Secrets: whether one is stored (its value never is rendered). */
  isSet: boolean;
  example: string;
}

export interface ViewContext {
  t: Translate;
  advanced: boolean;
  problems: readonly string[];
  formats: { id: string; name: string; kind: 'entries' | 'customers' }[];
  shop?: ShopConfiguration | undefined;
}

function translated(t: Translate, key: string): string {
  const text = t(key);
  return text === key ? '' : text;
}

/** The live example of a reference or label template, on the first sample document. */
export function templateExample(template: string): string {
  const doc = sampleDocuments()[0];
  return doc ? renderTemplate(template, doc) : '';
}

function asText(value: unknown): string {
  if (Array.isArray(value)) return value.join(', ');
  if (value === undefined || value === null) return '';
  return String(value);
}

function fieldView(
  def: FieldDef,
  profile: Profile,
  ctx: ViewContext,
  errors: Map<string, string[]>,
): FieldView {
  const value = getPath(profile, def.path);
  const key = labelKey(def.path);
  const secret = def.kind === 'secret';
  let options: FieldView['options'] = (def.options ?? []).map((option) => ({
    value: option,
    text: translated(ctx.t, `o.${option}`) || option,
    checked: asText(value) === option,
  }));
  if (def.kind === 'format') {
    const list = ctx.formats.filter((f) => f.kind === def.formatKind);
    options = list.map((f) => ({ value: f.id, text: f.name, checked: f.id === value }));
    if (def.formatKind === 'customers')
      options.unshift({ value: '', text: ctx.t('common.none'), checked: !value });
  }
  if (def.kind === 'states') {
    const chosen = new Set(Array.isArray(value) ? (value as string[]) : []);
    options = (ctx.shop?.orderStates ?? []).map((state) => ({
      value: state.key,
      text: state.paid ? `${state.name} (${ctx.t('cfg.paid')})` : state.name,
      checked: chosen.has(state.key),
    }));
    // The text field keeps the states the shop did not list (or all, before a refresh).
    const listed = new Set(options.map((o) => o.value));
    const others = [...chosen].filter((state) => !listed.has(state));
    return { ...base(), value: others.join(', ') };
  }
  return base();
  function base(): FieldView {
    return {
      name: def.path,
      kind: def.kind,
      label: ctx.t(key),
      help: translated(ctx.t, `h.${key.slice(2)}`),
      value: secret ? '' : asText(value),
      checked: value === true,
      options,
      errors: errors.get(def.path) ?? [],
      isSet: secret && typeof value === 'string' && value !== '',
      example: def.kind === 'template' && typeof value === 'string' ? templateExample(value) : '',
    };
  }
}

export interface CellView {
  name: string;
  value: string;
  errors: string[];
  kind: 'text' | 'checkbox';
  label: string;
}

export interface RowView {
  index: number;
  cells: CellView[];
  hidden: boolean;
}

export interface SectionView {
  section: SectionId;
  fields: FieldView[];
  /** Problems no field of the form shows. */
  general: string[];
  mapping?: { name: string; columns: string[]; rows: RowView[]; countName: string; hasCountry: boolean };
  destinations?: { index: number; kind: string; fields: FieldView[] }[];
  placeholders: readonly { code: string; description: string }[];
  search: string;
}

function allNames(section: SectionId, profile: Profile): string[] {
  const names = sectionFields(section, profile).map((f) => f.path);
  const mapping = mappingDef(section);
  if (mapping) {
    const rows = (profile.accounting[mapping.name] as { exceptions: unknown[] }).exceptions;
    rows.forEach((_, i) => {
      for (const k of mapping.keys) names.push(`accounting.${mapping.name}.exceptions.${i}.key.${k}`);
      for (const v of mapping.values)
        names.push(`accounting.${mapping.name}.exceptions.${i}.value.${v.name}`);
    });
  }
  if (section === 'notifications') {
    profile.delivery.destinations.forEach((d, i) => {
      for (const f of DESTINATION_FIELDS[d.kind]) names.push(`delivery.destinations.${i}.${f.name}`);
    });
  }
  return names;
}

/** A row matches the search when one of its cells contains the text (case-insensitive). */
function matches(cells: CellView[], search: string): boolean {
  const wanted = search.trim().toLowerCase();
  return wanted === '' || cells.some((c) => c.value.toLowerCase().includes(wanted));
}

export function sectionView(
  profile: Profile,
  section: SectionId,
  ctx: ViewContext,
  search = '',
): SectionView {
  const errors = problemsByField(ctx.problems, new Set(allNames(section, profile)));
  const fields = sectionFields(section, profile)
    .filter((def) => ctx.advanced || !def.advanced)
    .map((def) => fieldView(def, profile, ctx, errors));
  const view: SectionView = {
    section,
    fields,
    general: errors.get('') ?? [],
    placeholders: TEMPLATE_PLACEHOLDERS,
    search,
  };
  const mapping = mappingDef(section);
  if (mapping && ctx.advanced) {
    const rows = (profile.accounting[mapping.name] as { exceptions: { key: object; value: object }[] })
      .exceptions;
    const base = `accounting.${mapping.name}.exceptions`;
    view.mapping = {
      name: mapping.name,
      countName: `${base}.count`,
      hasCountry: mapping.keys.includes('country'),
      columns: [
        ...mapping.keys.map((k) => ctx.t(`f.key.${k}`)),
        ...mapping.values.map((v) => ctx.t(labelKey(`accounting.${mapping.name}.${v.name}`))),
      ],
      rows: rows.map((row, index) => {
        const cells: CellView[] = [
          ...mapping.keys.map((k): CellView => {
            const name = `${base}.${index}.key.${k}`;
            return {
              name,
              value: asText(getPath(row.key, k)),
              errors: errors.get(name) ?? [],
              kind: 'text',
              label: ctx.t(`f.key.${k}`),
            };
          }),
          ...mapping.values.map((v): CellView => {
            const name = `${base}.${index}.value.${v.name}`;
            return {
              name,
              value: asText(getPath(row.value, v.name)),
              errors: errors.get(name) ?? [],
              kind: v.kind,
              label: ctx.t(labelKey(`accounting.${mapping.name}.${v.name}`)),
            };
          }),
        ];
        return { index, cells, hidden: !matches(cells, search) };
      }),
    };
  }
  if (section === 'notifications') {
    view.destinations = profile.delivery.destinations.map((d, index) => ({
      index,
      kind: d.kind,
      fields: DESTINATION_FIELDS[d.kind].map((f) =>
        fieldView({ path: `delivery.destinations.${index}.${f.name}`, kind: f.kind }, profile, ctx, errors),
      ),
    }));
  }
  return view;
}
