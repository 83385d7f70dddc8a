/**
 * Telemetry collector validator. OpenTelemetry Collector YAML: parses (DSQ-OTEL-0000), has
 * service.pipelines (0001), every pipeline component is defined (0002), memory_limiter first (0003),
 * batch present (0004), no inline secrets (0005), known pipeline types (0006), unused components
 * (0007). Grafana Alloy files (*.alloy) go to otel-alloy.ts (0010-0012).
 */
import { isMap, isNode, isScalar, LineCounter, parseDocument } from 'yaml';
import type { Document } from 'yaml';
import type { Diagnostic, RuleInfo, Validator, ValidatorInput } from './types.js';
import { OTEL_RULES } from './otel-rules.js';
import { validateAlloy } from './otel-alloy.js';
import { isSecretLookingName, urlPassword } from './secret-names.js';

type Json = Record<string, unknown>;
type Path = Array<string | number>;

/** otel-collector.yaml, otelcol*.yaml, monitoring/otel/collector.yaml, *.alloy. */
export function isOtelCollectorName(path: string): boolean {
  const normal = path.replace(/\\/g, '/').toLowerCase();
  const base = normal.split('/').at(-1) ?? '';
  return base.endsWith('.alloy') || /^(otel|otelcol|opentelemetry)[\w.-]*\.ya?ml$/.test(base) || /(^|\/)(otel|otelcol|opentelemetry)[\w-]*\/[^/]*collector[^/]*\.ya?ml$/.test(normal);
}

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const SECTIONS = ['receivers', 'processors', 'exporters', 'connectors', 'extensions'] as const;
const PIPELINE_TYPES = new Set(['traces', 'metrics', 'logs', 'profiles']);
/** Environment and file references the Collector resolves at start-up: `${env:X}`, `${X}`, `${file:…}`, `$X`. */
const REFERENCE = /^\s*\$(\{[^}]+\}|[A-Za-z_]\w*)\s*$/;
/** Secret-looking keys the secret-name helper does not cover (header names, auth fields). */
const SECRET_KEYS = /^(authorization|x-api-key|api[-_]?key|bearer[-_]?token|client[-_]?secret|x-honeycomb-team|dd-api-key|signoz-access-token)$/i;

function typeOf(id: string): string {
  return id.split('/')[0] ?? id;
}

