/**
 * values.yaml of the chart, taken from the kubernetes family's objects for each service (the same
 * builders), so probes, securityContext, resources, volumes and NetworkPolicy rules agree with the
 * plain manifests and the Kustomize base. The templates only place these values.
 */
import type { ProjectPlan } from '../../plan/schema.js';
import type { Built } from '../kubernetes/generate.js';
import { projectName } from '../kubernetes/names.js';
import type { Json } from '../kubernetes/render.js';
import type { HelmInputs } from './inputs.js';

export const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];

/** Autoscaler range per environment: the same as the Kustomize overlays. */
export const SCALING: Readonly<Record<Environment, { min: number; max: number }>> = {
  dev: { min: 1, max: 2 },
  staging: { min: 2, max: 4 },
  prod: { min: 3, max: 10 },
};

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function json(value: unknown): Json {
  return isJson(value) ? value : {};
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function objectOf(b: Built, kind: string): Json | null {
  return b.objects.find((o) => o.object.kind === kind)?.object ?? null;
}

/** The rolling Deployment's rollingUpdate settings (maxSurge, maxUnavailable). */
export function rollingUpdateOf(b: Built): Json {
  return json(json(json(objectOf(b, 'Deployment')?.spec).strategy).rollingUpdate);
}

/** The chart's values block for one service; `strategy` replaces the Deployment strategy in a strategy chart. */
export function serviceValues(plan: ProjectPlan, b: Built, inputs: HelmInputs, strategy?: Json): Json {
  const deployment = json(objectOf(b, 'Deployment'));
  const pod = json(json(json(deployment.spec).template).spec);
  const container = json(list(pod.containers)[0]);
  const ingress = objectOf(b, 'Ingress');
  const ingressSpec = json(ingress?.spec);
  const policy = json(objectOf(b, 'NetworkPolicy')?.spec);
  const pdb = json(objectOf(b, 'PodDisruptionBudget')?.spec);
  const port = list(container.ports).length > 0 ? json(list(container.ports)[0]).containerPort : null;
  const probes: Json = {};
  for (const key of ['startupProbe', 'livenessProbe', 'readinessProbe']) if (container[key] !== undefined) probes[key] = container[key];
  const tls = list(ingressSpec.tls);
  const out: Json = {
    enabled: true,
    component: b.service.kind,
    image: { repository: `${projectName(plan)}-${b.service.name}`, tag: '' },
    // Omitted rather than null for workers: Helm drops null values when it merges values files.
    ...(typeof port === 'number' ? { port } : {}),
    replicas: inputs.replicas.min,
    autoscaling: { enabled: true, minReplicas: inputs.replicas.min, maxReplicas: inputs.replicas.max, targetCPUUtilizationPercentage: inputs.targetCPUUtilization },
    podDisruptionBudget: { enabled: true, maxUnavailable: pdb.maxUnavailable ?? 1 },
    strategy: strategy ?? json(json(deployment.spec).strategy),
    resources: json(container.resources),
    podSecurityContext: json(pod.securityContext),
    securityContext: json(container.securityContext),
    probes,
    lifecycle: json(container.lifecycle),
    terminationGracePeriodSeconds: pod.terminationGracePeriodSeconds ?? 30,
    volumeMounts: list(container.volumeMounts),
    volumes: list(pod.volumes),
    config: Object.fromEntries(b.config.data),
    secrets: Object.fromEntries(b.config.secrets.map((k) => [k.name, ''])),
    ingress: {
      enabled: ingress !== null,
      host: json(list(ingressSpec.rules)[0]).host ?? `${b.service.name}.${projectName(plan)}.example.com`,
      tlsSecretName: tls.length > 0 ? json(tls[0]).secretName ?? null : null,
    },
    networkPolicy: { ingress: list(policy.ingress), egress: list(policy.egress) },
  };
  return out;
}

/** `strategies`: the strategy block per service name (strategy charts only). */
export function chartValues(plan: ProjectPlan, built: readonly Built[], inputs: HelmInputs, strategies?: ReadonlyMap<string, Json>): Json {
  return {
    project: projectName(plan),
    environment: '',
    image: { registry: inputs.registry.replace(/\/$/, ''), tag: inputs.tag, pullPolicy: 'IfNotPresent' },
    ingress: { enabled: inputs.ingress.enabled, className: inputs.ingress.className },
    secrets: { mode: inputs.secrets === 'external-secrets' ? 'external-secrets' : 'template', secretStore: inputs.secretStore, refreshInterval: '1h' },
    networkPolicy: { enabled: true },
    topologySpread: { enabled: true },
    services: Object.fromEntries(built.map((b) => [b.service.name, serviceValues(plan, b, inputs, strategies?.get(b.service.name))])),
  };
}

/**
 * values-<env>.yaml: what differs per environment (autoscaler range, ExternalSecret path, Secrets),
 * and in a strategy chart the strategy settings `strategies` gives for that environment (prod).
 */
export function environmentValues(built: readonly Built[], inputs: HelmInputs, environment: Environment, strategies?: ReadonlyMap<string, Json>): Json {
  const scaling = SCALING[environment];
  const services: Json = {};
  for (const b of built) {
    const strategy = strategies?.get(b.service.name);
    services[b.service.name] = { replicas: scaling.min, autoscaling: { minReplicas: scaling.min, maxReplicas: scaling.max }, ...(strategy ? { strategy } : {}) };
  }
  // Dev reads Secrets from values (a git-ignored file); staging/prod from the secret store when chosen.
  const mode = inputs.secrets === 'external-secrets' && environment !== 'dev' ? 'external-secrets' : 'template';
  return { environment, secrets: { mode }, services };
}
