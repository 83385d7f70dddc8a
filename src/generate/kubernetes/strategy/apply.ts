/**
 * Turns a service's rolling-update objects (workload.ts) into the chosen strategy's objects:
 * - Argo Rollouts: the Deployment becomes a `Rollout` with a blueGreen or canary strategy (plus a
 *   preview Service for blue-green), and the HPA scales the Rollout;
 * - plain Deployments: blue-green is two Deployments told apart by a slot label, the Service selects
 *   one colour and a preview Service the other; canary is a stable Deployment plus a canary one at
 *   0 replicas that the Service also selects, so traffic follows the replica ratio.
 * The rest (ConfigMap, PDB, Ingress, NetworkPolicy) keeps selecting every pod of the service.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { Json, K8sObject } from '../render.js';
import {
  BLUE_GREEN_SETTINGS, blueGreenNames, CANARY_STEPS, CANARY_SURGE, canaryName, ROLLOUTS_API_VERSION, serviceStrategy, SLOT_LABEL, TRACK_LABEL,
  type ServiceStrategy, type StrategyInputs,
} from './plan.js';

function isJson(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(object: Json, ...path: string[]): Json {
  let current: Json = object;
  for (const key of path) {
    const next = current[key];
    if (!isJson(next)) throw new Error(`strategy: ${path.join('.')} missing in ${String(object.kind)}`);
    current = next;
  }
  return current;
}

const kindOf = (item: K8sObject): unknown => item.object.kind;

/** A copy of a Deployment (or Service) with a label added to its selector and pod labels. */
function labelled(item: K8sObject, name: string, key: string, value: string): Json {
  const copy = structuredClone(item.object);
  const metadata = child(copy, 'metadata');
  metadata.name = name;
  metadata.labels = { ...child(copy, 'metadata', 'labels'), [key]: value };
  if (copy.kind === 'Service') {
    const spec = child(copy, 'spec');
    spec.selector = { ...child(copy, 'spec', 'selector'), [key]: value };
    return copy;
  }
  const selector = child(copy, 'spec', 'selector');
  selector.matchLabels = { ...child(copy, 'spec', 'selector', 'matchLabels'), [key]: value };
  const template = child(copy, 'spec', 'template', 'metadata');
  template.labels = { ...child(copy, 'spec', 'template', 'metadata', 'labels'), [key]: value };
  const pod = child(copy, 'spec', 'template', 'spec');
  if (Array.isArray(pod.topologySpreadConstraints)) {
    for (const constraint of pod.topologySpreadConstraints) {
      if (isJson(constraint) && isJson(constraint.labelSelector) && isJson(constraint.labelSelector.matchLabels)) {
        constraint.labelSelector.matchLabels = { ...constraint.labelSelector.matchLabels, [key]: value };
      }
    }
  }
  return copy;
}

function hpaFor(item: K8sObject, name: string, target: { apiVersion: string; kind: string; name: string }): Json {
  const copy = structuredClone(item.object);
  child(copy, 'metadata').name = name;
  child(copy, 'spec').scaleTargetRef = target;
  return copy;
}

/** spec.strategy of the service's Rollout (the Helm chart's values start from it too). */
export function rolloutStrategy(s: ServiceStrategy): Json {
  return s.strategy === 'blue-green'
    ? { blueGreen: { activeService: s.service.name, previewService: blueGreenNames(s.service).preview, ...BLUE_GREEN_SETTINGS } }
    : { canary: { ...CANARY_SURGE, steps: structuredClone(CANARY_STEPS) } };
}

function rollout(s: ServiceStrategy, deployment: K8sObject): K8sObject {
  const spec = structuredClone(child(deployment.object, 'spec'));
  delete spec.strategy;
  const name = s.service.name;
  const preview = blueGreenNames(s.service).preview;
  spec.strategy = rolloutStrategy(s);
  const comment = [
    ...(deployment.comment ?? []),
    s.strategy === 'blue-green'
      ? `Blue-green (Argo Rollouts): a new version starts beside the old one behind Service ${preview}; Service ${name} switches on \`kubectl argo rollouts promote ${name}\`.`
      : `Canary (Argo Rollouts): 20% of the pods, paused until \`kubectl argo rollouts promote ${name}\`, then 50% for 60 s, then 100%. Without a traffic router the weight is a pod ratio.`,
    `Rollback: \`kubectl argo rollouts abort ${name}\` during a release, \`kubectl argo rollouts undo ${name}\` after it (deploy/rollback.sh does both).`,
  ];
  return { object: { apiVersion: ROLLOUTS_API_VERSION, kind: 'Rollout', metadata: structuredClone(deployment.object.metadata), spec }, comment };
}