function locate(doc: Document, counter: LineCounter, path: Path): number {
  for (let depth = path.length; depth > 0; depth--) {
    const parent = depth === 1 ? doc.contents : doc.getIn(path.slice(0, depth - 1), true);
    const last = path[depth - 1];
    let node: unknown;
    if (isMap(parent)) node = parent.items.find((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === last)?.key;
    else if (isNode(parent) && 'items' in parent && typeof last === 'number') node = (parent.items as unknown[])[last];
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

function inlineSecrets(value: unknown, path: Path, out: Array<{ path: Path; message: string }>): void {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) inlineSecrets(item, [...path, i], out);
    return;
  }
  if (isRecord(value)) {
    for (const [key, child] of Object.entries(value)) inlineSecrets(child, [...path, key], out);
    return;
  }
  if (typeof value !== 'string' || value.trim() === '' || REFERENCE.test(value)) return;
  const key = String(path.at(-1) ?? '');
  if (urlPassword(value) !== null && !/\$\{/.test(urlPassword(value) ?? '')) out.push({ path, message: `${path.join('.')} carries a password in its URL.` });
  else if ((isSecretLookingName(key) || SECRET_KEYS.test(key)) && !value.includes('${')) out.push({ path, message: `${path.join('.')} holds a literal credential.` });
}

export function validateCollector(file: ValidatorInput): Diagnostic[] {
  const counter = new LineCounter();
  const doc = parseDocument(file.content, { lineCounter: counter, prettyErrors: true });
  const out: Diagnostic[] = [];
  const report = (rule: RuleInfo, message: string, path: Path): void => {
    out.push({ ruleId: rule.id, severity: rule.severity, message, file: file.path, line: locate(doc, counter, path), recommendation: rule.recommendation });
  };
  if (doc.errors.length > 0) {
    return doc.errors.slice(0, 5).map((e) => ({
      ruleId: OTEL_RULES.parse.id, severity: OTEL_RULES.parse.severity, message: e.message.split('\n')[0] ?? e.message, file: file.path,
      line: e.linePos?.[0]?.line ?? 1, recommendation: OTEL_RULES.parse.recommendation,
    }));
  }
  const data: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (!isRecord(data)) {
    report(OTEL_RULES.structure, 'The top level must be a mapping (receivers:, processors:, exporters:, service:).', []);
    return out;
  }
  const secrets: Array<{ path: Path; message: string }> = [];
  inlineSecrets(data, [], secrets);
  for (const s of secrets) report(OTEL_RULES.inlineSecret, s.message, s.path);
  const pipelines = isRecord(data.service) ? data.service.pipelines : undefined;
  if (!isRecord(pipelines)) {
    report(OTEL_RULES.structure, 'There is no service.pipelines mapping: the Collector would start with nothing to do.', ['service']);
    return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  }
  const defined = Object.fromEntries(SECTIONS.map((s) => [s, new Set(isRecord(data[s]) ? Object.keys(data[s]) : [])])) as Record<(typeof SECTIONS)[number], Set<string>>;
  const used = Object.fromEntries(SECTIONS.map((s) => [s, new Set<string>()])) as Record<(typeof SECTIONS)[number], Set<string>>;
  for (const [name, pipeline] of Object.entries(pipelines)) {
    const at: Path = ['service', 'pipelines', name];
    if (!PIPELINE_TYPES.has(typeOf(name))) report(OTEL_RULES.pipelineType, `Pipeline "${name}" is not a traces, metrics, logs or profiles pipeline.`, at);
    if (!isRecord(pipeline)) {
      report(OTEL_RULES.structure, `Pipeline "${name}" must be a mapping with receivers and exporters.`, at);
      continue;
    }
    const list = (key: string): string[] => (Array.isArray(pipeline[key]) ? pipeline[key].filter((x): x is string => typeof x === 'string') : []);
    for (const key of ['receivers', 'exporters']) {
      if (list(key).length === 0) report(OTEL_RULES.structure, `Pipeline "${name}" has no ${key}.`, at);
    }
    for (const [key, sections] of [['receivers', ['receivers', 'connectors']], ['processors', ['processors']], ['exporters', ['exporters', 'connectors']]] as const) {
      for (const [i, id] of list(key).entries()) {
        const home = sections.find((s) => defined[s].has(id));
        if (home === undefined) report(OTEL_RULES.undefinedComponent, `Pipeline "${name}" uses ${key.slice(0, -1)} "${id}", which ${sections.join(' or ')} does not define.`, [...at, key, i]);
        else used[home].add(id);
      }
    }
    const processors = list('processors');
    const limiter = processors.findIndex((p) => typeOf(p) === 'memory_limiter');
    if (limiter === -1) report(OTEL_RULES.memoryLimiter, `Pipeline "${name}" has no memory_limiter processor.`, at);
    else if (limiter !== 0) report(OTEL_RULES.memoryLimiter, `Pipeline "${name}" runs memory_limiter at position ${limiter + 1}; it must come first.`, [...at, 'processors', limiter]);
    if (!processors.some((p) => typeOf(p) === 'batch')) report(OTEL_RULES.batch, `Pipeline "${name}" has no batch processor.`, at);
  }
  const extensions = isRecord(data.service) && Array.isArray(data.service.extensions) ? data.service.extensions : [];
  for (const [i, id] of extensions.entries()) {
    if (typeof id !== 'string') continue;
    if (!defined.extensions.has(id)) report(OTEL_RULES.undefinedComponent, `service.extensions lists "${id}", which extensions does not define.`, ['service', 'extensions', i]);
    else used.extensions.add(id);
  }
  for (const section of SECTIONS) {
    for (const id of defined[section]) if (!used[section].has(id)) report(OTEL_RULES.unused, `${section}.${id} is defined but no pipeline${section === 'extensions' ? ' (service.extensions)' : ''} uses it.`, [section, id]);
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.ruleId.localeCompare(b.ruleId));
}

/** Alloy files (*.alloy) by extension, everything else as Collector YAML. */
export function validateOtelCollector(file: ValidatorInput): Diagnostic[] {
  return file.path.toLowerCase().endsWith('.alloy') ? validateAlloy(file) : validateCollector(file);
}

export const otelCollectorValidator: Validator = {
  kind: 'otel-collector',
  displayName: 'OpenTelemetry Collector / Alloy',
  matches: isOtelCollectorName,
  validate: validateOtelCollector,
};
