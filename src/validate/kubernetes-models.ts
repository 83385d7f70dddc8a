/**
 * Schema validation of one Kubernetes object with `kubernetes-models`: the model class for the
 * object's apiVersion/kind validates it against the Kubernetes OpenAPI schema. Group versions are
 * imported as namespaces so every built-in kind is known; CRDs (ExternalSecret, Rollout…) are not.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { requireWithCodeCache } from '../core/code-cache.js';
import { packagePath } from '../core/package-root.js';
import { ARGO_API_VERSION, argoSchemaCheck } from './kubernetes-rollouts.js';

interface Model {
  validate(): void;
}
type ModelClass = new (data: Record<string, unknown>) => Model;

/**
 * The group versions whose kinds we validate. Each kind's model is loaded on first use (one small
 * CommonJS module per kind): importing every group version up front cost over a second of start-up.
 */
export const GROUP_VERSIONS: ReadonlySet<string> = new Set([
  'v1',
  'apps/v1',
  'autoscaling/v1',
  'autoscaling/v2',
  'batch/v1',
  'policy/v1',
  'networking.k8s.io/v1',
  'rbac.authorization.k8s.io/v1',
  'storage.k8s.io/v1',
  'scheduling.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'node.k8s.io/v1',
  'admissionregistration.k8s.io/v1',
  'apiextensions.k8s.io/v1',
]);

const requireModel = createRequire(import.meta.url);
const models = new Map<string, unknown>();

/** `npm run build` bundles every kind of GROUP_VERSIONS into this file (scripts/bundle.mjs). */
export const KINDS_BUNDLE = packagePath('dist', 'kubernetes-models.cjs');

type KindLoaders = Record<string, (() => Record<string, unknown>) | undefined>;
let bundled: KindLoaders | null | undefined;

/**
 * The bundled kinds, by `apiVersion/kind`: one file loaded through V8's code cache instead of the ~250
 * small modules (~120 ms) a Deployment, a Service and their neighbours pull in. Null without a build
 * (tests run from the sources); each kind then loads from node_modules, the same models either way.
 */
function bundledKinds(): KindLoaders | null {
  if (bundled === undefined) {
    try {
      bundled = fs.existsSync(KINDS_BUNDLE) ? (requireWithCodeCache(KINDS_BUNDLE, 'kubernetes-models') as KindLoaders) : null;
    } catch {
      bundled = null;
    }
  }
  return bundled;
}

function loadKind(apiVersion: string, kind: string): unknown {
  const key = `${apiVersion}/${kind}`;
  if (!models.has(key)) {
    let loaded: unknown = null;
    if (GROUP_VERSIONS.has(apiVersion) && /^[A-Z][A-Za-z0-9]*$/.test(kind)) {
      try {
        const fromBundle = bundledKinds()?.[key];
        loaded = (fromBundle ? fromBundle() : (requireModel(`kubernetes-models/${apiVersion}/${kind}`) as Record<string, unknown>))[kind] ?? null;
      } catch {
        loaded = null; // not a kind of this group version
      }
    }
    models.set(key, loaded);
  }
  return models.get(key);
}

/** Kinds we know whose apiVersion has moved on: said plainly rather than as "unknown kind". */
const REMOVED: Readonly<Record<string, string>> = {
  'extensions/v1beta1': 'apps/v1 (workloads) or networking.k8s.io/v1 (Ingress, NetworkPolicy)',
  'apps/v1beta1': 'apps/v1',
  'apps/v1beta2': 'apps/v1',
  'policy/v1beta1': 'policy/v1',
  'autoscaling/v2beta1': 'autoscaling/v2',
  'autoscaling/v2beta2': 'autoscaling/v2',
  'batch/v1beta1': 'batch/v1',
  'networking.k8s.io/v1beta1': 'networking.k8s.io/v1',
};

export interface SchemaProblem {
  /** JSON path segments inside the object, for line lookup. */
  path: Array<string | number>;
  message: string;
}

export type SchemaResult = { known: true; problems: SchemaProblem[] } | { known: false; removedFor?: string };

function modelClass(apiVersion: string, kind: string): ModelClass | null {
  const candidate = loadKind(apiVersion, kind);
  if (typeof candidate !== 'function') return null;
  // Every kind in a group version module has `apiVersion` and `kind` statics; value types do not.
  const statics = candidate as unknown as { apiVersion?: unknown; kind?: unknown };
  return statics.kind === kind ? (candidate as unknown as ModelClass) : null;
}

interface AjvLikeError {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

function pathOf(instancePath: string): Array<string | number> {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

export function schemaCheck(object: Record<string, unknown>): SchemaResult {
  const apiVersion = typeof object.apiVersion === 'string' ? object.apiVersion : '';
  const kind = typeof object.kind === 'string' ? object.kind : '';
  if (apiVersion === ARGO_API_VERSION) return argoSchemaCheck(object, schemaCheck);
  const Kind = modelClass(apiVersion, kind);
  if (!Kind) {
    const removedFor = REMOVED[apiVersion];
    return removedFor ? { known: false, removedFor } : { known: false };
  }
  try {
    new Kind(object).validate();
    return { known: true, problems: [] };
  } catch (error) {
    const errors = (error as { errors?: AjvLikeError[] }).errors;
    if (!Array.isArray(errors) || errors.length === 0) return { known: true, problems: [{ path: [], message: (error as Error).message }] };
    return {
      known: true,
      problems: errors.map((e) => {
        const path = pathOf(e.instancePath ?? '');
        const where = path.length > 0 ? `${path.join('.')} ` : '';
        const allowed = Array.isArray(e.params?.allowedValues) ? ` (${(e.params.allowedValues as unknown[]).join(', ')})` : '';
        return { path, message: `${kind} ${where}${e.message ?? 'is invalid'}${allowed}.` };
      }),
    };
  }
}
