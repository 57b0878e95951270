// "Reset transferred documents" by id list (issue #5 item 7): the ids as the user sees
// them, matched against the profile's booked ledger keys ("<shop>/order/<id>",
// "<shop>/creditnote/<id>", domain/document.ts documentKey).
export type DocumentKind = 'order' | 'creditnote';

/** One id the user typed: a whole ledger key, or an id of a kind in any shop. */
type Wanted = { token: string; key: string } | { token: string; kind: DocumentKind; id: string };

export interface ParsedIds {
  wanted: Wanted[];
  /** Tokens that name no document (shown back to the user). */
  invalid: string[];
}

export interface ResolvedIds {
  /** Booked keys to reset. */
  keys: string[];
  /** Tokens that are well formed but name no transferred document. */
  notFound: string[];
}

/** More than this in one textarea is refused; a whole reset has its own button. */
export const MAX_IDS = 5000;

const KINDS: Record<string, DocumentKind> = {
  order: 'order',
  commande: 'order',
  creditnote: 'creditnote',
  'credit note': 'creditnote',
  'credit-note': 'creditnote',
  avoir: 'creditnote',
};

// Shops send ids of letters, digits and a few signs; a dropped file's keys may hold more.
const ID = '[A-Za-z0-9_.-]{1,64}';
const FULL_KEY = /^([^/\s]{1,100})\/(order|creditnote)\/([^/\s]{1,100})$/;
const WITH_KIND = new RegExp(
  `^(order|commande|creditnote|credit[ -]note|avoir)(?:\\s*[:#]\\s*|\\s+)(?:n°\\s*)?(${ID})$`,
  'i',
);
const PLAIN = new RegExp(`^(?:n°\\s*|#)?(${ID})$`, 'i');

/** Ids one per line or separated by commas or semicolons; plain ids are of `kind`. */
export function parseDocumentIds(input: string, kind: DocumentKind): ParsedIds {
  const tokens = input
    .split(/[\r\n,;]+/)
    .map((token) => token.trim())
    .filter((token) => token !== '');
  const wanted: Wanted[] = [];
  const invalid: string[] = [];
  for (const token of tokens) {
    const full = FULL_KEY.exec(token);
    const withKind = WITH_KIND.exec(token);
    const plain = PLAIN.exec(token);
    if (full) wanted.push({ token, key: token });
    else if (withKind?.[1] && withKind[2]) {
      wanted.push({ token, kind: KINDS[withKind[1].toLowerCase()] ?? kind, id: withKind[2] });
    } else if (plain?.[1]) wanted.push({ token, kind, id: plain[1] });
    else invalid.push(token);
  }
  return { wanted, invalid };
}

/** The booked keys the ids name; an id without a shop matches it in every shop. */
export function resolveDocumentIds(wanted: Wanted[], booked: ReadonlySet<string>): ResolvedIds {
  const byKindAndId = new Map<string, string[]>();
  for (const key of booked) {
    const match = FULL_KEY.exec(key);
    if (!match) continue;
    const kindAndId = `${match[2]}/${match[3]}`;
    byKindAndId.set(kindAndId, [...(byKindAndId.get(kindAndId) ?? []), key]);
  }
  const keys = new Set<string>();
  const notFound: string[] = [];
  for (const w of wanted) {
    const found =
      'key' in w ? (booked.has(w.key) ? [w.key] : []) : (byKindAndId.get(`${w.kind}/${w.id}`) ?? []);
    if (found.length === 0) notFound.push(w.token);
    for (const key of found) keys.add(key);
  }
  return { keys: [...keys], notFound };
}
