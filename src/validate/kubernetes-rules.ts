/**
 * Kubernetes policy rules as data (DSQ-K8S-0001…), modelled on Trivy's KSV checks: each rule looks
 * at the pod templates of one document (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
 * CronJob, Argo Rollout) and returns the paths it is about. docs/rules/kubernetes.md documents them.
 */
import type { RuleInfo, Severity } from './types.js';
import { parseImageRef, unpinnedReason } from './image-ref.js';

export type Json = Record<string, unknown>;

/** Annotation listing rule ids waived for one object; the reason goes in WAIVE_REASON_ANNOTATION. */
export const WAIVE_ANNOTATION = 'checks.devsquad.dev/waive';
export const WAIVE_REASON_ANNOTATION = 'checks.devsquad.dev/reason';
export type K8sPath = Array<string | number>;

export function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface Container {
  name: string;
  data: Json;
  path: K8sPath;
  init: boolean;
}

export interface PodTemplate {
  spec: Json;
  /** Path of the pod spec inside the document. */
  path: K8sPath;
  containers: Container[];
}

export interface K8sDocument {
  object: Json;
  kind: string;
  name: string;
  pod: PodTemplate | null;
  /** Every object of the file, for cross-object checks (a ServiceAccount the pod uses). */
  siblings: readonly Json[];
}

export interface K8sHit {
  path: K8sPath;
  message: string;
  severity?: Severity;
}

export interface K8sRule extends RuleInfo {
  check(doc: K8sDocument): K8sHit[];
}

export const K8S_SCHEMA_RULE: RuleInfo = {
  id: 'DSQ-K8S-0000',
  title: 'YAML syntax and Kubernetes schema',
  severity: 'high',
  recommendation: 'Fix the YAML or change the field to what the Kubernetes API accepts for this apiVersion and kind (`kubectl explain <kind>.<field>` shows the schema).',
};

export const K8S_KUSTOMIZE_RULE: RuleInfo = {
  id: 'DSQ-K8S-0014',
  title: 'Kustomization structure',
  severity: 'medium',
  recommendation: 'Use the keys and shapes of kustomize.config.k8s.io/v1beta1 Kustomization (resources: list of paths, images: name/newName/newTag, patches: path or patch with an optional target).',
};

export const K8S_UNKNOWN_KIND_RULE: RuleInfo = {
  id: 'DSQ-K8S-0015',
  title: 'Kind not checked against a schema',
  severity: 'info',
  recommendation: 'Nothing to do for custom resources (ExternalSecret, Rollout…); the policy rules still run on their pod templates. For removed API versions, move to the version named in the message.',
};

/** Pod spec location per workload kind. */
const POD_SPEC_PATHS: Readonly<Record<string, K8sPath>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  Rollout: ['spec', 'template', 'spec'],
};

function getIn(value: unknown, path: K8sPath): unknown {
  let current = value;
  for (const segment of path) {
    if (typeof segment === 'number') current = Array.isArray(current) ? current[segment] : undefined;
    else current = isRecord(current) ? current[segment] : undefined;
  }
  return current;
}

export function podTemplate(object: Json, kind: string): PodTemplate | null {
  const path = POD_SPEC_PATHS[kind];
  if (!path) return null;
  const spec = getIn(object, path);
  if (!isRecord(spec)) return null;
  const containers: Container[] = [];
  for (const [key, init] of [['initContainers', true], ['containers', false]] as const) {
    const list = spec[key];
    if (!Array.isArray(list)) continue;
    for (const [i, c] of list.entries()) {
      if (isRecord(c)) containers.push({ name: typeof c.name === 'string' ? c.name : `#${i}`, data: c, path: [...path, key, i], init });
    }
  }
  return { spec, path, containers };
}

/** A container setting, falling back to the pod-level securityContext where Kubernetes does. */
function effective(pod: PodTemplate, container: Container, key: string): unknown {
  const own = getIn(container.data, ['securityContext', key]);
  return own !== undefined ? own : getIn(pod.spec, ['securityContext', key]);
}

function perContainer(doc: K8sDocument, test: (pod: PodTemplate, c: Container) => K8sHit | null, appOnly = false): K8sHit[] {
  if (!doc.pod) return [];
  const hits: K8sHit[] = [];
  for (const container of doc.pod.containers) {
    if (appOnly && container.init) continue;
    const hit = test(doc.pod, container);
    if (hit) hits.push(hit);
  }
  return hits;
}

