/**
 * Prometheus rule files (`groups:` of recording and alerting rules): YAML parsed with `yaml`, the
 * structure Prometheus' rulefmt accepts, every `expr` parsed with @prometheus-io/lezer-promql (the
 * error points at the line and column inside the expression), durations, names, and the alerting
 * conventions devsquad relies on: a severity label, a runbook link, a summary. `promtool check rules`
 * goes further (type checks) and runs in devsquad's tests where installed.
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import { LABEL_NAME, METRIC_NAME, isPromDuration, promqlErrors } from './promql-parse.js';
import type { Diagnostic, RuleInfo, Validator, ValidatorInput } from './types.js';

export const PROM_RULES = {
  structure: { id: 'DSQ-PROM-0000', title: 'YAML syntax or rule file structure', severity: 'high', recommendation: 'Fix the YAML so it has `groups:`, each with a `name` and `rules`, each rule with `record` or `alert` and an `expr` (see https://prometheus.io/docs/prometheus/latest/configuration/recording_rules/).' },
  promql: { id: 'DSQ-PROM-0001', title: 'PromQL syntax error', severity: 'high', recommendation: 'Fix the expression at the position shown; try it in the Prometheus expression browser or with `promtool check rules`.' },
  duration: { id: 'DSQ-PROM-0002', title: 'Invalid duration', severity: 'high', recommendation: 'Write durations as Prometheus does: an integer with a unit, largest first (`5m`, `1h30m`, `2d`); no fractions, no spaces.' },
  duplicateGroup: { id: 'DSQ-PROM-0003', title: 'Duplicate group name', severity: 'high', recommendation: 'Give each group in a file its own name: Prometheus refuses to load a file with two groups of one name.' },
  name: { id: 'DSQ-PROM-0004', title: 'Invalid metric or label name', severity: 'high', recommendation: 'Recording rule names are metric names (`[a-zA-Z_:][a-zA-Z0-9_:]*`, by convention `level:metric:operations`); label names match `[a-zA-Z_][a-zA-Z0-9_]*` and do not start with `__`.' },
  severity: { id: 'DSQ-PROM-0005', title: 'Alert without a severity label', severity: 'medium', recommendation: 'Add `labels: { severity: page }` (someone must act now) or `severity: ticket` (within working hours): Alertmanager routes on it.' },
  runbook: { id: 'DSQ-PROM-0006', title: 'Alert without a runbook_url annotation', severity: 'low', recommendation: 'Add `annotations.runbook_url` linking to a page that says what the alert means and how to diagnose it.' },
  summary: { id: 'DSQ-PROM-0007', title: 'Alert without a summary or description', severity: 'low', recommendation: 'Add `annotations.summary` (one line for the notification title) and `annotations.description` (what is wrong and where).' },
} as const satisfies Record<string, RuleInfo>;

const GROUP_KEYS = new Set(['name', 'interval', 'query_offset', 'limit', 'labels', 'rules']);
const RECORD_KEYS = new Set(['record', 'expr', 'labels']);
const ALERT_KEYS = new Set(['alert', 'expr', 'for', 'keep_firing_for', 'labels', 'annotations']);

interface Ctx {
  file: string;
  lines: LineCounter;
  out: Diagnostic[];
}

function report(ctx: Ctx, rule: RuleInfo, message: string, node?: Node | null, offset = 0): void {
  const pos = node?.range ? ctx.lines.linePos(node.range[0] + offset) : undefined;
  ctx.out.push({ ruleId: rule.id, severity: rule.severity, message, file: ctx.file, ...(pos ? { line: pos.line, column: pos.col } : {}), recommendation: rule.recommendation });
}

function str(map: YAMLMap, key: string): string | undefined {
  const v = map.get(key);
  return typeof v === 'string' ? v : undefined;
}

function node(map: YAMLMap, key: string): Node | null {
  const n = map.get(key, true) as Node | undefined;
  return n ?? null;
}

function checkLabels(ctx: Ctx, map: YAMLMap, key: 'labels' | 'annotations', where: string): void {
  const labels = node(map, key);
  if (labels === null) return;
  if (!isMap(labels)) return report(ctx, PROM_RULES.structure, `${where}: ${key} must be a map of names to strings`, labels);
  for (const pair of labels.items) {
    const name = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!LABEL_NAME.test(name) || name.startsWith('__')) report(ctx, PROM_RULES.name, `${where}: "${name}" is not a valid ${key === 'labels' ? 'label' : 'annotation'} name`, pair.key as Node);
    if (!isScalar(pair.value) || typeof pair.value.value === 'object') report(ctx, PROM_RULES.structure, `${where}: ${key}.${name} must be a string`, (pair.value ?? pair.key) as Node);
  }
}

/**
 * Where an offset inside an `expr` value is in the file. Plain and quoted scalars sit on the key's
 * line (quotes shift by one; escapes are rare enough to ignore); block scalars (`|`) start on the
 * next line, so count the expression's own lines.
 */
