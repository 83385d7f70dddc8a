/**
 * Kustomize overlays over the base (the same objects as the plain manifests): dev, staging and prod
 * each set a namespace (Pod Security "restricted"), the image tag, the autoscaler range and where
 * Secrets come from; dev also runs the backing services as StatefulSets.
 */
import type { ProjectPlan, ServicePlan } from '../../plan/schema.js';
import { BACKING_SECRET } from '../kubernetes/backing.js';
import { imageName } from '../kubernetes/names.js';
import type { Json, K8sObject } from '../kubernetes/render.js';
import { secretName } from '../kubernetes/workload.js';
import type { ServiceStrategy } from '../kubernetes/strategy/plan.js';
import type { KustomizeInputs } from './inputs.js';
import { strategyComment, strategyPatches } from './strategy.js';

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

const SCALING: Readonly<Record<Environment, { min: number; max: number }>> = {
  dev: { min: 1, max: 2 },
  staging: { min: 2, max: 4 },
  prod: { min: 3, max: 10 },
};

export function namespaceObject(namespace: string): K8sObject {
  return {
    object: {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: namespace,
        labels: { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/enforce-version': 'latest' },
      },
    },
    comment: ['Pod Security Admission "restricted": the API server rejects pods that could run as root or escalate privileges.'],
  };
}

export interface OverlayInput {
  plan: ProjectPlan;
  services: readonly ServicePlan[];
  /** Services that have Secret keys. */
  withSecrets: readonly ServicePlan[];
  inputs: KustomizeInputs;
  environment: Environment;
  namespace: string;
  hasBacking: boolean;
  hasBackingSecret: boolean;
  /** Each service's deployment strategy (strategy.ts adds its patches and comment lines). */
  strategies?: readonly ServiceStrategy[];
}

export function overlayKustomization(o: OverlayInput): Json {
  const external = o.inputs.secrets === 'external-secrets' && o.environment !== 'dev';
  const resources = ['../../base', 'namespace.yaml'];
  if (o.environment === 'dev' && o.hasBacking) resources.push('backing-services.yaml');
  if (external && o.withSecrets.length > 0) resources.push('external-secrets.yaml');
  const scaling = SCALING[o.environment];
  const out: Json = {
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    namespace: o.namespace,
    resources,
    images: o.services.map((s) => ({ name: imageName(o.plan, s, o.inputs.registry), newTag: o.inputs.tag })),
  };
  const generators: Json[] = [];
  if (!external) for (const s of o.withSecrets) generators.push({ name: secretName(s), envs: [`secrets/${s.name}.env`] });
  if (o.environment === 'dev' && o.hasBackingSecret) generators.push({ name: BACKING_SECRET, envs: ['secrets/backing.env'] });
  if (generators.length > 0) out.secretGenerator = generators;
  out.patches = [
    {
      target: { group: 'autoscaling', version: 'v2', kind: 'HorizontalPodAutoscaler' },
      patch: [
        '- op: replace', '  path: /spec/minReplicas', `  value: ${scaling.min}`,
        '- op: replace', '  path: /spec/maxReplicas', `  value: ${scaling.max}`,
      ].join('\n'),
    },
    ...strategyPatches(o.strategies ?? [], o.environment),
  ];
  return out;
}

export function overlayComment(o: OverlayInput): string[] {
  const external = o.inputs.secrets === 'external-secrets' && o.environment !== 'dev';
  const lines = [`${o.environment}: namespace ${o.namespace}, ${SCALING[o.environment].min}-${SCALING[o.environment].max} replicas per service. Apply: kubectl apply -k deploy/kustomize/overlays/${o.environment}`];
  if (o.withSecrets.length > 0 && !external) lines.push('Secrets come from git-ignored env files: copy each secrets/*.env.example to secrets/*.env and fill it in first.');
  if (external) lines.push('Secrets come from ExternalSecrets (External Secrets Operator must be installed).');
  if (o.environment === 'dev' && o.hasBacking) lines.push('Backing services run in-cluster as StatefulSets (backing-services.yaml); staging and prod point the Secrets at managed services.');
  if (o.environment !== 'dev' && o.hasBacking) lines.push('Backing services are managed (RDS, Cloud SQL, ElastiCache…): put their URLs in the Secrets.');
  lines.push(...strategyComment(o.strategies ?? [], o.environment, o.namespace));
  return lines;
}

/** `configurations`: transformer configuration files (the Rollout one, strategy.ts), when there are any. */
export function baseKustomization(files: readonly string[], configurations: readonly string[] = []): Json {
  return { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...files], ...(configurations.length > 0 ? { configurations: [...configurations] } : {}) };
}
