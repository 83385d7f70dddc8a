/**
 * Schema check for `argoproj.io/v1alpha1`, which `kubernetes-models` does not know (Argo's objects
 * are CRDs). Rollout is checked with a Zod schema of the fields Argo Rollouts accepts for the
 * strategies devsquad writes (strict where a typo would silently change behaviour: strategy, steps),
 * and its pod template goes through the same `kubernetes-models` check as a Deployment's. Other Argo
 * kinds (Rollouts' analysis objects, Argo CD, Workflows, Events) are reported as unchecked custom
 * resources; a kind Argo does not define is a schema error rather than a silent pass.
 */
import { z } from 'zod';
import type { SchemaProblem, SchemaResult } from './kubernetes-models.js';

export const ARGO_API_VERSION = 'argoproj.io/v1alpha1';

/** Kinds Argo projects serve under argoproj.io/v1alpha1 that are not schema-checked here. */
const UNCHECKED_KINDS: ReadonlySet<string> = new Set([
  'AnalysisTemplate', 'ClusterAnalysisTemplate', 'AnalysisRun', 'Experiment',
  'Application', 'ApplicationSet', 'AppProject',
  'Workflow', 'WorkflowTemplate', 'ClusterWorkflowTemplate', 'CronWorkflow', 'WorkflowEventBinding', 'WorkflowTaskSet', 'WorkflowTaskResult', 'WorkflowArtifactGCTask',
  'EventSource', 'Sensor', 'EventBus',
]);

const count = z.number().int().min(0);
const intOrPercent = z.union([count, z.string().regex(/^\d+%$/, 'an integer or a percentage such as 25%')]);
const duration = z.union([count, z.string().regex(/^\d+(ms|s|m|h)$/, 'a duration such as 30s, 5m or 1h')]);
const name = z.string().regex(/^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/, 'a DNS subdomain name');
const labelsMap = z.record(z.string(), z.string());
const podMetadata = z.strictObject({ labels: labelsMap.optional(), annotations: labelsMap.optional() });
const analysis = z.looseObject({ templates: z.array(z.looseObject({ templateName: z.string().min(1) })).min(1) });

const step = z.union([
  z.strictObject({ setWeight: z.number().int().min(0).max(100) }),
  z.strictObject({ pause: z.strictObject({ duration: duration.optional() }) }),
  z.strictObject({ analysis }),
  z.strictObject({ experiment: z.looseObject({ templates: z.array(z.looseObject({})).min(1) }) }),
  z.strictObject({ setCanaryScale: z.strictObject({ weight: z.number().int().min(0).max(100).optional(), replicas: count.optional(), matchTrafficWeight: z.boolean().optional() }) }),
  z.strictObject({ setHeaderRoute: z.looseObject({ name: z.string() }) }),
  z.strictObject({ setMirrorRoute: z.looseObject({ name: z.string() }) }),
  z.strictObject({ plugin: z.looseObject({ name: z.string() }) }),
]);

const canary = z.strictObject({
  maxSurge: intOrPercent.optional(),
  maxUnavailable: intOrPercent.optional(),
  steps: z.array(step).optional(),
  canaryService: name.optional(),
  stableService: name.optional(),
  trafficRouting: z.record(z.string(), z.unknown()).optional(),
  analysis: analysis.optional(),
  canaryMetadata: podMetadata.optional(),
  stableMetadata: podMetadata.optional(),
  scaleDownDelaySeconds: count.optional(),
  scaleDownDelayRevisionLimit: count.optional(),
  abortScaleDownDelaySeconds: count.optional(),
  dynamicStableScale: z.boolean().optional(),
  antiAffinity: z.looseObject({}).optional(),
  pingPong: z.strictObject({ pingService: name, pongService: name }).optional(),
  minPodsPerReplicaSet: z.number().int().min(1).optional(),
});

const blueGreen = z.strictObject({
  activeService: name,
  previewService: name.optional(),
  autoPromotionEnabled: z.boolean().optional(),
  autoPromotionSeconds: count.optional(),
  previewReplicaCount: count.optional(),
  scaleDownDelaySeconds: count.optional(),
  scaleDownDelayRevisionLimit: count.optional(),
  abortScaleDownDelaySeconds: count.optional(),
  prePromotionAnalysis: analysis.optional(),
  postPromotionAnalysis: analysis.optional(),
  previewMetadata: podMetadata.optional(),
  activeMetadata: podMetadata.optional(),
  antiAffinity: z.looseObject({}).optional(),
});

