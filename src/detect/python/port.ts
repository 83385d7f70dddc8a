/**
 * Port values in Python code: `8000`, `int(os.environ.get("PORT", 8000))`, `os.getenv("PORT") or 5000`,
 * a module constant `PORT = …`, and bind strings such as gunicorn's `"0.0.0.0:8000"` or
 * `f"0.0.0.0:{os.getenv('PORT', '8000')}"`. Evaluated as text, never executed.
 */
import { parsePort } from '../shared/text.js';
import { callArguments, moduleConstant, positionalArgument, stringLiteral, type PySource } from './source.js';

export interface PortValue {
  value: number | null;
  /** The env var the code reads the port from (PORT), when it does. */
  envVar: string | null;
}

const ENV_GET = /^(?:os\.)?(?:environ\.get|getenv)\s*\(/;
const ENV_INDEX = /^(?:os\.)?environ\s*\[\s*(["'])(\w+)\1\s*\]$/;

/** Evaluates a port expression; null when it says nothing about a port. */
export function portFromExpression(expr: string | null, source: PySource | null, depth = 0): PortValue | null {
  if (!expr || depth > 3) return null;
  const e = expr.trim().replace(/^\((.*)\)$/s, '$1').trim();
  const literal = parsePort(stringLiteral(e) ?? e);
  if (literal !== null) return { value: literal, envVar: null };
  const cast = /^(?:int|str)\s*\(([\s\S]*)\)$/.exec(e);
  if (cast) return portFromExpression(cast[1] ?? null, source, depth + 1);
  const or = splitOr(e);
  if (or) {
    const left = portFromExpression(or[0], source, depth + 1);
    const right = portFromExpression(or[1], source, depth + 1);
    if (left || right) return { value: left?.value ?? right?.value ?? null, envVar: left?.envVar ?? right?.envVar ?? null };
  }
  const index = ENV_INDEX.exec(e);
  if (index?.[2]) return { value: null, envVar: index[2] };
  const get = ENV_GET.exec(e);
  if (get) {
    const args = callArguments(e, get[0].length - 1);
    const name = stringLiteral(positionalArgument(args, 0));
    if (!name) return null;
    const fallback = positionalArgument(args, 1);
    return { value: fallback ? (portFromExpression(fallback, source, depth + 1)?.value ?? null) : null, envVar: name };
  }
  // A name defined at module level: `port = int(os.environ.get("PORT", 5000))`.
  if (source && /^[A-Za-z_]\w*$/.test(e)) {
    const constant = moduleConstant(source, e);
    if (constant) return portFromExpression(constant.expr, source, depth + 1);
  }
  return null;
}

/** `a or b` at the top level of an expression. */
function splitOr(expr: string): [string, string] | null {
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < expr.length; i++) {
    const ch = expr[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if ('([{'.includes(ch)) depth++;
    else if (')]}'.includes(ch)) depth--;
    else if (depth === 0 && expr.startsWith(' or ', i)) return [expr.slice(0, i), expr.slice(i + 4)];
  }
  return null;
}

export interface BindValue extends PortValue {
  host: string | null;
}

/**
 * A bind address expression (`"0.0.0.0:8000"`, `["0.0.0.0:8000"]`, `f"0.0.0.0:{port}"`,
 * `"0.0.0.0:" + os.environ.get("PORT", "8000")`, `":8000"`), or null.
 */
export function bindFromExpression(expr: string | null, source: PySource | null): BindValue | null {
  if (!expr) return null;
  const e = expr.trim().replace(/^\[\s*([\s\S]*?)\s*,?\s*\]$/, '$1');
  const plain = stringLiteral(e);
  const whole = plain !== null ? plain : e;
  const m = /^[rRfF]?["']?(\[?[\w.:-]*?\]?):(.*)$/s.exec(whole);
  if (!m) return null;
  // `":8000"` binds every interface
  const host = m[1] === '' ? '0.0.0.0' : (m[1] ?? null);
  let rest = (m[2] ?? '').trim();
  // f-string placeholder, concatenation or %-format: evaluate what follows the colon.
  rest = rest.replace(/^\{([\s\S]*)\}["']?$/, '$1').replace(/^["']\s*\+\s*/, '').replace(/^%s["']\s*%\s*/, '').replace(/["']$/, '');
  const port = portFromExpression(rest, source);
  return { host, value: port?.value ?? null, envVar: port?.envVar ?? null };
}
