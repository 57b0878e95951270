// The payment methods a profile's mapping tables offer (FEATURES.md §2, "Autres modes de
// paiement"): the shop's own, as its configuration lists them, then the profile's extra
// names (marketplaces such as Amazon or Cdiscount pay through methods the shop never lists).

export interface OfferedPaymentMethod {
  key: string;
  name: string;
  enabled?: boolean;
  /** True for a name from the profile's extra payment methods. */
  extra?: true;
}

/**
 * The shop's methods first, in its order, then each extra name not already there (by key or
 * name, ignoring case and surrounding spaces: "Amazon" and " amazon" are one method).
 * An extra's key is its name, which is what a mapping exception row keys on.
 */
export function offeredPaymentMethods(
  shopMethods: readonly { key: string; name: string; enabled?: boolean }[],
  extraNames: readonly string[],
): OfferedPaymentMethod[] {
  const norm = (s: string): string => s.trim().toLowerCase();
  const known = new Set(shopMethods.flatMap((m) => [norm(m.key), norm(m.name)]));
  const offered: OfferedPaymentMethod[] = shopMethods.map((m) => ({ ...m }));
  for (const raw of extraNames) {
    const name = raw.trim();
    if (!name || known.has(norm(name))) continue;
    known.add(norm(name));
    offered.push({ key: name, name, extra: true });
  }
  return offered;
}
