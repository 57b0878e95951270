// The predefined formats (formats.md). Adding one is a data file plus one line here.
import type { FormatDefinition } from '../definition.js';
import { cegid } from './cegid.js';
import { ciel } from './ciel.js';
import { csv } from './csv.js';
import { csvCustomers, ebpCustomers, sageCustomers } from './customers.js';
import { ebp } from './ebp.js';
import { fec } from './fec.js';
import { quadratus } from './quadratus.js';
import { sage } from './sage.js';

const PREDEFINED: readonly FormatDefinition[] = [
  fec,
  ebp,
  sage,
  ciel,
  quadratus,
  cegid,
  csv,
  ebpCustomers,
  sageCustomers,
  csvCustomers,
];

export function listFormats(): { id: string; name: string; kind: 'entries' | 'customers' }[] {
  return PREDEFINED.map(({ id, name, kind }) => ({ id, name, kind: kind ?? 'entries' }));
}

/** A deep copy, so the format editor can change it without touching the predefined one. */
export function getFormat(id: string): FormatDefinition | undefined {
  const format = PREDEFINED.find((candidate) => candidate.id === id);
  return format ? structuredClone(format) : undefined;
}

/** A predefined format, else one of the user's (the format editor's), as a deep copy. */
export function resolveFormat(
  id: string,
  userFormats: readonly FormatDefinition[],
): FormatDefinition | undefined {
  const own = userFormats.find((candidate) => candidate.id === id);
  return getFormat(id) ?? (own ? structuredClone(own) : undefined);
}
