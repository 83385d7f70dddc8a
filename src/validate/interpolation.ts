/**
 * Compose variable interpolation (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR:?error}`, `$$`).
 * Compose substitutes variables before it validates a file, so the validator must not judge the raw
 * text of an interpolated value, and its rules read values with their defaults applied.
 */

// Nested defaults (`${A:-${B}}`) are rare in compose files and not resolved here.
const VARIABLE = /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

/** Whether a string contains a variable reference (`$$` is an escaped dollar, not a reference). */
export function isInterpolated(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  return value.replace(/\$\$/g, '').match(/\$(\{|[A-Za-z_])/) !== null;
}

/**
 * The value with each variable replaced by its default (`${PORT:-3000}` → `3000`), or null when a
 * variable has no default and so depends on the user's environment.
 */
export function withDefaults(value: string): string | null {
  let unresolved = false;
  const out = value.replace(VARIABLE, (match: string, _braced: string | undefined, op: string | undefined, word: string | undefined) => {
    if (match === '$$') return '$';
    if (op === ':-' || op === '-') return word ?? '';
    if (op === ':+' || op === '+') return '';
    unresolved = true;
    return '';
  });
  return unresolved ? null : out;
}

/** The names of the variables a string references. */
export function variableNames(value: string): string[] {
  const names: string[] = [];
  for (const match of value.matchAll(VARIABLE)) {
    const name = match[1] ?? match[4];
    if (name) names.push(name);
  }
  return names;
}
