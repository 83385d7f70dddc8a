/**
 * values.schema.json (JSON Schema draft-07). Helm checks values against it on install, upgrade,
 * lint and template, so a typo in an environment file (`replica: 3`) fails before anything reaches
 * the cluster. Service blocks are closed (additionalProperties: false) for the same reason; Kubernetes
 * sub-objects (probes, securityContext…) are left open to the API server's own validation.
 */
import type { Json } from '../kubernetes/render.js';
import { STRATEGY_SCHEMA } from './strategy-values.js';

const object = { type: 'object' } as const;
const string = { type: 'string' } as const;
const quantity = { type: ['string', 'number'] } as const;
const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;
const imageTag = { type: 'string', pattern: '^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$', not: { const: 'latest' }, description: 'A version tag, never latest; empty: image.tag.' };

const resources = {
  type: 'object',
  properties: {
    requests: { type: 'object', properties: { cpu: quantity, memory: quantity } },
    limits: { type: 'object', properties: { cpu: quantity, memory: quantity } },
  },
  required: ['requests', 'limits'],
};

const service = {
  type: 'object',
  additionalProperties: false,
  required: ['enabled', 'component', 'image', 'resources', 'securityContext', 'podSecurityContext'],
  properties: {
    enabled: { type: 'boolean' },
    component: { enum: ['server', 'worker', 'static'] },
    image: { type: 'object', additionalProperties: false, required: ['repository'], properties: { repository: { type: 'string', minLength: 1 }, tag: imageTag } },
    port: { type: 'integer', minimum: 1, maximum: 65535, description: 'Container port; absent for workers (no Service, Ingress or probes).' },
    replicas: { type: 'integer', minimum: 0, description: 'Used when autoscaling is disabled.' },
    autoscaling: {
      type: 'object',
      additionalProperties: false,
      properties: {
        enabled: { type: 'boolean' },
        minReplicas: { type: 'integer', minimum: 1 },
        maxReplicas: { type: 'integer', minimum: 1 },
        targetCPUUtilizationPercentage: { type: 'integer', minimum: 1, maximum: 100 },
      },
    },
    podDisruptionBudget: { type: 'object', additionalProperties: false, properties: { enabled: { type: 'boolean' }, maxUnavailable: { type: ['integer', 'string'] } } },
    strategy: object,
    resources,
    podSecurityContext: object,
    securityContext: object,
    probes: { type: 'object', additionalProperties: false, properties: { startupProbe: object, livenessProbe: object, readinessProbe: object } },
    lifecycle: object,
    terminationGracePeriodSeconds: { type: 'integer', minimum: 0 },
    volumeMounts: { type: 'array', items: object },
    volumes: { type: 'array', items: object },
    config: { ...stringMap, description: 'ConfigMap data (plain settings).' },
    secrets: { ...stringMap, description: 'Secret keys; put values in a git-ignored values file, never in this one.' },
    ingress: {
      type: 'object',
      additionalProperties: false,
      properties: { enabled: { type: 'boolean' }, host: { type: 'string', minLength: 1 }, tlsSecretName: { type: ['string', 'null'] } },
    },
    networkPolicy: { type: 'object', additionalProperties: false, properties: { ingress: { type: 'array', items: object }, egress: { type: 'array', items: object } } },
  },
};

/** `strategies`: the chart renders blue-green and canary, so `strategy` is the strategy block (strategy-values.ts). */
export function valuesSchema(title: string, strategies = false): Json {
  const serviceSchema = strategies
    ? { ...service, required: [...service.required, 'strategy'], properties: { ...service.properties, strategy: STRATEGY_SCHEMA } }
    : service;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title,
    type: 'object',
    additionalProperties: false,
    required: ['project', 'image', 'services', 'secrets'],
    properties: {
      global: object,
      project: { type: 'string', pattern: '^[a-z0-9]([a-z0-9-]*[a-z0-9])?$' },
      environment: { ...string, description: 'dev, staging or prod: the ExternalSecret key path segment.' },
      image: {
        type: 'object',
        additionalProperties: false,
        required: ['registry', 'tag'],
        properties: { registry: { type: 'string', minLength: 1 }, tag: { ...imageTag, minLength: 1 }, pullPolicy: { enum: ['Always', 'IfNotPresent', 'Never'] } },
      },
      ingress: { type: 'object', additionalProperties: false, properties: { enabled: { type: 'boolean' }, className: string } },
      secrets: {
        type: 'object',
        additionalProperties: false,
        properties: { mode: { enum: ['template', 'external-secrets', 'existing'] }, secretStore: string, refreshInterval: string },
      },
      networkPolicy: { type: 'object', additionalProperties: false, properties: { enabled: { type: 'boolean' } } },
      topologySpread: { type: 'object', additionalProperties: false, properties: { enabled: { type: 'boolean' } } },
      services: { type: 'object', additionalProperties: serviceSchema },
    },
  };
}
