/**
 * Just enough of Go's expression syntax to follow a listen address back to its literal or env var:
 * balanced call arguments, top-level splitting on `,` or `+`, string literals, and struct tags.
 */

/** The arguments of the call whose `(` is at `open`, split at top-level commas. */
export function callArgs(code: string, open: number): { args: string[]; end: number } | null {
  if (code[open] !== '(') return null;
  let depth = 0;
  for (let i = open; i < code.length && i < open + 2000; i++) {
    const c = code[i];
    if (c === '"' || c === '`' || c === "'") {
      i = skipString(code, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        const inner = code.slice(open + 1, i).trim();
        return { args: inner === '' ? [] : splitTopLevel(inner, ','), end: i };
      }
    }
  }
  return null;
}

/** The expression starting at `start`, up to a top-level `,`, `}`, `)` or the end of the line. */
export function exprAt(code: string, start: number): string {
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    const c = code[i];
    if (c === '"' || c === '`' || c === "'") {
      i = skipString(code, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return code.slice(start, i).trim();
      depth--;
    } else if ((c === ',' || c === '\n' || c === ';') && depth === 0) return code.slice(start, i).trim();
  }
  return code.slice(start).trim();
}

/** Splits on a separator that is not inside parentheses, brackets, braces or strings. */
export function splitTopLevel(text: string, sep: ',' | '+'): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === '`' || c === "'") {
      i = skipString(text, i);
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === sep && depth === 0) {
      out.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  out.push(text.slice(start).trim());
  return out.filter((p) => p !== '');
}

/** Index of the closing quote of the string starting at `i`. */
function skipString(text: string, i: number): number {
  const quote = text[i];
  for (let j = i + 1; j < text.length; j++) {
    if (text[j] === '\\' && quote !== '`') j++;
    else if (text[j] === quote) return j;
    else if (text[j] === '\n' && quote !== '`') return j;
  }
  return text.length;
}

/** The value of a Go string literal ("x" or `x`), or null when `expr` is not one. */
export function stringLiteral(expr: string): string | null {
  const m = /^"((?:[^"\\]|\\.)*)"$|^`([^`]*)`$/.exec(expr.trim());
  if (!m) return null;
  return m[1] ?? m[2] ?? '';
}

export function numberLiteral(expr: string): string | null {
  return /^\d+$/.test(expr.trim()) ? expr.trim() : null;
}

/** Reads `key:"value"` pairs of a struct tag. */
export function parseStructTag(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w-]+):"((?:[^"\\]|\\.)*)"/g;
  for (let m = re.exec(tag); m !== null; m = re.exec(tag)) out.set(m[1] ?? '', m[2] ?? '');
  return out;
}

/** Escapes a name for use inside a RegExp. */
export function escapeRe(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The env var a struct-tagged field reads and its default, for kelseyhightower/envconfig
 * (`envconfig:"X" default:"d" required:"true"`), caarlos0/env (`env:"X,required" envDefault:"d"`),
 * sethvargo/go-envconfig (`env:"X, default=d"`) and cleanenv (`env:"X" env-default:"d"`).
 */
export function envFromTag(tag: string): { name: string; default: string | null; required: boolean } | null {
  const tags = parseStructTag(tag);
  const spec = tags.get('envconfig') ?? tags.get('env');
  if (spec === undefined) return null;
  const [rawName = '', ...options] = spec.split(',').map((s) => s.trim());
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(rawName)) return null;
  const inlineDefault = options.find((o) => o.startsWith('default='))?.slice('default='.length) ?? null;
  const def = tags.get('default') ?? tags.get('envDefault') ?? tags.get('env-default') ?? inlineDefault;
  const required = options.includes('required') || options.includes('notEmpty') || tags.get('required') === 'true' || tags.get('env-required') === 'true';
  return { name: rawName, default: def ?? null, required };
}
