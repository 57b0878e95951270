// The formats a profile's run writes with: predefined or designed in the format editor.
import type { FormatDefinition } from '../domain/format/definition.js';
import { resolveFormat } from '../domain/format/predefined/index.js';
import type { Profile } from '../domain/profile.js';

export interface ProfileFormats {
  format: FormatDefinition;
  /** Undefined: no customers file (FEC carries customer names in CompAuxLib). */
  customersFormat?: FormatDefinition;
}

export function profileFormats(
  profile: Profile,
  userFormats: readonly FormatDefinition[] = [],
): ProfileFormats {
  const format = resolveFormat(profile.target.entriesFormat, userFormats);
  if (!format) {
    throw new Error(
      `The profile's entries format "${profile.target.entriesFormat}" does not exist; choose one in the profile's configuration`,
    );
  }
  const customersId = profile.target.customersFormat || format.customersFormat;
  const customers = customersId ? resolveFormat(customersId, userFormats) : undefined;
  return { format, customersFormat: customers?.kind === 'customers' ? customers : undefined };
}