function exprPosition(ctx: Ctx, scalar: Node | null, expr: string, offset: number): { line: number; column?: number } | undefined {
  if (!scalar?.range || !isScalar(scalar)) return undefined;
  // An error at the very end (a missing operand) belongs to the last line, not the one after.
  const before = expr.slice(0, offset).replace(/\s+$/, '');
  if (scalar.type === 'BLOCK_LITERAL' || scalar.type === 'BLOCK_FOLDED') {
    return { line: ctx.lines.linePos(scalar.range[0]).line + before.split('\n').length };
  }
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE' ? 1 : 0;
  const pos = ctx.lines.linePos(scalar.range[0] + quoted + offset);
  return { line: pos.line, column: pos.col };
}

function checkRule(ctx: Ctx, rule: Node, where: string): void {
  if (!isMap(rule)) return report(ctx, PROM_RULES.structure, `${where} must be a map`, rule);
  const record = str(rule, 'record');
  const alert = str(rule, 'alert');
  const label = record ?? alert ?? where;
  if ((record === undefined) === (alert === undefined)) return report(ctx, PROM_RULES.structure, `${where} needs exactly one of "record" or "alert"`, rule);
  const allowed = record !== undefined ? RECORD_KEYS : ALERT_KEYS;
  for (const pair of rule.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!allowed.has(key)) report(ctx, PROM_RULES.structure, `${label}: field "${key}" is not allowed in ${record !== undefined ? 'a recording' : 'an alerting'} rule`, pair.key as Node);
  }
  if (record !== undefined && !METRIC_NAME.test(record)) report(ctx, PROM_RULES.name, `"${record}" is not a valid metric name`, node(rule, 'record'));
  if (alert !== undefined && alert.trim() === '') report(ctx, PROM_RULES.structure, `${where}: the alert name is empty`, node(rule, 'alert'));
  const exprNode = node(rule, 'expr');
  const expr = rule.get('expr');
  if (typeof expr === 'number') {
    // A bare number is a valid PromQL expression that YAML read as a number.
  } else if (typeof expr !== 'string') {
    report(ctx, PROM_RULES.structure, `${label}: "expr" is required and must be a string`, exprNode ?? rule);
  } else {
    const seen = new Set<number>();
    for (const err of promqlErrors(expr)) {
      if (seen.has(err.offset)) continue;
      seen.add(err.offset);
      const before = expr.slice(0, err.offset);
      const lineInExpr = before.split('\n').length;
      const col = err.offset - (before.lastIndexOf('\n') + 1) + 1;
      ctx.out.push({
        ruleId: PROM_RULES.promql.id,
        severity: PROM_RULES.promql.severity,
        message: `${label}: PromQL ${err.message} (expression line ${lineInExpr}, column ${col})`,
        file: ctx.file,
        ...exprPosition(ctx, exprNode, expr, err.offset),
        recommendation: PROM_RULES.promql.recommendation,
      });
    }
  }
  for (const key of ['for', 'keep_firing_for']) {
    const value = rule.get(key);
    if (value !== undefined && !isPromDuration(value)) report(ctx, PROM_RULES.duration, `${label}: ${key} "${String(value)}" is not a duration`, node(rule, key));
  }
  checkLabels(ctx, rule, 'labels', label);
  if (alert === undefined) return;
  checkLabels(ctx, rule, 'annotations', label);
  const labels = rule.get('labels');
  const annotations = rule.get('annotations');
  const has = (m: unknown, k: string): boolean => isMap(m) && typeof m.get(k) === 'string' && String(m.get(k)).trim() !== '';
  if (!has(labels, 'severity')) report(ctx, PROM_RULES.severity, `alert ${alert} has no severity label`, node(rule, 'alert'));
  if (!has(annotations, 'runbook_url')) report(ctx, PROM_RULES.runbook, `alert ${alert} has no runbook_url annotation`, node(rule, 'alert'));
  if (!has(annotations, 'summary') && !has(annotations, 'description')) report(ctx, PROM_RULES.summary, `alert ${alert} has neither a summary nor a description annotation`, node(rule, 'alert'));
}

