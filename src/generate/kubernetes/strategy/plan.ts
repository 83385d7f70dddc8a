/**
 * Which strategy each service really gets, and the names of the workloads that carry it. The deploy
 * hooks, the runbooks and the manifests all read these, so a script never patches an object the
 * manifests do not contain.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import { serves } from '../names.js';

export type StrategyName = 'rolling' | 'blue-green' | 'canary';

export interface StrategyInputs {
  strategy: StrategyName;
  rollouts: boolean;
}

/** Label that tells the blue and green Deployments (or stable and canary) apart. */
export const SLOT_LABEL = 'deploy.devsquad.dev/slot';
export const TRACK_LABEL = 'deploy.devsquad.dev/track';
/** Annotations the plain-Deployment hooks leave behind, so rollback.sh knows what deploy.sh changed. */
export const PREVIOUS_SLOT_ANNOTATION = 'deploy.devsquad.dev/previous-slot';
export const PHASE_ANNOTATION = 'deploy.devsquad.dev/phase';
export const ROLLOUTS_API_VERSION = 'argoproj.io/v1alpha1';

/** Canary steps of the Argo Rollout: 20% then a manual (or deploy.sh) promotion, 50% for a minute, then all. */
export const CANARY_STEPS = [{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '60s' } }] as const;
/** The Rollout's blueGreen settings besides the Service names: promotion is manual, old pods kept 30 s. */
export const BLUE_GREEN_SETTINGS = { autoPromotionEnabled: false, scaleDownDelaySeconds: 30 } as const;
/** The Rollout's canary surge settings, the same as the rolling update's. */
export const CANARY_SURGE = { maxSurge: '25%', maxUnavailable: 0 } as const;
/**
 * Production is more careful than dev and staging (the Kustomize prod overlay and the Helm chart's
 * values-prod.yaml): a 10% canary paused until promoted, then 25% and 50% for two minutes each, and
 * blue-green keeps the previous version's pods five minutes after a switch so an undo is instant.
 */
export const PROD_CANARY_STEPS = [{ setWeight: 10 }, { pause: {} }, { setWeight: 25 }, { pause: { duration: '120s' } }, { setWeight: 50 }, { pause: { duration: '120s' } }] as const;
export const PROD_SCALE_DOWN_DELAY_SECONDS = 300;

export interface Workloads {
  kind: 'Deployment' | 'Rollout';
  /** The workload(s): one name for rolling and Rollouts, blue+green or stable+canary for plain Deployments. */
  names: string[];
}

export interface ServiceStrategy {
  service: ServicePlan;
  strategy: StrategyName;
  /** Only meaningful when strategy is not rolling. */
  rollouts: boolean;
  workloads: Workloads;
  /** Why the requested strategy was changed for this service, or null. */
  fallback: string | null;
}

export function blueGreenNames(service: ServicePlan): { blue: string; green: string; preview: string } {
  return { blue: `${service.name}-blue`, green: `${service.name}-green`, preview: `${service.name}-preview` };
}

export function canaryName(service: ServicePlan): string {
  return `${service.name}-canary`;
}

/**
 * The strategy a service gets. Blue-green switches a Service, so a worker (or a server without a
 * known port) has nothing to switch: it keeps the rolling update, and the notes say so.
 */
export function serviceStrategy(service: ServicePlan, inputs: StrategyInputs): ServiceStrategy {
  let strategy = inputs.strategy;
  let fallback: string | null = null;
  if (strategy === 'blue-green' && !serves(service)) {
    strategy = 'rolling';
    fallback = `${service.name} has no Service to switch (${service.kind === 'worker' ? 'a worker' : 'no known port'}): it keeps the rolling update.`;
  }
  const rollouts = strategy !== 'rolling' && inputs.rollouts;
  let workloads: Workloads;
  if (strategy === 'rolling') workloads = { kind: 'Deployment', names: [service.name] };
  else if (rollouts) workloads = { kind: 'Rollout', names: [service.name] };
  else if (strategy === 'blue-green') workloads = { kind: 'Deployment', names: [blueGreenNames(service).blue, blueGreenNames(service).green] };
  else workloads = { kind: 'Deployment', names: [service.name, canaryName(service)] };
  return { service, strategy, rollouts, workloads, fallback };
}

/** One line for notes and docs: what the strategy does for this service. */
export function strategySummary(s: ServiceStrategy): string {
  const name = s.service.name;
  if (s.strategy === 'rolling') return `${name}: rolling update (maxSurge 25%, maxUnavailable 0).`;
  if (s.rollouts && s.strategy === 'blue-green') return `${name}: Argo Rollouts blue-green; the new version is reachable on Service ${blueGreenNames(s.service).preview} until promoted.`;
  if (s.rollouts) return `${name}: Argo Rollouts canary at 20%, paused until promoted, then 50% for 60 s, then 100%.`;
  if (s.strategy === 'blue-green') return `${name}: Deployments ${s.workloads.names.join(' and ')}; Service ${name} selects one colour (${SLOT_LABEL}).`;
  return `${name}: Deployment ${name} (stable) and ${canaryName(s.service)} (0 replicas between releases, 1 during a canary).`;
}
