/**
 * `services.<name>.strategy` of a chart generated with `strategy: blue-green` or `canary`: the
 * strategy each service really gets (the kubernetes family's serviceStrategy(), so a worker under
 * blue-green keeps rolling, as in the plain manifests) and the Rollout settings of its rolloutStrategy(),
 * plus the knobs of the plain-Deployment variants. Its JSON Schema rejects a wrong type, colour or step.
 */
import type { ServicePlan } from '../../plan/schema.js';
import type { Json } from '../kubernetes/render.js';
import { rolloutStrategy } from '../kubernetes/strategy/apply.js';
import {
  PROD_CANARY_STEPS, PROD_SCALE_DOWN_DELAY_SECONDS, serviceStrategy, type ServiceStrategy, type StrategyInputs,
} from '../kubernetes/strategy/plan.js';

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function json(value: unknown): Json {
  return isJson(value) ? value : {};
}

/** True when the chart gets the strategy templates (anything but the default rolling update). */
export function usesStrategies(inputs: StrategyInputs): boolean {
  return inputs.strategy !== 'rolling';
}

/** The values block; `rollingUpdate` is the rolling Deployment's (the same for every Deployment the chart writes). */
export function strategyValues(service: ServicePlan, inputs: StrategyInputs, rollingUpdate: Json): { values: Json; strategy: ServiceStrategy } {
  const s = serviceStrategy(service, inputs);
  // The Rollout settings come from the same function as the plain manifests' Rollout; the chart sets the Service names.
  const blueGreen = { ...json(rolloutStrategy({ ...s, strategy: 'blue-green' }).blueGreen) };
  delete blueGreen.activeService;
  delete blueGreen.previewService;
  const canary = json(rolloutStrategy({ ...s, strategy: 'canary' }).canary);
  return {
    strategy: s,
    values: {
      type: s.strategy,
      rollouts: inputs.rollouts,
      rollingUpdate,
      blueGreen,
      canary,
      activeColor: 'blue',
      colorTags: { blue: '', green: '' },
      canaryReplicas: 0,
      canaryTag: '',
    },
  };
}

/** What values-prod.yaml changes: slower canary steps, the previous blue-green pods kept five minutes. */
export function prodStrategyValues(s: ServiceStrategy): Json | null {
  if (!s.rollouts) return null;
  if (s.strategy === 'canary') return { canary: { steps: structuredClone(PROD_CANARY_STEPS) } };
  if (s.strategy === 'blue-green') return { blueGreen: { scaleDownDelaySeconds: PROD_SCALE_DOWN_DELAY_SECONDS } };
  return null;
}

const count = { type: 'integer', minimum: 0 } as const;
const intOrPercent = { anyOf: [count, { type: 'string', pattern: '^\\d+%$' }] } as const;
const tag = { type: 'string', pattern: '^([A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$', not: { const: 'latest' } } as const;
const step = {
  anyOf: [
    { type: 'object', additionalProperties: false, required: ['setWeight'], properties: { setWeight: { type: 'integer', minimum: 0, maximum: 100 } } },
    {
      type: 'object',
      additionalProperties: false,
      required: ['pause'],
      properties: { pause: { type: 'object', additionalProperties: false, properties: { duration: { anyOf: [count, { type: 'string', pattern: '^\\d+(ms|s|m|h)$' }] } } } },
    },
  ],
} as const;

/** JSON Schema of `services.<name>.strategy` in a strategy chart. */
export const STRATEGY_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['type', 'rollouts', 'rollingUpdate', 'activeColor', 'colorTags', 'canaryReplicas'],
  description: 'How a new version replaces the old one (docs/targets/deployment-strategies.md).',
  properties: {
    type: { enum: ['rolling', 'blue-green', 'canary'] },
    rollouts: { type: 'boolean', description: 'blue-green/canary as an Argo Rollouts Rollout; false: two Deployments and a Service switch.' },
    rollingUpdate: { type: 'object', additionalProperties: false, properties: { maxSurge: intOrPercent, maxUnavailable: intOrPercent } },
    blueGreen: {
      type: 'object',
      additionalProperties: false,
      description: 'Rollout spec.strategy.blueGreen besides the Service names.',
      properties: { autoPromotionEnabled: { type: 'boolean' }, autoPromotionSeconds: count, previewReplicaCount: count, scaleDownDelaySeconds: count, abortScaleDownDelaySeconds: count },
    },
    canary: {
      type: 'object',
      additionalProperties: false,
      description: 'Rollout spec.strategy.canary: surge and steps (setWeight 0-100, pause with an optional duration).',
      properties: { maxSurge: intOrPercent, maxUnavailable: intOrPercent, steps: { type: 'array', items: step } },
    },
    activeColor: { enum: ['blue', 'green'], description: 'Plain blue-green: the colour Service <name> sends traffic to.' },
    colorTags: { type: 'object', additionalProperties: false, properties: { blue: tag, green: tag }, description: 'Plain blue-green: image tag per colour; empty: the service tag.' },
    canaryReplicas: { ...count, description: 'Plain canary: replicas of <name>-canary (0 between releases).' },
    canaryTag: { ...tag, description: 'Plain canary: image tag of <name>-canary; empty: the service tag.' },
  },
} as const;
