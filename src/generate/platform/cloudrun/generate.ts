/**
 * One Cloud Run service per server (`platform/cloudrun/<service>.service.yaml`, the
 * serving.knative.dev/v1 form `gcloud run services replace` reads): the plan's port as containerPort
 * (Cloud Run sets PORT to it), a startup probe sized for the runtime's first boot and a liveness probe
 * on the plan's health path (TCP on the port when the plan knows no route), plain env vars, and every
 * secret via secretKeyRef to Secret Manager. Workers are not applicable: a Cloud Run service must
 * answer HTTP on its port.
 */
import { Document } from 'yaml';
import type { ServicePlan } from '../../../plan/schema.js';
import { startupSeconds } from '../../kubernetes/runtime.js';
import { headerComment, type GenerateContext, type GeneratedFile } from '../../types.js';
import { evidenceOf, imageName, PLATFORM_ROOT, platformFacts, projectSlug, slug, type PlatformFacts, type PlatformResult } from '../common.js';
import { YAML_OPTIONS } from '../common.js';
import type { PlatformInputs } from '../inputs.js';

/** Env vars Cloud Run sets itself and refuses in a service spec. */
const RESERVED = ['PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION'];

function probe(facts: PlatformFacts, port: number, periodSeconds: number, failureThreshold: number): Record<string, unknown> {
  const action = facts.healthPath ? { httpGet: { path: facts.healthPath, port } } : { tcpSocket: { port } };
  return { ...action, periodSeconds, timeoutSeconds: 3, failureThreshold };
}

/** Secret Manager secret id for one env var of one service: `<service>-<env-var>`. */
export function gcpSecretName(service: ServicePlan, envVar: string): string {
  return `${service.name}-${slug(envVar)}`;
}

export function cloudRunService(context: GenerateContext, service: ServicePlan, facts: PlatformFacts, port: number, options: PlatformInputs): { yaml: Record<string, unknown>; notes: string[] } {
  const notes: string[] = [];
  const startup = startupSeconds(service);
  const env: Array<Record<string, unknown>> = [];
  for (const [name, value] of Object.entries(facts.environment)) if (!RESERVED.includes(name)) env.push({ name, value });
  for (const name of facts.secretNames) env.push({ name, valueFrom: { secretKeyRef: { name: gcpSecretName(service, name), key: 'latest' } } });
  const container: Record<string, unknown> = {
    name: service.name,
    image: `${options.gcpRegion}-docker.pkg.dev/${options.gcpProjectId}/${options.gcpRepository}/${imageName(context.plan, service)}:${options.imageTag}`,
    ports: [{ name: 'http1', containerPort: port }],
    resources: { limits: { cpu: '1', memory: service.language === 'java' || service.language === 'kotlin' ? '1Gi' : '512Mi' } },
    startupProbe: probe(facts, port, 5, Math.ceil(startup / 5)),
    livenessProbe: probe(facts, port, 15, 3),
  };
  if (env.length > 0) container['env'] = env;
  const yaml = {
    apiVersion: 'serving.knative.dev/v1',
    kind: 'Service',
    metadata: {
      name: service.name,
      labels: { 'cloud.googleapis.com/location': options.gcpRegion, 'app.kubernetes.io/part-of': projectSlug(context.plan) },
      annotations: { 'run.googleapis.com/ingress': 'all' },
    },
    spec: {
      template: {
        metadata: {
          annotations: {
            'autoscaling.knative.dev/minScale': '0',
            'autoscaling.knative.dev/maxScale': '10',
            'run.googleapis.com/execution-environment': 'gen2',
            'run.googleapis.com/startup-cpu-boost': 'true',
          },
        },
        spec: {
          containerConcurrency: 80,
          timeoutSeconds: 300,
          serviceAccountName: `${service.name.slice(0, 24)}-run@${options.gcpProjectId}.iam.gserviceaccount.com`,
          containers: [container],
        },
      },
    },
  };
  notes.push(`${service.name}: containerPort ${port} (Cloud Run sets PORT to it); ${facts.healthPath ? `startup and liveness probes GET ${facts.healthPath}` : 'TCP probes on the port (the plan found no health route)'}; startup budget ${startup}s`);
  if (facts.secretNames.length > 0) notes.push(`${service.name}: secrets from Secret Manager: ${facts.secretNames.map((n) => `${n} ← ${gcpSecretName(service, n)}`).join(', ')}; grant the service account roles/secretmanager.secretAccessor on them`);
  if (facts.unset.length > 0) notes.push(`${service.name}: ${facts.unset.join(', ')} have no default; add them to env before deploying`);
  return { yaml, notes };
}

export function cloudrun(context: GenerateContext, options: PlatformInputs): PlatformResult {
  const files: GeneratedFile[] = [];
  const notApplicable: string[] = [];
  for (const service of context.services) {
    const facts = platformFacts(context.plan, service);
    if (facts.port === null) {
      notApplicable.push(`${service.name}: ${service.kind === 'worker' ? 'a worker' : 'a service with no known port'}; a Cloud Run service must answer HTTP on its port (run it as a Cloud Run job or worker pool, or on another platform)`);
      continue;
    }
    const { yaml, notes } = cloudRunService(context, service, facts, facts.port, options);
    const doc = new Document(yaml, YAML_OPTIONS);
    doc.commentBefore = headerComment('', `the plan for service ${service.name}`);
    files.push({
      path: `${PLATFORM_ROOT}/cloudrun/${service.name}.service.yaml`,
      content: doc.toString({ lineWidth: 0 }),
      kind: 'platform',
      generator: 'platform',
      evidence: evidenceOf([service]),
      notes,
    });
  }
  return { files, notApplicable };
}