const strategy = z
  .strictObject({ canary: canary.optional(), blueGreen: blueGreen.optional() })
  .refine((s) => (s.canary === undefined) !== (s.blueGreen === undefined), 'exactly one of canary or blueGreen');

const rolloutSpec = z
  .strictObject({
    replicas: count.optional(),
    selector: z.looseObject({ matchLabels: labelsMap.optional(), matchExpressions: z.array(z.looseObject({})).optional() }),
    template: z.looseObject({ metadata: z.looseObject({ labels: labelsMap.optional() }).optional(), spec: z.looseObject({}) }).optional(),
    workloadRef: z.strictObject({ apiVersion: z.string(), kind: z.string(), name, scaleDown: z.enum(['never', 'onsuccess', 'progressively']).optional() }).optional(),
    strategy,
    minReadySeconds: count.optional(),
    revisionHistoryLimit: count.optional(),
    progressDeadlineSeconds: count.optional(),
    progressDeadlineAbort: z.boolean().optional(),
    paused: z.boolean().optional(),
    restartAt: z.string().optional(),
    rollbackWindow: z.strictObject({ revisions: count }).optional(),
    analysis: z.looseObject({}).optional(),
  })
  .refine((s) => (s.template === undefined) !== (s.workloadRef === undefined), 'exactly one of template or workloadRef');

const rollout = z.looseObject({
  apiVersion: z.literal(ARGO_API_VERSION),
  kind: z.literal('Rollout'),
  metadata: z.looseObject({ name, namespace: z.string().optional(), labels: labelsMap.optional(), annotations: labelsMap.optional() }),
  spec: rolloutSpec,
});

type Checker = (object: Record<string, unknown>) => SchemaResult;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Argo rejects a Rollout whose selector does not match its pod labels; the API server would not say why. */
function selectorProblems(spec: Record<string, unknown>): SchemaProblem[] {
  const selector = isRecord(spec.selector) && isRecord(spec.selector.matchLabels) ? spec.selector.matchLabels : {};
  const labels = isRecord(spec.template) && isRecord(spec.template.metadata) && isRecord(spec.template.metadata.labels) ? spec.template.metadata.labels : null;
  if (labels === null) return [];
  return Object.entries(selector)
    .filter(([key, value]) => labels[key] !== value)
    .map(([key]) => ({ path: ['spec', 'selector', 'matchLabels', key], message: `Rollout spec.selector.matchLabels.${key} does not match the pod template's label.` }));
}

/**
 * Checks one argoproj.io/v1alpha1 object. `builtIn` is the kubernetes-models check, used for the
 * Rollout's pod template (wrapped in a Deployment, whose template has the same schema and paths).
 */
export function argoSchemaCheck(object: Record<string, unknown>, builtIn: Checker): SchemaResult {
  const kind = typeof object.kind === 'string' ? object.kind : '';
  if (UNCHECKED_KINDS.has(kind)) return { known: false };
  if (kind !== 'Rollout') {
    return { known: true, problems: [{ path: ['kind'], message: `${ARGO_API_VERSION} has no kind ${kind} (Argo defines Rollout, AnalysisTemplate, Application, Workflow… under it).` }] };
  }
  const parsed = rollout.safeParse(object);
  const problems: SchemaProblem[] = parsed.success ? [] : parsed.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
    return { path, message: `Rollout ${path.length > 0 ? `${path.join('.')} ` : ''}${issue.message}.` };
  });
  const spec = isRecord(object.spec) ? object.spec : null;
  if (spec && isRecord(spec.template)) {
    const asDeployment = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'rollout-template' }, spec: { selector: spec.selector ?? {}, template: spec.template } };
    const template = builtIn(asDeployment);
    if (template.known) {
      for (const problem of template.problems) {
        if (problem.path[0] === 'spec' && problem.path[1] === 'template') problems.push({ path: problem.path, message: problem.message.replace(/^Deployment/, 'Rollout') });
      }
    }
    problems.push(...selectorProblems(spec));
  }
  return { known: true, problems };
}
