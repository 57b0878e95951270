// The VAT summary's choices (profile, period) read from the query string: the current
// profile and the previous month by default; a bad date or an inverted period is a message
// next to its field, never a summary of something else than what was asked.
import type { IsoDate } from '../domain/document.js';
import { addDays, periodRange } from '../domain/period.js';
import type { Profile } from '../domain/profile.js';
import type { Translate } from './i18n.js';

export interface VatChoice {
  profileId: string;
  /** As typed, shown back in the form. */
  from: string;
  to: string;
}

export interface VatForm {
  values: VatChoice;
  /** Per field (profile, from, to): what is wrong. Empty: the summary can be computed. */
  errors: Partial<Record<keyof VatChoice, string>>;
  /** Set when there is no error. */
  profile?: Profile;
  period?: { from: IsoDate; to: IsoDate };
}

type Query = Record<string, string | string[] | undefined>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value.trim().slice(0, 200) : undefined;

/** A real calendar date YYYY-MM-DD (not 2025-02-30). */
function isDate(value: string): value is IsoDate {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  return addDays(value, 0) === value;
}

export function readVatForm(
  query: Query,
  context: { profiles: readonly Profile[]; current?: Profile; today: IsoDate; t: Translate },
): VatForm {
  const { t } = context;
  const previousMonth = periodRange('last-month', context.today);
  const values: VatChoice = {
    profileId: text(query.profile) || context.current?.id || context.profiles[0]?.id || '',
    from: text(query.from) ?? previousMonth.from,
    to: text(query.to) ?? previousMonth.to,
  };
  const errors: VatForm['errors'] = {};
  const profile = context.profiles.find((p) => p.id === values.profileId);
  if (!profile) errors.profileId = t('vat.error.profile');
  if (!isDate(values.from)) errors.from = t('vat.error.date');
  if (!isDate(values.to)) errors.to = t('vat.error.date');
  if (!errors.from && !errors.to && values.from > values.to) errors.to = t('vat.error.order');
  if (Object.keys(errors).length > 0 || !profile) return { values, errors };
  return { values, errors, profile, period: { from: values.from, to: values.to } };
}

/** The query string of a choice, for the CSV link. */
export function vatQuery(choice: VatChoice): string {
  return new URLSearchParams({ profile: choice.profileId, from: choice.from, to: choice.to }).toString();
}
