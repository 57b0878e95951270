// General accounts: padding to the profile's account length and labels by prefix.
import type { AccountingSettings } from '../profile.js';
import { documentError, type BookingScope } from './scope.js';

/**
 * Right-pads a general account with zeros to the account length (411 → 411000). An
 * account longer than the length is refused: cutting it would book on another account.
 */
export function padAccount(account: string, scope: BookingScope, what: string): string {
  const trimmed = account.trim();
  const length = scope.settings.accountLength;
  if (trimmed === '') {
    throw documentError(
      scope,
      `no ${what} account is configured`,
      `Set the ${what} account in the profile mapping.`,
    );
  }
  if (trimmed.length > length) {
    throw documentError(
      scope,
      `${what} account ${trimmed} is longer than the account length ${length}`,
      `Shorten the ${what} account to ${length} characters or raise the account length in the profile.`,
    );
  }
  return trimmed.padEnd(length, '0');
}

/** The label of the longest prefix of `account` found in the settings' labels; empty when none. */
export function accountLabel(account: string, labels: AccountingSettings['accountLabels']): string {
  // A run books a few dozen distinct accounts on every line of every document: scanning the
  // whole label table (hundreds of PCG prefixes) each time was ~5 % of a conversion. Labels
  // come from a parsed profile that is replaced, never edited in place, so a cache per
  // labels object stays right; it is bounded by the accounts actually booked.
  let cache = LABEL_CACHE.get(labels);
  if (!cache) LABEL_CACHE.set(labels, (cache = new Map()));
  let label = cache.get(account);
  if (label === undefined) {
    label = longestPrefixLabel(account, labels);
    if (cache.size < LABEL_CACHE_LIMIT) cache.set(account, label);
  }
  return label;
}

const LABEL_CACHE = new WeakMap<AccountingSettings['accountLabels'], Map<string, string>>();
/** Accounts are few, but a mapping per customer could make them many: memory stays bounded. */
const LABEL_CACHE_LIMIT = 10_000;

function longestPrefixLabel(account: string, labels: AccountingSettings['accountLabels']): string {
  let best = '';
  let label = '';
  for (const [prefix, text] of Object.entries(labels)) {
    if (prefix.length > best.length && account.startsWith(prefix)) {
      best = prefix;
      label = text;
    }
  }
  return label;
}
