// A run's journal and error lines in the page's language. The pipeline records each line
// in English with, for the frequent ones, a code and its values (domain/run.ts
// MessageCode); the catalogues' journal.<code> and runError.<code>.problem / .fix say
// them again in French or English. A line without a code, or whose code the catalogue
// lacks (older runs, rare messages), is shown in its recorded English.
import type { MessageCode } from '../domain/run.js';
import type { Formatter } from './format.js';
import type { Translate } from './i18n.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The key when the catalogue has it (t gives an unknown key back as it is). */
function known(t: Translate, key: string): boolean {
  return t(key) !== key;
}

/**
 * Values written as the pages write them, chosen by their name: amounts with the
 * language's separator, dates as dd/mm/yyyy, run statuses, sides and date fields by the
 * catalogue. Others (file names, accounts, element names) are shown as recorded.
 */
export function displayParams(
  params: Record<string, string> | undefined,
  t: Translate,
  fmt: Formatter,
): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const [name, value] of Object.entries(params ?? {})) {
    if (name === 'amount') shown[name] = fmt.amount(value);
    else if ((name === 'date' || name === 'from' || name === 'to') && ISO_DATE.test(value))
      shown[name] = value.replace(ISO_DATE, '$3/$2/$1');
    else if (name === 'status' && known(t, `status.${value}`)) shown[name] = t(`status.${value}`);
    else if (name === 'side' && known(t, `journal.side.${value}`)) shown[name] = t(`journal.side.${value}`);
    else if (name === 'dateField' && known(t, `journal.dateField.${value}`))
      shown[name] = t(`journal.dateField.${value}`);
    else shown[name] = value;
  }
  return shown;
}

/** `base`, or `base.many` when the value `count` is more than 1 and the catalogue has it. */
function keyFor(base: string, params: Record<string, string> | undefined, t: Translate): string {
  const count = Number(params?.count);
  return count > 1 && known(t, `${base}.many`) ? `${base}.many` : base;
}

/** The text of `key` with the line's values, or undefined when the catalogue lacks it. */
function coded(key: string, line: MessageCode, t: Translate, fmt: Formatter): string | undefined {
  const chosen = keyFor(key, line.params, t);
  return known(t, chosen) ? t(chosen, displayParams(line.params, t, fmt)) : undefined;
}

/** A journal line: journal.<code>, else the problem of the error it repeats, else its English. */
export function journalText(line: MessageCode & { message: string }, t: Translate, fmt: Formatter): string {
  if (!line.code) return line.message;
  return (
    coded(`journal.${line.code}`, line, t, fmt) ??
    coded(`runError.${line.code}.problem`, line, t, fmt) ??
    line.message
  );
}

/** An error line's problem and fix, each translated when the catalogue has it, else in English. */
export function errorTexts(
  line: MessageCode & { message: string; fix: string },
  t: Translate,
  fmt: Formatter,
): { problem: string; fix: string } {
  if (!line.code) return { problem: line.message, fix: line.fix };
  return {
    problem: coded(`runError.${line.code}.problem`, line, t, fmt) ?? line.message,
    fix: coded(`runError.${line.code}.fix`, line, t, fmt) ?? line.fix,
  };
}

/**
 * A document's name as describeDocument() writes it ("order 6", "credit note 12 of order 6
 * (shop 2)"), in the page's language; anything else (a file name) is shown as it is.
 */
export function documentText(name: string, t: Translate): string {
  const shop = / \(shop ([^)]+)\)$/.exec(name);
  const base = shop ? name.slice(0, shop.index) : name;
  const suffix = shop ? t('document.shop', { shop: shop[1] ?? '' }) : '';
  const credit = /^credit note (\S+) of order (\S+)$/.exec(base);
  if (credit)
    return t('document.creditNote', { creditNote: credit[1] ?? '', order: credit[2] ?? '' }) + suffix;
  const order = /^order (\S+)$/.exec(base);
  if (order) return t('document.order', { order: order[1] ?? '' }) + suffix;
  return name;
}
