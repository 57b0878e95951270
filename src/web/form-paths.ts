// Form field names are profile paths with dots only ("accounting.taxes.exceptions.2.key.country"):
// the body parser (qs) would turn brackets into nested objects. The schema's problem paths
// use brackets, so they are converted to find the field they belong to.

/** `accounting.taxes.exceptions[2].key.country` → `accounting.taxes.exceptions.2.key.country` */
export function fieldName(problemPath: string): string {
  return problemPath.replace(/\[(\d+)\]/g, '.$1');
}

/** Splits "path: message" as parseProfile words its problems. */
export function splitProblem(problem: string): { path: string; message: string } {
  const at = problem.indexOf(': ');
  if (at === -1) return { path: '', message: problem };
  return { path: fieldName(problem.slice(0, at)), message: problem.slice(at + 2) };
}

/**
 * The field a problem belongs to: its own; else, for an object (an account mode, a row),
 * its first field shown; else, for an item of a list ("recipients.1"), the list's field.
 */
function fieldOf(path: string, known: ReadonlySet<string>): string {
  if (!path) return '';
  if (known.has(path)) return path;
  const child = [...known].find((name) => name.startsWith(`${path}.`));
  if (child) return child;
  const parts = path.split('.');
  for (let end = parts.length - 1; end > 0; end--) {
    const parent = parts.slice(0, end).join('.');
    if (known.has(parent)) return parent;
  }
  return '';
}

/** Problems by field name; the ones no field of `known` shows are under "". */
export function problemsByField(
  problems: readonly string[],
  known: ReadonlySet<string>,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const problem of problems) {
    const { path, message } = splitProblem(problem);
    const target = fieldOf(path, known);
    out.set(target, [...(out.get(target) ?? []), target ? message : problem]);
  }
  return out;
}

export function getPath(root: unknown, name: string): unknown {
  let node = root;
  for (const part of name.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node;
}

/** Sets a value, making objects (or arrays, for numeric parts) on the way; undefined deletes. */
export function setPath(root: Record<string, unknown>, name: string, value: unknown): void {
  const parts = name.split('.');
  let node: Record<string, unknown> = root;
  parts.slice(0, -1).forEach((part, i) => {
    if (node[part] === null || typeof node[part] !== 'object') {
      node[part] = /^\d+$/.test(parts[i + 1] ?? '') ? [] : {};
    }
    node = node[part] as Record<string, unknown>;
  });
  const last = parts[parts.length - 1] ?? '';
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/**
 * The body parser (co-body's qs, allowDots) nests "a.b.0.c" into objects and arrays; the
 * forms are read by their flat names, so the body is flattened back. Repeated fields
 * (checkbox lists) stay arrays of strings.
 */
export function flattenBody(body: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (node: unknown, prefix: string): void => {
    if (Array.isArray(node) && node.every((item) => typeof item === 'string')) {
      out[prefix] = node;
    } else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) walk(value, prefix ? `${prefix}.${key}` : key);
    } else if (prefix) {
      out[prefix] = node;
    }
  };
  walk(body, '');
  return out;
}
