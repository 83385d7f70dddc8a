/**
 * The Prometheus rule file model both the slo and alerts parts build, its serialisation, the
 * runbook links alerts carry and the promtool unit-test file shape. Objects first, YAML last.
 */
import { Document } from 'yaml';
import type { ProjectPlan } from '../../../plan/schema.js';
import { headerComment } from '../../types.js';

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string> & { severity: 'page' | 'ticket' };
  annotations: Record<string, string> & { summary: string; description: string; runbook_url: string };
}

export interface RuleGroup {
  name: string;
  interval?: string;
  rules: Array<RecordingRule | AlertingRule>;
}

const OPTIONS = { lineWidth: 0, indentSeq: true } as const;

/** YAML text of one object with the devsquad header comment on top. */
export function renderYaml(source: string, object: unknown, comment?: readonly string[]): string {
  const doc = new Document(object, { aliasDuplicateObjects: false });
  if (comment && comment.length > 0) doc.commentBefore = comment.map((l) => ` ${l}`).join('\n');
  return `${headerComment('#', source)}\n${doc.toString(OPTIONS)}`;
}

export function renderRuleFile(source: string, groups: readonly RuleGroup[], comment?: readonly string[]): string {
  return renderYaml(source, { groups }, comment);
}

/** A DNS-label-like project name (folder names may hold dots or capitals). */
export function projectSlug(plan: ProjectPlan): string {
  const slug = plan.name.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '');
  return slug === '' ? 'app' : slug;
}

/** `ErrorBudgetBurnFast` → `error-budget-burn-fast`: the runbook's file name. */
export function runbookSlug(alert: string): string {
  return alert.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();
}

export const RUNBOOK_DIR = 'monitoring/runbooks';
export const RULES_DIR = 'monitoring/prometheus/rules';
export const RULE_TESTS_DIR = 'monitoring/prometheus/tests';

/** Default base of runbook links: where monitoring/runbooks/ is browsable; `{project}` is replaced. */
export const DEFAULT_RUNBOOK_BASE = 'https://git.example.com/{project}/blob/main/monitoring/runbooks';

export function runbookUrl(base: string, plan: ProjectPlan, alert: string): string {
  return `${base.replaceAll('{project}', projectSlug(plan)).replace(/\/+$/, '')}/${runbookSlug(alert)}.md`;
}

/** Numbers in PromQL and YAML without float noise: 1 - 0.999 is 0.001, not 0.0010000000000000009. */
export function clean(n: number): number {
  return Number(n.toPrecision(12));
}

/** promtool unit-test file (`promtool test rules`). */
export interface PromtoolTestFile {
  rule_files: string[];
  evaluation_interval: string;
  tests: PromtoolTest[];
}

export interface PromtoolTest {
  name: string;
  interval: string;
  input_series: Array<{ series: string; values: string }>;
  alert_rule_test: Array<{ eval_time: string; alertname: string; exp_alerts: Array<{ exp_labels: Record<string, string>; exp_annotations?: Record<string, string> }> }>;
}
