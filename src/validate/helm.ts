/**
 * Helm chart validator. `validate` checks one file by its name (charts are not plain YAML: templates
 * only become YAML once rendered): Chart.yaml, values*.yaml, values.schema.json and templates/*
 * (DSQ-HELM-0001…0008, helm-rules.ts). `validateSet` checks a chart as a whole: values.yaml, and
 * values.yaml merged with each values-<env>.yaml, against values.schema.json (DSQ-HELM-0006); then,
 * when a helm binary is available (helm-render.ts), renders the chart with its default values
 * (DSQ-HELM-0009 if it fails) and checks every rendered object with the Kubernetes validator, whose
 * diagnostics (DSQ-K8S-…) are reported on the template that produced the object.
 */
import { log } from '../core/logger.js';
import { checkChartYaml, checkTemplate, checkValuesSchema, checkValuesYaml, compileSchema, HELM_RULES, parseYamlMapping, type HelmHit } from './helm-rules.js';
import { helmBinary, kubeVersionFor, renderChartUsing, renderedSources, sourceOfLine, startRender, type ChartFile, type PendingRender } from './helm-render.js';
import { discard } from './offload.js';
import { memoized } from './run-memo.js';
import { validateKubernetes } from './kubernetes.js';
import type { Diagnostic, Validator, ValidatorInput } from './types.js';

export { HELM_RULES };

type Json = Record<string, unknown>;

function baseName(path: string): string {
  return path.replace(/\\/g, '/').split('/').at(-1) ?? '';
}

const VALUES = /^values([.-][\w.-]+)?\.ya?ml$/i;

function isTemplatePath(path: string): boolean {
  return /(^|\/)templates\/(.+\/)?[^/]+\.(ya?ml|tpl|txt|json)$/i.test(path.replace(/\\/g, '/'));
}

export function isHelmPath(path: string): boolean {
  const base = baseName(path);
  return base === 'Chart.yaml' || base === 'values.schema.json' || base === '.helmignore' || VALUES.test(base) || isTemplatePath(path);
}

function toDiagnostic(path: string, hit: HelmHit): Diagnostic {
  return { ruleId: hit.rule.id, severity: hit.rule.severity, message: hit.message, file: path, ...(hit.line ? { line: hit.line } : {}), recommendation: hit.rule.recommendation };
}

export function validateHelm(file: ValidatorInput): Diagnostic[] {
  // validateHelmSet checks each chart file again before rendering: within a run, once is enough.
  return [...memoized('helm-file', `${file.path}\0${file.content}`, () => checkHelmFile(file))];
}

function checkHelmFile(file: ValidatorInput): Diagnostic[] {
  const base = baseName(file.path);
  let hits: HelmHit[] = [];
  if (base === 'Chart.yaml') hits = checkChartYaml(file.content);
  else if (base === 'values.schema.json') hits = checkValuesSchema(file.content).hits;
  else if (isTemplatePath(file.path)) hits = checkTemplate(file.content);
  else if (VALUES.test(base)) hits = checkValuesYaml(file.content).hits;
  return hits.map((h) => toDiagnostic(file.path, h));
}

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Helm's coalescing of values files: maps merge key by key, null deletes, anything else replaces. */
export function mergeValues(base: Json, override: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (value === null) delete out[key];
    else if (isJson(value) && isJson(out[key])) out[key] = mergeValues(out[key], value);
    else out[key] = value;
  }
  return out;
}

interface Chart {
  root: string;
  files: ValidatorInput[];
}

/** Groups files by chart: the nearest directory above them holding a Chart.yaml (or a values.schema.json). */
function charts(files: readonly ValidatorInput[]): Chart[] {
  const markers = files.filter((f) => baseName(f.path) === 'Chart.yaml' || baseName(f.path) === 'values.schema.json');
  const roots = [...new Set(markers.map((f) => f.path.slice(0, -baseName(f.path).length)))].sort((a, b) => b.length - a.length);
  const out = new Map<string, ValidatorInput[]>();
  for (const file of files) {
    const root = roots.find((r) => file.path.startsWith(r));
    if (root === undefined) continue;
    out.set(root, [...(out.get(root) ?? []), file]);
  }
  return [...out.entries()].map(([root, group]) => ({ root, files: group }));
}

