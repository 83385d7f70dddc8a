/**
 * Kubernetes validator: `yaml` parses every document of the file, `kubernetes-models` checks each
 * object against the Kubernetes schema of its apiVersion/kind (DSQ-K8S-0000), then the policy rules
 * run on pod templates (DSQ-K8S-0001…, kubernetes-rules.ts). kustomization.yaml files get a shape
 * check instead (DSQ-K8S-0014). Custom resources are noted at info level (DSQ-K8S-0015).
 *
 * A finding can be waived for one object with the annotation `checks.devsquad.dev/waive:
 * "DSQ-K8S-0005,…"` (reason in `checks.devsquad.dev/reason`): it is then reported at info level,
 * so the waiver stays visible.
 */
import { isMap, isNode, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Document } from 'yaml';
import type { Diagnostic, RuleInfo, Severity, Validator, ValidatorInput } from './types.js';
import { isComposeName } from './compose.js';
import { checkKustomization, isKustomizationName } from './kubernetes-kustomize.js';
import { schemaCheck } from './kubernetes-models.js';
import { memoized } from './run-memo.js';
import { isRecord, K8S_RULES, K8S_SCHEMA_RULE, K8S_UNKNOWN_KIND_RULE, podTemplate, WAIVE_ANNOTATION, WAIVE_REASON_ANNOTATION } from './kubernetes-rules.js';
import type { Json, K8sPath } from './kubernetes-rules.js';

export { WAIVE_ANNOTATION, WAIVE_REASON_ANNOTATION };

const K8S_DIR = /(^|\/)(k8s|kube|kubernetes|manifests|deploy|kustomize|overlays|base)(\/|$)/i;

