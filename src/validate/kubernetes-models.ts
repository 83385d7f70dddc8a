/**
 * Schema validation of one Kubernetes object with `kubernetes-models`: the model class for the
 * object's apiVersion/kind validates it against the Kubernetes OpenAPI schema. Group versions are
 * imported as namespaces so every built-in kind is known; CRDs (ExternalSecret, Rollout…) are not.
 */
import * as admissionV1 from 'kubernetes-models/admissionregistration.k8s.io/v1';
import * as apiextensionsV1 from 'kubernetes-models/apiextensions.k8s.io/v1';
import * as appsV1 from 'kubernetes-models/apps/v1';
import * as autoscalingV1 from 'kubernetes-models/autoscaling/v1';
import * as autoscalingV2 from 'kubernetes-models/autoscaling/v2';
import * as batchV1 from 'kubernetes-models/batch/v1';
import * as coordinationV1 from 'kubernetes-models/coordination.k8s.io/v1';
import * as discoveryV1 from 'kubernetes-models/discovery.k8s.io/v1';
import * as networkingV1 from 'kubernetes-models/networking.k8s.io/v1';
import * as nodeV1 from 'kubernetes-models/node.k8s.io/v1';
import * as policyV1 from 'kubernetes-models/policy/v1';
import * as rbacV1 from 'kubernetes-models/rbac.authorization.k8s.io/v1';
import * as schedulingV1 from 'kubernetes-models/scheduling.k8s.io/v1';
import * as storageV1 from 'kubernetes-models/storage.k8s.io/v1';
import * as coreV1 from 'kubernetes-models/v1';
import { ARGO_API_VERSION, argoSchemaCheck } from './kubernetes-rollouts.js';

interface Model {
  validate(): void;
}
type ModelClass = new (data: Record<string, unknown>) => Model;

const GROUP_VERSIONS: Readonly<Record<string, Record<string, unknown>>> = {
  v1: coreV1,
  'apps/v1': appsV1,
  'autoscaling/v1': autoscalingV1,
  'autoscaling/v2': autoscalingV2,
  'batch/v1': batchV1,
  'policy/v1': policyV1,
  'networking.k8s.io/v1': networkingV1,
  'rbac.authorization.k8s.io/v1': rbacV1,
  'storage.k8s.io/v1': storageV1,
  'scheduling.k8s.io/v1': schedulingV1,
  'coordination.k8s.io/v1': coordinationV1,
  'discovery.k8s.io/v1': discoveryV1,
  'node.k8s.io/v1': nodeV1,
  'admissionregistration.k8s.io/v1': admissionV1,
  'apiextensions.k8s.io/v1': apiextensionsV1,
};

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
  const group = GROUP_VERSIONS[apiVersion];
  const candidate = group?.[kind];
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
