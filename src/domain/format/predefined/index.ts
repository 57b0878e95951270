// The predefined formats. Adding one (ebp, sage, ciel...) is a data file plus one line here.
import type { FormatDefinition } from '../definition.js';
import { fec } from './fec.js';

const PREDEFINED: readonly FormatDefinition[] = [fec];

export function listFormats(): { id: string; name: string }[] {
  return PREDEFINED.map(({ id, name }) => ({ id, name }));
}

/** A deep copy, so the format editor can change it without touching the predefined one. */
export function getFormat(id: string): FormatDefinition | undefined {
  const format = PREDEFINED.find((candidate) => candidate.id === id);
  return format ? structuredClone(format) : undefined;
}