/** YAML files under a Kubernetes-looking directory, and kustomization files anywhere. */
export function isKubernetesPath(path: string): boolean {
  const normalised = path.replace(/\\/g, '/');
  const base = normalised.split('/').at(-1) ?? '';
  if (!/\.ya?ml$/i.test(base)) return false;
  if (isKustomizationName(base)) return true;
  // Compose files, CI workflows and Helm charts (templates are not YAML until rendered) are not ours.
  if (isComposeName(base) || /(^|\/)\.(github|gitlab|circleci)\//.test(normalised)) return false;
  if (/(^|\/)templates\//.test(normalised) || /^(Chart|values(\.[\w-]+)?)\.ya?ml$/i.test(base)) return false;
  return K8S_DIR.test(normalised.split('/').slice(0, -1).join('/'));
}

/** Whether YAML text looks like Kubernetes objects (apiVersion and kind at the top level). */
export function looksLikeKubernetes(content: string): boolean {
  return /^apiVersion:\s*\S/m.test(content) && /^kind:\s*\S/m.test(content);
}

function lineOf(doc: Document, counter: LineCounter, path: K8sPath): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const parent = depth === 0 ? null : doc.getIn(path.slice(0, depth - 1), true);
    const last = path[depth - 1];
    let node: unknown = depth === 0 ? doc.contents : undefined;
    if (isMap(parent)) node = parent.items.find((pair) => (isScalar(pair.key) ? pair.key.value : pair.key) === last)?.key;
    else if (isSeq(parent) && typeof last === 'number') node = parent.items[last];
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

function waivers(object: Json): { ids: Set<string>; reason: string } {
  const annotations = isRecord(object.metadata) && isRecord(object.metadata.annotations) ? object.metadata.annotations : {};
  const raw = annotations[WAIVE_ANNOTATION];
  const ids = new Set(typeof raw === 'string' ? raw.split(/[\s,]+/).filter(Boolean) : []);
  const reason = annotations[WAIVE_REASON_ANNOTATION];
  return { ids, reason: typeof reason === 'string' ? reason : 'no reason given' };
}

export function validateKubernetes(file: ValidatorInput): Diagnostic[] {
  // The kubernetes and kustomize families write the same manifests under two paths: within a run, the
  // content is checked once. Only the file name matters besides the content (kustomization files).
  const key = `${isKustomizationName(file.path) ? 'k' : 'o'}\0${file.content}`;
  return memoized('kubernetes', key, () => checkKubernetes(file)).map((d) => ({ ...d, file: file.path }));
}

function checkKubernetes(file: ValidatorInput): Diagnostic[] {
  const counter = new LineCounter();
  const docs = parseAllDocuments(file.content, { lineCounter: counter, prettyErrors: true });
  const out: Diagnostic[] = [];
  const emit = (rule: RuleInfo, severity: Severity, message: string, line: number): void => {
    out.push({ ruleId: rule.id, severity, message, file: file.path, line, recommendation: rule.recommendation });
  };
  if (!Array.isArray(docs)) {
    emit(K8S_SCHEMA_RULE, 'high', 'The file is not YAML documents.', 1);
    return out;
  }
  const parsed: Array<{ doc: Document; object: unknown }> = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      for (const e of doc.errors) emit(K8S_SCHEMA_RULE, 'high', `YAML: ${e.message.split('\n')[0] ?? e.message}`, e.linePos?.[0]?.line ?? 1);
      continue;
    }
    try {
      parsed.push({ doc, object: doc.toJS({ maxAliasCount: 100 }) });
    } catch (error) {
      emit(K8S_SCHEMA_RULE, 'high', `Cannot read the YAML: ${(error as Error).message}`, 1);
    }
  }
  const objects = parsed.map((p) => p.object).filter(isRecord);
  for (const { doc, object } of parsed) {
    if (object === null || object === undefined) continue; // empty document (a lone `---` or comments)
    const at = (path: K8sPath): number => lineOf(doc, counter, path);
    if (!isRecord(object)) {
      emit(K8S_SCHEMA_RULE, 'high', 'A document must be a mapping with apiVersion and kind.', at([]));
      continue;
    }
    if (isKustomizationName(file.path) || object.kind === 'Kustomization' || object.kind === 'Component') {
      for (const hit of checkKustomization(object)) emit(hit.rule, hit.rule.severity, hit.message, at(hit.path));
      continue;
    }
    const kind = typeof object.kind === 'string' ? object.kind : '';
    const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
    if (kind === '' || apiVersion === '') {
      emit(K8S_SCHEMA_RULE, 'high', 'A Kubernetes object needs apiVersion and kind.', at([]));
      continue;
    }
    if (kind.endsWith('List') && Array.isArray(object.items)) {
      emit(K8S_UNKNOWN_KIND_RULE, 'info', `${kind}: list objects are not checked item by item; write one document per object.`, at(['kind']));
      continue;
    }
    const schema = schemaCheck(object);
    if (schema.known) for (const problem of schema.problems) emit(K8S_SCHEMA_RULE, 'high', problem.message, at(problem.path));
    else if (schema.removedFor) emit(K8S_SCHEMA_RULE, 'high', `${apiVersion} ${kind} is no longer served by Kubernetes; use ${schema.removedFor}.`, at(['apiVersion']));
    else emit(K8S_UNKNOWN_KIND_RULE, 'info', `${apiVersion} ${kind} is a custom resource: its fields are not checked against a schema.`, at(['kind']));
    const name = isRecord(object.metadata) && typeof object.metadata.name === 'string' ? object.metadata.name : '(unnamed)';
    const waived = waivers(object);
    const context = { object, kind, name, pod: podTemplate(object, kind), siblings: objects };
    for (const rule of K8S_RULES) {
      for (const hit of rule.check(context)) {
        if (waived.ids.has(rule.id)) emit(rule, 'info', `${hit.message} Waived: ${waived.reason}`, at(hit.path));
        else emit(rule, hit.severity ?? rule.severity, hit.message, at(hit.path));
      }
    }
  }
  return out.sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.ruleId.localeCompare(b.ruleId));
}

export const kubernetesValidator: Validator = {
  kind: 'kubernetes',
  displayName: 'Kubernetes',
  matches: isKubernetesPath,
  validate: validateKubernetes,
};