function withRollouts(s: ServiceStrategy, objects: readonly K8sObject[]): K8sObject[] {
  const out: K8sObject[] = [];
  const name = s.service.name;
  for (const item of objects) {
    const kind = kindOf(item);
    if (kind === 'Deployment') out.push(rollout(s, item));
    else if (kind === 'HorizontalPodAutoscaler') out.push({ object: hpaFor(item, name, { apiVersion: ROLLOUTS_API_VERSION, kind: 'Rollout', name }), comment: ['Scales the Rollout (Argo Rollouts implements the scale subresource).'] });
    else if (kind === 'Service' && s.strategy === 'blue-green') {
      out.push({ ...item, comment: [`Active Service: Argo Rollouts adds the stable pod-template hash to its selector.`] });
      const preview = structuredClone(item.object);
      child(preview, 'metadata').name = blueGreenNames(s.service).preview;
      out.push({ object: preview, comment: ['Preview Service: reaches the new version before promotion (kubectl port-forward svc/' + blueGreenNames(s.service).preview + ' 8080:http).'] });
    } else out.push(item);
  }
  return out;
}

function plainBlueGreen(s: ServiceStrategy, objects: readonly K8sObject[]): K8sObject[] {
  const { blue, green, preview } = blueGreenNames(s.service);
  const out: K8sObject[] = [];
  for (const item of objects) {
    const kind = kindOf(item);
    if (kind === 'Deployment') {
      out.push({ object: labelled(item, blue, SLOT_LABEL, 'blue'), comment: [...(item.comment ?? []), `Blue slot. deploy/deploy.sh updates the idle slot, waits for it, then switches Service ${s.service.name}.`] });
      out.push({ object: labelled(item, green, SLOT_LABEL, 'green'), comment: ['Green slot: the same pod template; both slots stay warm so switching back is instant.'] });
    } else if (kind === 'Service') {
      out.push({ object: labelled(item, s.service.name, SLOT_LABEL, 'blue'), comment: [`Live Service: its ${SLOT_LABEL} selector picks the colour serving traffic.`, `Rollback: switch it back, e.g. kubectl patch service ${s.service.name} -p '{"spec":{"selector":{"${SLOT_LABEL}":"blue"}}}' (deploy/rollback.sh does it).`] });
      out.push({ object: labelled(item, preview, SLOT_LABEL, 'green'), comment: ['Preview Service: always the idle colour, to test a release before the switch.'] });
    } else if (kind === 'HorizontalPodAutoscaler') {
      for (const slot of [blue, green]) out.push({ object: hpaFor(item, slot, { apiVersion: 'apps/v1', kind: 'Deployment', name: slot }) });
    } else out.push(item);
  }
  return out;
}

function plainCanary(s: ServiceStrategy, objects: readonly K8sObject[]): K8sObject[] {
  const out: K8sObject[] = [];
  for (const item of objects) {
    if (kindOf(item) !== 'Deployment') {
      out.push(item);
      continue;
    }
    out.push({ object: labelled(item, s.service.name, TRACK_LABEL, 'stable'), comment: [...(item.comment ?? []), 'Stable track: the autoscaler owns its replicas.'] });
    const canary = labelled(item, canaryName(s.service), TRACK_LABEL, 'canary');
    // 0 between releases: applying the file again ends any canary, which is what a re-apply means.
    child(canary, 'spec').replicas = 0;
    out.push({
      object: canary,
      comment: [
        `Canary track: deploy/deploy.sh gives it the new image and 1 replica; Service ${s.service.name} selects both tracks, so it gets 1/(stable+1) of requests.`,
        `Rollback: kubectl scale deployment/${canaryName(s.service)} --replicas=0 (and kubectl rollout undo deployment/${s.service.name} if it was already promoted).`,
      ],
    });
  }
  return out;
}

export function applyStrategy(service: ServicePlan, objects: K8sObject[], inputs: StrategyInputs): K8sObject[] {
  const s = serviceStrategy(service, inputs);
  if (s.strategy === 'rolling') return objects;
  if (s.rollouts) return withRollouts(s, objects);
  return s.strategy === 'blue-green' ? plainBlueGreen(s, objects) : plainCanary(s, objects);
}