function schemaDiagnostics(chart: Chart): Diagnostic[] {
  const schemaFile = chart.files.find((f) => f.path === `${chart.root}values.schema.json`);
  const valuesFile = chart.files.find((f) => f.path === `${chart.root}values.yaml`);
  if (!schemaFile) return [];
  const { schema } = checkValuesSchema(schemaFile.content);
  if (schema === null) return [];
  const validate = compileSchema(schemaFile.content, schema);
  const base = valuesFile ? parseYamlMapping(valuesFile.content, HELM_RULES.valuesParse).data : {};
  if (base === null) return [];
  const out: Diagnostic[] = [];
  const check = (file: ValidatorInput, values: Json, what: string): void => {
    if (validate(values)) return;
    for (const error of validate.errors ?? []) {
      const at = error.instancePath === '' ? '(top level)' : error.instancePath.slice(1).replace(/\//g, '.');
      out.push(toDiagnostic(file.path, { rule: HELM_RULES.valuesSchema, message: `${what}: ${at} ${error.message ?? 'is invalid'}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}.` }));
    }
  };
  if (valuesFile) check(valuesFile, base, 'values.yaml');
  for (const file of chart.files) {
    const name = baseName(file.path);
    if (name === 'values.yaml' || !VALUES.test(name) || file.path !== `${chart.root}${name}`) continue;
    const override = parseYamlMapping(file.content, HELM_RULES.valuesParse).data;
    if (override !== null) check(file, mergeValues(base, override), `values.yaml with ${name}`);
  }
  return out;
}

interface RenderInputs {
  chartFile: ValidatorInput;
  release: string;
  kubeVersion: string | null;
  files: ChartFile[];
}

/** What `helm template` is given for a chart: its files relative to the chart root, release name, kube version. */
function renderInputs(chart: Chart): RenderInputs | null {
  const chartFile = chart.files.find((f) => f.path === `${chart.root}Chart.yaml`);
  if (!chartFile) return null;
  const meta = parseYamlMapping(chartFile.content, HELM_RULES.chartParse).data ?? {};
  const release = typeof meta.name === 'string' && meta.name !== '' ? meta.name : 'release';
  const files = chart.files.map((f) => ({ path: f.path.slice(chart.root.length), content: f.content }));
  return { chartFile, release, kubeVersion: kubeVersionFor(meta.kubeVersion), files };
}

/** Renders started ahead by prerenderHelmCharts, taken by validateHelmSet for the same chart. */
let pending: PendingRender[] = [];

/**
 * Starts rendering every chart among these files on the worker thread, so that helm runs while this
 * thread generates and validates other files. validateHelmSet takes the result for a chart with exactly
 * the same files; anything else is rendered then, as without this.
 */
export function prerenderHelmCharts(files: readonly ValidatorInput[]): void {
  const helm = helmBinary();
  if (helm === null) return;
  for (const chart of charts(files)) {
    const inputs = renderInputs(chart);
    const started = inputs && startRender(helm, inputs.files, inputs.release, inputs.kubeVersion);
    if (started) pending.push(started);
  }
}

function renderDiagnostics(chart: Chart, helm: string): Diagnostic[] {
  const inputs = renderInputs(chart);
  if (!inputs) return [];
  const { chartFile } = inputs;
  const result = renderChartUsing(pending, helm, inputs.files, inputs.release, inputs.kubeVersion);
  if (!result.ok) {
    const named = /templates\/[\w./-]+/.exec(result.output)?.[0];
    const file = chart.files.find((f) => named !== undefined && f.path === `${chart.root}${named}`)?.path ?? chartFile.path;
    return [toDiagnostic(file, { rule: HELM_RULES.render, message: `helm template: ${result.output.split('\n').slice(0, 3).join(' ')}` })];
  }
  const chunks = renderedSources(result.output);
  return validateKubernetes({ path: `${chart.root}(rendered)`, content: result.output }).map((d) => {
    const source = d.line === undefined ? null : sourceOfLine(chunks, d.line);
    const { line: _line, ...rest } = d;
    return { ...rest, file: source ? `${chart.root}${source}` : chartFile.path, message: `rendered with the default values: ${d.message}` };
  });
}

export function validateHelmSet(files: readonly ValidatorInput[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const helm = helmBinary();
  try {
    for (const chart of charts(files)) {
      const schema = schemaDiagnostics(chart);
      out.push(...schema);
      // Rendering is only worth it on a chart whose own files are sound (helm would report the same thing less clearly).
      const broken = schema.length > 0 || chart.files.some((f) => validateHelm(f).some((d) => d.severity === 'high'));
      if (helm === null) log.debug(`helm: no helm binary; ${chart.root} not rendered`);
      else if (!broken) out.push(...renderDiagnostics(chart, helm));
    }
  } finally {
    // Renders started for charts not rendered here (broken ones) are not waited for.
    for (const left of pending) discard(left.ticket);
    pending = [];
  }
  return out;
}

export const helmValidator: Validator = {
  kind: 'helm',
  displayName: 'Helm chart',
  matches: isHelmPath,
  validate: validateHelm,
  validateSet: validateHelmSet,
};
