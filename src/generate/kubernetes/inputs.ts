/**
 * Typed inputs of the kubernetes family, with defaults (`inputs.parse({})` gives them all).
 * readme.md documents each one.
 */
import { z } from 'zod';

const quantity = z.string().regex(/^\d+(\.\d+)?(m|Ki|Mi|Gi|Ti|k|M|G)?$/, 'a Kubernetes quantity such as 250m, 1, 256Mi or 1Gi');
const resources = z.object({
  requests: z.object({ cpu: quantity, memory: quantity }),
  limits: z.object({ cpu: quantity, memory: quantity }),
});

const scaling = z.object({ min: z.number().int().min(1), max: z.number().int().min(1) }).refine((s) => s.max >= s.min, 'max must be at least min');

export const inputs = z.object({
  /** Registry (and namespace) the images are pushed to; images are `<registry>/<project>-<service>:<tag>`. */
  registry: z.string().regex(/^[A-Za-z0-9.-]+(:\d+)?(\/[a-z0-9._-]+)*$/, 'a registry host with an optional path, e.g. ghcr.io/acme').default('registry.example.com/team'),
  /** Image tag deployed by default; CI replaces it per release (`kustomize edit set image`). */
  tag: z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/).refine((t) => t !== 'latest', 'a version tag, not latest').default('0.1.0'),
  /** Write plain manifests to deploy/kubernetes/. */
  manifests: z.boolean().default(true),
  /** Namespace prefix; overlays use `<namespace>-dev`, `-staging`, `-prod`. Default: the project name. */
  namespace: z.string().regex(/^[a-z0-9]([a-z0-9-]{0,50}[a-z0-9])?$/).optional(),
  /** 'template': Secrets come from git-ignored env files; 'external-secrets': ExternalSecret objects. */
  secrets: z.enum(['template', 'external-secrets']).default('template'),
  /** ClusterSecretStore the ExternalSecrets read from (External Secrets Operator). */
  secretStore: z.string().default('default'),
  ingress: z
    .object({
      enabled: z.boolean().default(true),
      className: z.string().default('nginx'),
      /** Host per service; `{service}` and `{project}` are replaced. */
      host: z.string().default('{service}.{project}.example.com'),
      /** TLS Secret name (`{service}` replaced), e.g. made by cert-manager; null for no TLS. */
      tlsSecret: z.string().nullable().default('{service}-tls'),
      /** Namespace of the ingress controller, allowed through the NetworkPolicy. */
      controllerNamespace: z.string().default('ingress-nginx'),
    })
    .prefault({}),
  /** Replica range of the HorizontalPodAutoscaler in the base (overlays change it per environment). */
  replicas: scaling.default({ min: 2, max: 5 }),
  /** Target average CPU utilisation (percent of requests) for the autoscaler. */
  targetCPUUtilization: z.number().int().min(10).max(100).default(70),
  /** Resource requests/limits for every app container; unset: defaults per runtime (see readme). */
  resources: resources.optional(),
  /** Seconds the pod keeps serving after removal from endpoints, before SIGTERM (preStop sleep). */
  preStopSeconds: z.number().int().min(0).max(120).default(5),
  /** Seconds between SIGTERM and SIGKILL, after the preStop sleep. */
  terminationGracePeriodSeconds: z.number().int().min(1).max(3600).default(30),
  /** How a new version replaces the old one (strategy/readme in docs/targets/deployment-strategies.md). */
  strategy: z.enum(['rolling', 'blue-green', 'canary']).default('rolling'),
  /** Blue-green/canary as Argo Rollouts `Rollout` objects; false: plain Deployments + Service selectors. */
  rollouts: z.boolean().default(true),
});
export type KubernetesInputs = z.infer<typeof inputs>;
export type ResourcesInput = z.infer<typeof resources>;