export function validatePrometheusRules(file: ValidatorInput): Diagnostic[] {
  const lines = new LineCounter();
  const ctx: Ctx = { file: file.path, lines, out: [] };
  const doc = parseDocument(file.content, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  for (const error of doc.errors) {
    const pos = lines.linePos(error.pos[0]);
    ctx.out.push({ ruleId: PROM_RULES.structure.id, severity: 'high', message: `YAML: ${error.message.split('\n')[0]}`, file: file.path, line: pos.line, column: pos.col, recommendation: PROM_RULES.structure.recommendation });
  }
  if (doc.errors.length > 0) return ctx.out;
  const root = doc.contents;
  if (root === null) return ctx.out; // an empty file is a valid, empty rule file
  if (!isMap(root)) return (report(ctx, PROM_RULES.structure, 'a rule file is a map with a "groups" list', root), ctx.out);
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'groups') report(ctx, PROM_RULES.structure, `top-level field "${key}" is not allowed (only "groups")`, pair.key as Node);
  }
  const groups = node(root, 'groups');
  if (groups === null) return ctx.out;
  if (!isSeq(groups)) return (report(ctx, PROM_RULES.structure, '"groups" must be a list', groups), ctx.out);
  const names = new Set<string>();
  for (const [i, group] of groups.items.entries()) {
    if (!isMap(group)) {
      report(ctx, PROM_RULES.structure, `group ${i + 1} must be a map`, group as Node);
      continue;
    }
    const name = str(group, 'name');
    const where = name ?? `group ${i + 1}`;
    if (name === undefined || name.trim() === '') report(ctx, PROM_RULES.structure, `group ${i + 1} has no name`, group);
    else if (names.has(name)) report(ctx, PROM_RULES.duplicateGroup, `group "${name}" appears twice`, node(group, 'name'));
    if (name !== undefined) names.add(name);
    for (const pair of group.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!GROUP_KEYS.has(key)) report(ctx, PROM_RULES.structure, `group ${where}: field "${key}" is not allowed`, pair.key as Node);
    }
    for (const key of ['interval', 'query_offset']) {
      const value = group.get(key);
      if (value !== undefined && !isPromDuration(value)) report(ctx, PROM_RULES.duration, `group ${where}: ${key} "${String(value)}" is not a duration`, node(group, key));
    }
    const rules = node(group, 'rules');
    if (rules === null) {
      report(ctx, PROM_RULES.structure, `group ${where} has no "rules" list`, group);
      continue;
    }
    if (!isSeq(rules)) {
      report(ctx, PROM_RULES.structure, `group ${where}: "rules" must be a list`, rules);
      continue;
    }
    for (const [j, rule] of rules.items.entries()) checkRule(ctx, rule as Node, `group ${where} rule ${j + 1}`);
  }
  return ctx.out;
}

export const prometheusRulesValidator: Validator = {
  kind: 'prometheus-rules',
  displayName: 'Prometheus rules',
  matches: (path) => /\.rules\.ya?ml$/.test(path) || /(^|\/)prometheus\/rules\/[^/]+\.ya?ml$/.test(path),
  validate: validatePrometheusRules,
};