const who = (doc: K8sDocument, c: Container): string => `${doc.kind} "${doc.name}" container "${c.name}"`;
const secPath = (c: Container, key: string): K8sPath => [...c.path, 'securityContext', key];

function resourceRule(id: string, title: string, field: 'requests' | 'limits', recommendation: string): K8sRule {
  return {
    id, title, severity: 'low', recommendation,
    check: (doc) => perContainer(doc, (_pod, c) => {
      const set = getIn(c.data, ['resources', field]);
      const missing = (['cpu', 'memory'] as const).filter((r) => !isRecord(set) || set[r] === undefined || set[r] === null || set[r] === '');
      if (missing.length === 0) return null;
      return { path: [...c.path, 'resources'], message: `${who(doc, c)} has no ${missing.join(' or ')} ${field}.` };
    }),
  };
}

export const K8S_RULES: readonly K8sRule[] = [
  {
    id: 'DSQ-K8S-0001', title: 'Container may run as root', severity: 'medium',
    recommendation: 'Set securityContext.runAsNonRoot: true and a non-zero runAsUser matching the image\'s user (pod or container level).',
    check: (doc) => perContainer(doc, (pod, c) => {
      const user = effective(pod, c, 'runAsUser');
      if (user === 0) return { path: secPath(c, 'runAsUser'), message: `${who(doc, c)} runs as uid 0 (root).` };
      if (effective(pod, c, 'runAsNonRoot') !== true) return { path: [...c.path, 'securityContext'], message: `${who(doc, c)} does not set runAsNonRoot: true, so an image whose user is root starts as root.` };
      return null;
    }),
  },
  {
    id: 'DSQ-K8S-0002', title: 'Privilege escalation allowed', severity: 'medium',
    recommendation: 'Set securityContext.allowPrivilegeEscalation: false on every container.',
    check: (doc) => perContainer(doc, (_pod, c) => getIn(c.data, ['securityContext', 'allowPrivilegeEscalation']) === false ? null
      : { path: [...c.path, 'securityContext'], message: `${who(doc, c)} does not set allowPrivilegeEscalation: false: setuid binaries can gain privileges.` }),
  },
  {
    id: 'DSQ-K8S-0003', title: 'Privileged container', severity: 'high',
    recommendation: 'Remove privileged: true; add only the capability the workload needs instead.',
    check: (doc) => perContainer(doc, (_pod, c) => getIn(c.data, ['securityContext', 'privileged']) === true
      ? { path: secPath(c, 'privileged'), message: `${who(doc, c)} is privileged: it has every capability and the host's devices.` } : null),
  },
  {
    id: 'DSQ-K8S-0004', title: 'Capabilities not dropped', severity: 'low',
    recommendation: 'Set securityContext.capabilities.drop: ["ALL"] and add back only what is needed (e.g. NET_BIND_SERVICE).',
    check: (doc) => perContainer(doc, (_pod, c) => {
      const drop = getIn(c.data, ['securityContext', 'capabilities', 'drop']);
      return Array.isArray(drop) && drop.some((d) => typeof d === 'string' && d.toUpperCase() === 'ALL') ? null
        : { path: [...c.path, 'securityContext'], message: `${who(doc, c)} keeps the default Linux capabilities (drop: [ALL] is missing).` };
    }),
  },
  {
    id: 'DSQ-K8S-0005', title: 'Root filesystem is writable', severity: 'low',
    recommendation: 'Set securityContext.readOnlyRootFilesystem: true and mount an emptyDir where the app writes (/tmp, caches).',
    check: (doc) => perContainer(doc, (_pod, c) => getIn(c.data, ['securityContext', 'readOnlyRootFilesystem']) === true ? null
      : { path: [...c.path, 'securityContext'], message: `${who(doc, c)} can write to its image filesystem (readOnlyRootFilesystem is not true).` }),
  },
  resourceRule('DSQ-K8S-0006', 'CPU or memory requests missing', 'requests', 'Set resources.requests.cpu and .memory so the scheduler places the pod on a node that can run it.'),
  resourceRule('DSQ-K8S-0007', 'CPU or memory limits missing', 'limits', 'Set resources.limits.memory (and cpu) so one pod cannot starve the node.'),
  {
    id: 'DSQ-K8S-0008', title: 'Image without a tag or with latest', severity: 'medium',
    recommendation: 'Pin the image to a version tag or a digest; roll out new versions by changing the tag.',
    check: (doc) => perContainer(doc, (_pod, c) => {
      const image = c.data.image;
      if (typeof image !== 'string' || image === '') return { path: c.path, message: `${who(doc, c)} has no image.` };
      const reason = unpinnedReason(parseImageRef(image));
      return reason ? { path: [...c.path, 'image'], message: `${who(doc, c)} image \`${image}\` ${reason}: nodes may run different builds and rollbacks do not work.` } : null;
    }),
  },
  {
    id: 'DSQ-K8S-0009', title: 'Liveness or readiness probe missing', severity: 'low',
    recommendation: 'Add a readinessProbe (traffic only when ready) and a livenessProbe (restart when stuck) to containers that serve a port.',
    check: (doc) => perContainer(doc, (_pod, c) => {
      // Jobs run to completion and containers without ports are workers: nothing to route to.
      if (doc.kind === 'Job' || doc.kind === 'CronJob' || doc.kind === 'Pod') return null;
      if (!Array.isArray(c.data.ports) || c.data.ports.length === 0) return null;
      const missing = (['readinessProbe', 'livenessProbe'] as const).filter((p) => !isRecord(c.data[p]));
      return missing.length === 0 ? null : { path: c.path, message: `${who(doc, c)} serves a port but has no ${missing.join(' or ')}.` };
    }, true),
  },
  {
    id: 'DSQ-K8S-0010', title: 'Host namespaces shared', severity: 'high',
    recommendation: 'Remove hostNetwork, hostPID and hostIPC; expose the app through a Service instead.',
    check: (doc) => {
      if (!doc.pod) return [];
      return (['hostNetwork', 'hostPID', 'hostIPC'] as const)
        .filter((k) => doc.pod?.spec[k] === true)
        .map((k) => ({ path: [...(doc.pod?.path ?? []), k], message: `${doc.kind} "${doc.name}" sets ${k}: true and shares the node's ${k.slice(4)} namespace.` }));
    },
  },
  {
    id: 'DSQ-K8S-0011', title: 'hostPath volume', severity: 'medium',
    recommendation: 'Use an emptyDir, a ConfigMap/Secret or a PersistentVolumeClaim instead of a directory of the node.',
    check: (doc) => {
      const pod = doc.pod;
      if (!pod || !Array.isArray(pod.spec.volumes)) return [];
      return pod.spec.volumes.flatMap((v, i) => isRecord(v) && isRecord(v.hostPath)
        ? [{ path: [...pod.path, 'volumes', i, 'hostPath'], message: `${doc.kind} "${doc.name}" mounts the node path ${String(v.hostPath.path)}.` }] : []);
    },
  },
  {
    id: 'DSQ-K8S-0012', title: 'Service account token mounted', severity: 'low',
    recommendation: 'Set automountServiceAccountToken: false on the pod (or its ServiceAccount) unless the app calls the Kubernetes API.',
    check: (doc) => {
      const pod = doc.pod;
      if (!pod || pod.spec.automountServiceAccountToken === false) return [];
      const accountName = typeof pod.spec.serviceAccountName === 'string' ? pod.spec.serviceAccountName : 'default';
      const account = doc.siblings.find((o) => o.kind === 'ServiceAccount' && getIn(o, ['metadata', 'name']) === accountName);
      if (pod.spec.automountServiceAccountToken === undefined && account?.automountServiceAccountToken === false) return [];
      return [{ path: pod.path, message: `${doc.kind} "${doc.name}" mounts a Kubernetes API token into every container (automountServiceAccountToken is not false).` }];
    },
  },
  {
    id: 'DSQ-K8S-0013', title: 'Seccomp profile missing', severity: 'low',
    recommendation: 'Set securityContext.seccompProfile.type: RuntimeDefault on the pod.',
    check: (doc) => perContainer(doc, (pod, c) => {
      const profile = effective(pod, c, 'seccompProfile');
      const type = isRecord(profile) ? profile.type : undefined;
      return type === 'RuntimeDefault' || type === 'Localhost' ? null
        : { path: [...c.path, 'securityContext'], message: `${who(doc, c)} runs without a seccomp profile${type === 'Unconfined' ? ' (Unconfined)' : ''}.` };
    }),
  },
];
