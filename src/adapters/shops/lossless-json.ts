// JSON with every number kept as its source text. WooCommerce and Shopify send most amounts
// as strings, but some as JSON numbers (Shopify `tax_lines[].rate`, refund `subtotal`,
// WooCommerce `price`) and ids as 64-bit integers. JSON.parse would turn those into binary
// floats before we see them: 2^53 + 1 loses its last digit and a 17-digit decimal is
// silently rounded. Node 20 has no JSON.parse source-text access (the reviver `context`
// arrived in V8 11.4 / Node 21), and String(n) after the fact only returns the float's
// shortest form, not what the shop wrote. So numbers are quoted at the token level before
// parsing: the payload keeps the shop's exact text, and amounts go through parseAmount.

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;
const NUMBER_CHAR = /[0-9eE.+-]/;

/** Parses JSON; every number becomes the string of its source text (ids, amounts, rates). */
export function parseJsonLossless(text: string): unknown {
  const parts: string[] = [];
  let last = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      // A string: skip it whole, escapes included, so digits inside are left alone.
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 92) i += 2;
        else {
          i++;
          if (d === 34) break;
        }
      }
      continue;
    }
    if (c === 45 || (c >= 48 && c <= 57)) {
      let j = i + 1;
      while (j < n && NUMBER_CHAR.test(text.charAt(j))) j++;
      const token = text.slice(i, j);
      if (!NUMBER.test(token)) throw new SyntaxError(`invalid JSON number "${token}" at ${i}`);
      parts.push(text.slice(last, i), '"', token, '"');
      last = j;
      i = j;
      continue;
    }
    i++;
  }
  parts.push(text.slice(last));
  return JSON.parse(parts.join(''));
}
