/**
 * PromQL in Grafana panels: template variables are replaced by values of the right shape for where
 * they stand (a duration inside `[…]`, a plain word inside a quoted string, a number for the `_ms`/`_s`
 * built-ins, a label-name-like word elsewhere), then @prometheus-io/lezer-promql parses the result.
 * Grafana does the same substitution before a query reaches Prometheus.
 */
import { parser } from '@prometheus-io/lezer-promql';

/** `${name}`, `${name:format}`, `[[name]]`, `[[name:format]]`, `$name`. */
const VARIABLE = /\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(\w+)/y;

export interface VariableRef {
  name: string;
  /** Offset in the expression. */
  index: number;
}

/** Every template variable the expression refers to, in order. */
export function variableRefs(expr: string): VariableRef[] {
  const out: VariableRef[] = [];
  for (const match of expr.matchAll(/\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]|\$(\w+)/g)) {
    out.push({ name: match[1] ?? match[2] ?? match[3] ?? '', index: match.index });
  }
  return out;
}

/** Grafana reserves names starting with `__` for its built-ins ($__rate_interval, $__range, …). */
export function isBuiltinVariable(name: string): boolean {
  return name.startsWith('__');
}

function replacement(name: string, previous: string, inString: boolean): string {
  if (inString) return 'x';
  if (previous === '[' || previous === ':') return '5m';
  if (/^__\w*_(ms|s)$/.test(name)) return '300';
  return `var_${name}`;
}

/** The expression with every template variable replaced by a placeholder Prometheus would accept there. */
export function substituteVariables(expr: string): string {
  let out = '';
  let quote: string | null = null;
  for (let i = 0; i < expr.length; ) {
    const ch = expr[i]!;
    if (quote !== null) {
      if (ch === '\\') {
        out += expr.slice(i, i + 2);
        i += 2;
        continue;
      }
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'" || ch === '`') {
      quote = ch;
    }
    VARIABLE.lastIndex = i;
    const match = ch === '$' || (ch === '[' && expr[i + 1] === '[') ? VARIABLE.exec(expr) : null;
    if (match !== null) {
      const name = match[1] ?? match[2] ?? match[3] ?? '';
      out += replacement(name, out.trimEnd().at(-1) ?? '', quote !== null);
      i += match[0].length;
      continue;
    }
    out += ch;
    i++;
  }
  return out;
}

export interface PromqlError {
  /** Offset in the substituted expression. */
  offset: number;
  message: string;
}

/** Parse errors of a PromQL expression (after substitution), empty when it parses. */
export function promqlErrors(expr: string): PromqlError[] {
  const text = substituteVariables(expr);
  if (text.trim() === '') return [{ offset: 0, message: 'the query is empty' }];
  const errors: PromqlError[] = [];
  parser.parse(text).iterate({
    enter: (node) => {
      if (!node.type.isError) return;
      const near = text.slice(node.from, node.from + 20) || 'end of query';
      errors.push({ offset: node.from, message: `PromQL syntax error at offset ${node.from} near "${near}" (in: ${text})` });
      return false;
    },
  });
  return errors.slice(0, 1);
}
