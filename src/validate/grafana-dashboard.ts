/**
 * Grafana dashboard validator: strict JSON (DSQ-GF-0000), the dashboard model (DSQ-GF-0001, see
 * grafana-rules.ts), every Prometheus query parsed with lezer-promql after template variables are
 * filled in (DSQ-GF-0002), then layout and portability rules. jsonc-parser's tree maps each problem
 * to the line of the panel or query it is about.
 */
import { findNodeAtLocation, parseTree, printParseErrorCode } from 'jsonc-parser';
import type { Node as JsonNode, ParseError } from 'jsonc-parser';
import type { Diagnostic, RuleInfo, Validator, ValidatorInput } from './types.js';
import { DashboardModel, GF_RULES, QUERYLESS_PANELS } from './grafana-rules.js';
import { isBuiltinVariable, promqlErrors, variableRefs } from './grafana-promql.js';

type Path = Array<string | number>;

/** monitoring/grafana/dashboards/*.json, grafana/dashboards/…, *.dashboard.json. */
export function isGrafanaDashboardName(path: string): boolean {
  const normal = path.replace(/\\/g, '/').toLowerCase();
  return /\.dashboard\.json$/.test(normal) || /(^|\/)grafana\/(.+\/)?dashboards\/[^/]+\.json$/.test(normal);
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

interface PanelAt {
  panel: DashboardModel['panels'][number];
  path: Path;
}

/** Top-level panels and the panels kept inside collapsed rows, with their JSON paths. */
function allPanels(model: DashboardModel, base: Path): PanelAt[] {
  const out: PanelAt[] = [];
  for (const [i, panel] of model.panels.entries()) {
    out.push({ panel, path: [...base, 'panels', i] });
    for (const [j, inner] of (panel.panels ?? []).entries()) out.push({ panel: { ...inner }, path: [...base, 'panels', i, 'panels', j] });
  }
  return out;
}

function overlaps(a: PanelAt['panel']['gridPos'], b: PanelAt['panel']['gridPos']): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

export function validateGrafanaDashboard(file: ValidatorInput): Diagnostic[] {
  const text = file.content;
  const out: Diagnostic[] = [];
  const errors: ParseError[] = [];
  const root: JsonNode | undefined = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const report = (rule: RuleInfo, message: string, path: Path = []): void => {
    const node = root === undefined ? undefined : findNodeAtLocation(root, path) ?? undefined;
    const at = node?.parent?.type === 'property' ? node.parent.offset : node?.offset ?? 0;
    out.push({ ruleId: rule.id, severity: rule.severity, message, file: file.path, line: lineAt(text, at), recommendation: rule.recommendation });
  };

  if (errors.length > 0 || root === undefined) {
    const first = errors[0];
    out.push({
      ruleId: GF_RULES.parse.id, severity: GF_RULES.parse.severity, file: file.path, line: lineAt(text, first?.offset ?? 0),
      message: first === undefined ? 'The file is empty.' : `Invalid JSON: ${printParseErrorCode(first.error)}.`, recommendation: GF_RULES.parse.recommendation,
    });
    return out;
  }
  let data = JSON.parse(text) as unknown;
  // The HTTP API's import format wraps the model: { "dashboard": {…}, "overwrite": true }.
  let base: Path = [];
  if (typeof data === 'object' && data !== null && !('panels' in data) && 'dashboard' in data) {
    data = (data as { dashboard: unknown }).dashboard;
    base = ['dashboard'];
  }
  const parsed = DashboardModel.safeParse(data);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 20)) {
      const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
      report(GF_RULES.schema, `${path.length > 0 ? path.join('.') : 'dashboard'}: ${issue.message}`, [...base, ...path]);
    }
    return out;
  }
  const model = parsed.data;
  const panels = allPanels(model, base);
  const variables = new Set((model.templating?.list ?? []).map((v) => v.name));

  const seen = new Map<number, Path>();
  for (const { panel, path } of panels) {
    if (seen.has(panel.id)) report(GF_RULES.duplicateId, `Panel "${panel.title}" reuses id ${panel.id}.`, [...path, 'id']);
    else seen.set(panel.id, path);
  }

  // Collapsed rows keep their panels' positions for when they open; only what is laid out can collide.
  const laidOut = panels.filter((p) => p.path.length === base.length + 2);
  for (const [i, a] of laidOut.entries()) {
    const other = laidOut.slice(0, i).find((b) => overlaps(a.panel.gridPos, b.panel.gridPos));
    if (other !== undefined) report(GF_RULES.overlap, `Panel "${a.panel.title}" overlaps panel "${other.panel.title}".`, [...a.path, 'gridPos']);
  }

  for (const { panel, path } of panels) {
    if (QUERYLESS_PANELS.has(panel.type)) continue;
    const panelUid = panel.datasource?.uid;
    if (panelUid !== undefined && !panelUid.startsWith('$') && panelUid !== '-- Mixed --' && panelUid !== '-- Dashboard --') {
      report(GF_RULES.hardcodedDatasource, `Panel "${panel.title}" uses data source uid "${panelUid}" directly.`, [...path, 'datasource']);
    }
    for (const [j, target] of (panel.targets ?? []).entries()) {
      const targetPath = [...path, 'targets', j];
      const uid = target.datasource?.uid;
      if (uid !== undefined && !uid.startsWith('$') && uid !== panelUid) report(GF_RULES.hardcodedDatasource, `Query ${target.refId} of "${panel.title}" uses data source uid "${uid}" directly.`, [...targetPath, 'datasource']);
      const type = target.datasource?.type ?? panel.datasource?.type ?? 'prometheus';
      if (target.expr === undefined || type !== 'prometheus') continue;
      for (const error of promqlErrors(target.expr)) report(GF_RULES.promql, `Query ${target.refId} of "${panel.title}": ${error.message}`, [...targetPath, 'expr']);
      for (const ref of variableRefs(target.expr)) {
        if (!isBuiltinVariable(ref.name) && !variables.has(ref.name)) report(GF_RULES.undefinedVariable, `Query ${target.refId} of "${panel.title}" uses $${ref.name}, which templating does not define.`, [...targetPath, 'expr']);
      }
      if (/\b(rate|irate|increase|delta|idelta|deriv)\s*\([^()]*\[\s*(\$__interval|\$\{__interval\})\s*\]/.test(target.expr)) {
        report(GF_RULES.rateInterval, `Query ${target.refId} of "${panel.title}" takes a rate over $__interval.`, [...targetPath, 'expr']);
      }
    }
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.ruleId.localeCompare(b.ruleId));
}

export const grafanaDashboardValidator: Validator = {
  kind: 'grafana-dashboard',
  displayName: 'Grafana dashboard',
  matches: isGrafanaDashboardName,
  validate: validateGrafanaDashboard,
};
