/**
 * Just enough JavaScript reading for port resolution: balanced brackets, call arguments, the
 * expression after `=` or `:`, top-level operators and object literal properties, all aware of
 * strings so a `)` inside a quote does not end a call.
 */

export function clean(expression: string): string {
  let e = expression.trim().replace(/;$/, '').trim();
  for (let i = 0; i < 5; i++) {
    const before = e;
    e = e.replace(/^await\s+/, '').replace(/\s+as\s+[\w.<>[\]| ]+$/, '').replace(/!$/, '').replace(/^<\w+>\s*/, '').trim();
    if (e.startsWith('(') && readBalanced(e, 0) === e) e = e.slice(1, -1).trim();
    if (e === before) break;
  }
  return e;
}

/** Splits on a top-level binary operator (outside brackets and strings). */
export function splitTop(e: string, op: string): string[] {
  const parts: string[] = [];
  let start = 0;
  walk(e, (i, depth) => {
    if (depth === 0 && e.startsWith(op, i)) {
      parts.push(e.slice(start, i));
      start = i + op.length;
      return op.length - 1;
    }
    return 0;
  });
  parts.push(e.slice(start));
  return parts.length > 1 ? parts.map((p) => p.trim()) : [e];
}

export function splitTernary(e: string): [string, string, string] | null {
  let q = -1;
  let colon = -1;
  let nested = 0;
  walk(e, (i, depth) => {
    if (depth !== 0 || colon !== -1) return 0;
    const c = e[i];
    if (c === '?' && e[i + 1] !== '.' && e[i + 1] !== '?' && e[i - 1] !== '?') {
      if (q === -1) q = i;
      else nested++;
    } else if (c === ':' && q !== -1) {
      if (nested === 0) colon = i;
      else nested--;
    }
    return 0;
  });
  if (q === -1 || colon === -1) return null;
  return [e.slice(0, q).trim(), e.slice(q + 1, colon).trim(), e.slice(colon + 1).trim()];
}

/** Calls `visit(index, depth)` for each character outside strings; visit returns how many to skip. */
export function walk(text: string, visit: (i: number, depth: number) => number): void {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      continue;
    }
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    else i += visit(i, depth);
  }
}

/** The comma-separated arguments of the call whose `(` is at `open`, or null when unbalanced. */
export function readArgs(code: string, open: number): string[] | null {
  const inner = readBalanced(code, open);
  if (inner === null) return null;
  return splitTopLevelCommas(inner.slice(1, -1)).map((a) => a.trim()).filter((a) => a !== '');
}

/** Splits on commas that are not inside brackets or strings. */
function splitTopLevelCommas(body: string): string[] {
  const parts: string[] = [];
  let start = 0;
  walk(body, (i, depth) => {
    if (depth === 0 && body[i] === ',') {
      parts.push(body.slice(start, i));
      start = i + 1;
    }
    return 0;
  });
  parts.push(body.slice(start));
  return parts;
}

/** The bracketed text starting at `open` (including the brackets), or null when unbalanced. */
export function readBalanced(code: string, open: number): string | null {
  let depth = 0;
  let quote: string | null = null;
  const limit = Math.min(code.length, open + 6000);
  for (let i = open; i < limit; i++) {
    const c = code[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) return code.slice(open, i + 1);
    }
  }
  return null;
}

/**
 * An expression starting at `from`, up to the end of its statement (or of its object property when
 * `inObject`): a top-level `;`, `,` or closing bracket, or a line break not continued by an operator.
 */
export function readExpression(code: string, from: number, inObject: boolean): string {
  let depth = 0;
  let quote: string | null = null;
  const limit = Math.min(code.length, from + 2000);
  let i = from;
  for (; i < limit; i++) {
    const c = code[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (c === ';' || (inObject && c === ','))) break;
    else if (depth === 0 && c === '\n') {
      const sofar = code.slice(from, i).trim();
      const next = code.slice(i + 1).trimStart();
      if (sofar !== '' && !/(\|\||\?\?|[?:=+\-*/(,&|])$/.test(sofar) && !/^(\|\||\?\?|[?:.+\-*/&|])/.test(next)) break;
    }
  }
  return code.slice(from, i).trim();
}

/** Top-level `key: value` pairs of an object literal (shorthand `{ port }` maps port → port). */
export function objectProps(text: string): Map<string, string> | null {
  const t = text.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return null;
  const body = t.slice(1, -1);
  const props = new Map<string, string>();
  const entries = splitTopLevelCommas(body);
  for (const entry of entries) {
    const kv = /^\s*['"]?([A-Za-z_$][\w$]*)['"]?\s*:\s*([\s\S]+)$/.exec(entry);
    if (kv) props.set(kv[1] ?? '', (kv[2] ?? '').trim());
    else {
      const shorthand = /^\s*([A-Za-z_$][\w$]*)\s*$/.exec(entry);
      if (shorthand) props.set(shorthand[1] ?? '', shorthand[1] ?? '');
    }
  }
  return props;
}

export function isCallback(arg: string): boolean {
  return /^(async\s+)?(function\b|\(?[\w$,\s]*\)?\s*=>)/.test(arg.trim());
}

export function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
