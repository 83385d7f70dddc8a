/**
 * Blue-green and canary in Kustomize. The base holds the kubernetes family's strategy objects
 * (its build() applies strategy/apply.ts); this module adds what Kustomize itself needs:
 * - a transformer configuration teaching Kustomize the Rollout's fields, without which the overlays'
 *   secretGenerator renames `<service>-secrets` to `<service>-secrets-<hash>` everywhere except in
 *   the Rollout (its pods would then not start); JSON, because Kustomize rejects any key it does not
 *   know (a header comment included) and a .yaml file under deploy/ reads as Kubernetes objects;
 * - per-environment patches: prod's slower canary steps and longer blue-green scale-down delay, and
 *   for plain blue-green the active colour of each environment, stated where a re-apply reads it;
 * - overlay comment lines with each strategy's promote and rollback commands.
 */
import { stringify } from 'yaml';
import type { ServicePlan } from '../../plan/schema.js';
import type { Json } from '../kubernetes/render.js';
import {
  blueGreenNames, canaryName, PROD_CANARY_STEPS, PROD_SCALE_DOWN_DELAY_SECONDS, ROLLOUTS_API_VERSION, serviceStrategy, SLOT_LABEL,
  type ServiceStrategy, type StrategyInputs,
} from '../kubernetes/strategy/plan.js';
import type { Environment } from './overlays.js';

export const ROLLOUT_TRANSFORM_FILE = 'rollout-transform.json';

const GROUP = ROLLOUTS_API_VERSION.split('/')[0] ?? 'argoproj.io';

export function strategiesOf(services: readonly ServicePlan[], inputs: StrategyInputs): ServiceStrategy[] {
  return services.map((s) => serviceStrategy(s, inputs));
}

export function hasRollouts(strategies: readonly ServiceStrategy[]): boolean {
  return strategies.some((s) => s.rollouts);
}

/** Kustomize TransformerConfig for argoproj.io Rollouts: name references, labels and replicas. */
export function rolloutTransformConfig(): Json {
  const rollout = (path: string, create?: boolean): Json => ({ path, kind: 'Rollout', group: GROUP, ...(create ? { create } : {}) });
  const pod = 'spec/template/spec';
  const containers = ['containers', 'initContainers'];
  return {
    nameReference: [
      {
        kind: 'ConfigMap',
        version: 'v1',
        fieldSpecs: [
          ...containers.flatMap((c) => [rollout(`${pod}/${c}/envFrom/configMapRef/name`), rollout(`${pod}/${c}/env/valueFrom/configMapKeyRef/name`)]),
          rollout(`${pod}/volumes/configMap/name`),
        ],
      },
      {
        kind: 'Secret',
        version: 'v1',
        fieldSpecs: [
          ...containers.flatMap((c) => [rollout(`${pod}/${c}/envFrom/secretRef/name`), rollout(`${pod}/${c}/env/valueFrom/secretKeyRef/name`)]),
          rollout(`${pod}/volumes/secret/secretName`),
          rollout(`${pod}/imagePullSecrets/name`),
        ],
      },
      { kind: 'ServiceAccount', version: 'v1', fieldSpecs: [rollout(`${pod}/serviceAccountName`)] },
      {
        kind: 'Service',
        version: 'v1',
        fieldSpecs: ['blueGreen/activeService', 'blueGreen/previewService', 'canary/canaryService', 'canary/stableService'].map((p) => rollout(`spec/strategy/${p}`)),
      },
    ],
    commonLabels: [rollout('spec/selector/matchLabels', true), rollout('spec/template/metadata/labels', true)],
    replicas: [rollout('spec/replicas', true)],
  };
}

function jsonPatch(ops: Json[]): string {
  return stringify(ops, { lineWidth: 0, indentSeq: false }).trimEnd();
}

/** Patches the overlay adds for the strategy (none for rolling updates). */
export function strategyPatches(strategies: readonly ServiceStrategy[], environment: Environment): Json[] {
  const patches: Json[] = [];
  const rolloutTarget = { group: GROUP, version: ROLLOUTS_API_VERSION.split('/')[1] ?? 'v1alpha1', kind: 'Rollout' };
  if (environment === 'prod') {
    const canary = strategies.filter((s) => s.rollouts && s.strategy === 'canary');
    const blueGreen = strategies.filter((s) => s.rollouts && s.strategy === 'blue-green');
    for (const s of canary) {
      patches.push({ target: { ...rolloutTarget, name: s.service.name }, patch: jsonPatch([{ op: 'replace', path: '/spec/strategy/canary/steps', value: structuredClone(PROD_CANARY_STEPS) }]) });
    }
    for (const s of blueGreen) {
      patches.push({ target: { ...rolloutTarget, name: s.service.name }, patch: jsonPatch([{ op: 'replace', path: '/spec/strategy/blueGreen/scaleDownDelaySeconds', value: PROD_SCALE_DOWN_DELAY_SECONDS }]) });
    }
  }
  const slotPath = `/spec/selector/${SLOT_LABEL.replace(/~/g, '~0').replace(/\//g, '~1')}`;
  for (const s of strategies.filter((x) => x.strategy === 'blue-green' && !x.rollouts)) {
    patches.push({ target: { version: 'v1', kind: 'Service', name: s.service.name }, patch: jsonPatch([{ op: 'replace', path: slotPath, value: 'blue' }]) });
    patches.push({ target: { version: 'v1', kind: 'Service', name: blueGreenNames(s.service).preview }, patch: jsonPatch([{ op: 'replace', path: slotPath, value: 'green' }]) });
  }
  return patches;
}

/** Lines for the overlay's comment: how a release is promoted and rolled back in this environment. */
export function strategyComment(strategies: readonly ServiceStrategy[], environment: Environment, namespace: string): string[] {
  const lines: string[] = [];
  const rollouts = strategies.filter((s) => s.rollouts);
  const ns = `-n ${namespace}`;
  if (rollouts.length > 0) {
    lines.push(`Argo Rollouts (controller and CRDs in the cluster): ${rollouts.map((s) => `${s.service.name} ${s.strategy}`).join(', ')}; promote with kubectl argo rollouts promote <service> ${ns}.`);
    lines.push(`Rollback: kubectl argo rollouts abort <service> ${ns} then kubectl argo rollouts undo <service> ${ns} (deploy/rollback.sh ${environment} <service> does it).`);
    if (environment === 'prod' && rollouts.some((s) => s.strategy === 'canary')) lines.push('prod patches the canary steps: 10% until promoted, then 25% and 50% for 120 s each.');
    if (environment === 'prod' && rollouts.some((s) => s.strategy === 'blue-green')) lines.push(`prod keeps the previous version's pods ${PROD_SCALE_DOWN_DELAY_SECONDS} s after a promotion, so an undo is instant.`);
  }
  for (const s of strategies.filter((x) => !x.rollouts && x.strategy === 'blue-green')) {
    const { preview } = blueGreenNames(s.service);
    lines.push(`${s.service.name} blue-green: the patches below set the live colour (Service ${s.service.name}: blue, ${preview}: green). After deploy/deploy.sh switches, swap them here too, or the next apply sends traffic back. Rollback: deploy/rollback.sh ${environment} ${s.service.name} switches the Services back.`);
  }
  for (const s of strategies.filter((x) => !x.rollouts && x.strategy === 'canary')) {
    lines.push(`${s.service.name} canary: applying sets ${canaryName(s.service)} to 0 replicas, which ends a canary. Rollback: kubectl scale deployment/${canaryName(s.service)} --replicas=0 ${ns} (deploy/rollback.sh ${environment} ${s.service.name}).`);
  }
  return lines;
}
