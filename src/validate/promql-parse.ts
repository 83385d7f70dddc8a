/**
 * PromQL syntax check with the Prometheus UI's own grammar (@prometheus-io/lezer-promql). Lezer
 * recovers from errors by inserting error nodes; each one is a syntax error at that offset. It does
 * not type-check (a range vector where an instant one is due): `promtool check rules` does that.
 */
import { parser } from '@prometheus-io/lezer-promql';

export interface PromqlError {
  /** 0-based offset in the expression. */
  offset: number;
  message: string;
}

export function promqlErrors(expr: string): PromqlError[] {
  if (expr.trim() === '') return [{ offset: 0, message: 'empty expression' }];
  const errors: PromqlError[] = [];
  parser.parse(expr).iterate({
    enter(node) {
      if (!node.type.isError) return;
      const near = expr.slice(node.from, node.from + 20).split('\n')[0] ?? '';
      errors.push({ offset: node.from, message: near === '' ? 'unexpected end of expression' : `unexpected input near "${near}"` });
    },
  });
  return errors;
}

/** Prometheus and Alertmanager durations: 1d, 1h30m, 5m, 10s, 0 (no fractions, units in order). */
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

export function isPromDuration(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  return value === '0' || (value !== '' && DURATION.test(value));
}

export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
