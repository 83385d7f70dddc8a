/**
 * Shape check for kustomization.yaml (DSQ-K8S-0014). A validator sees one file, so it cannot tell
 * whether `resources` exist; it checks what kustomize itself rejects or silently ignores: unknown
 * keys, wrong types, images without a name, patches without a body, generators without sources.
 */
import type { RuleInfo } from './types.js';
import { isRecord, K8S_KUSTOMIZE_RULE } from './kubernetes-rules.js';
import type { Json, K8sPath } from './kubernetes-rules.js';

export function isKustomizationName(path: string): boolean {
  return /^kustomization\.ya?ml$/i.test(path.replace(/\\/g, '/').split('/').at(-1) ?? '');
}

const STRING_LISTS = ['resources', 'components', 'crds', 'configurations', 'generators', 'transformers', 'validators', 'buildMetadata'];
const KNOWN_KEYS = new Set([
  'apiVersion', 'kind', 'metadata', 'namespace', 'namePrefix', 'nameSuffix', 'labels', 'commonLabels', 'commonAnnotations',
  'images', 'replicas', 'patches', 'patchesStrategicMerge', 'patchesJson6902', 'configMapGenerator', 'secretGenerator',
  'generatorOptions', 'vars', 'replacements', 'openapi', 'helmCharts', 'helmGlobals', 'sortOptions', 'bases', ...STRING_LISTS,
]);

export interface KustomizeHit {
  rule: RuleInfo;
  path: K8sPath;
  message: string;
}

function entries(object: Json, key: string, hits: KustomizeHit[]): Array<[number, Json]> {
  const list = object[key];
  if (list === undefined) return [];
  if (!Array.isArray(list)) {
    hits.push({ rule: K8S_KUSTOMIZE_RULE, path: [key], message: `${key} must be a list.` });
    return [];
  }
  const out: Array<[number, Json]> = [];
  for (const [i, item] of list.entries()) {
    if (isRecord(item)) out.push([i, item]);
    else hits.push({ rule: K8S_KUSTOMIZE_RULE, path: [key, i], message: `${key}[${i}] must be a mapping.` });
  }
  return out;
}

export function checkKustomization(object: Json): KustomizeHit[] {
  const hits: KustomizeHit[] = [];
  const hit = (path: K8sPath, message: string): void => { hits.push({ rule: K8S_KUSTOMIZE_RULE, path, message }); };
  if (object.apiVersion !== undefined && !/^kustomize\.config\.k8s\.io\/v1(beta1|alpha1)?$/.test(String(object.apiVersion))) {
    hit(['apiVersion'], `apiVersion ${String(object.apiVersion)} is not a kustomize.config.k8s.io version.`);
  }
  for (const key of Object.keys(object)) if (!KNOWN_KEYS.has(key)) hit([key], `Unknown kustomization key "${key}".`);
  for (const key of ['bases', 'patchesStrategicMerge', 'patchesJson6902', 'commonLabels', 'vars']) {
    if (key in object) hit([key], `"${key}" is deprecated; \`kustomize edit fix\` rewrites it (resources, patches, labels, replacements).`);
  }
  for (const key of STRING_LISTS) {
    const list = object[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.some((s) => typeof s !== 'string' || s.trim() === '')) hit([key], `${key} must be a list of paths or URLs.`);
  }
  for (const key of ['namespace', 'namePrefix', 'nameSuffix']) {
    if (object[key] !== undefined && typeof object[key] !== 'string') hit([key], `${key} must be a string.`);
  }
  for (const [i, image] of entries(object, 'images', hits)) {
    if (typeof image.name !== 'string' || image.name === '') hit(['images', i], 'An images entry needs the name of the image it replaces.');
    if (image.newTag === 'latest') hit(['images', i, 'newTag'], 'newTag: latest makes the deployed version unknowable; pin a version.');
    if (image.newTag === undefined && image.newName === undefined && image.digest === undefined) hit(['images', i], 'An images entry needs newName, newTag or digest.');
  }
  for (const [i, replica] of entries(object, 'replicas', hits)) {
    if (typeof replica.name !== 'string' || !Number.isInteger(replica.count)) hit(['replicas', i], 'A replicas entry needs a name and an integer count.');
  }
  for (const [i, patch] of entries(object, 'patches', hits)) {
    const hasBody = typeof patch.path === 'string' || typeof patch.patch === 'string';
    if (!hasBody) hit(['patches', i], 'A patch needs `path` (a file) or `patch` (inline).');
    if (patch.target !== undefined && !isRecord(patch.target)) hit(['patches', i, 'target'], 'target must be a mapping (group, version, kind, name, namespace, labelSelector).');
  }
  for (const key of ['configMapGenerator', 'secretGenerator']) {
    for (const [i, generator] of entries(object, key, hits)) {
      if (typeof generator.name !== 'string' || generator.name === '') hit([key, i], `A ${key} entry needs a name.`);
      const sources = ['literals', 'files', 'envs', 'env'].filter((s) => generator[s] !== undefined);
      if (sources.length === 0 && generator.behavior !== 'merge') hit([key, i], `A ${key} entry needs literals, files or envs.`);
      if (generator.behavior !== undefined && !['create', 'replace', 'merge'].includes(String(generator.behavior))) hit([key, i, 'behavior'], 'behavior must be create, replace or merge.');
    }
  }
  return hits;
}
