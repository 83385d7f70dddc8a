/**
 * Kubernetes for every selected service as plain manifests (deploy/kubernetes/). The kustomize and
 * helm families render the same objects (build(), defaultPolicies()) as a Kustomize base + overlays
 * and a Helm chart. Pure: objects are built from the plan and inputs, then serialised.
 */
import type { Evidence, ProjectPlan, ServicePlan } from '../../plan/schema.js';
import type { GenerateContext, GeneratedFile } from '../types.js';
import { headerComment } from '../types.js';
import { serviceConfig, type ServiceConfig } from './config.js';
import { inputs, type KubernetesInputs } from './inputs.js';
import { projectName } from './names.js';
import { renderObjects, type K8sObject } from './render.js';
import { imageFacts } from './runtime.js';
import { externalSecret, secretTemplate } from './secrets.js';
import { serviceObjects } from './workload.js';
import { deployHookFiles } from './strategy/files.js';

export { inputs, type KubernetesInputs };

const GENERATOR = 'kubernetes';
export const DEFAULTS_FILE = '_defaults.yaml';
const EVIDENCE_FACTS = /^(port|health|start|runtime|framework|env:|backing:)/;

/** Services that run as a Deployment: everything the plan found (servers, workers, static sites). */
export function deployable(services: readonly ServicePlan[]): ServicePlan[] {
  return services.filter((s) => s.kind === 'server' || s.kind === 'worker' || s.kind === 'static');
}

/** Namespace-wide policies: deny everything, then allow DNS for every pod. */
export function defaultPolicies(plan: ProjectPlan): K8sObject[] {
  const partOf = { 'app.kubernetes.io/part-of': projectName(plan) };
  return [
    {
      object: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'default-deny-all', labels: partOf }, spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
      comment: ['Default deny for the namespace: each service\'s own NetworkPolicy allows what the plan says it needs.'],
    },
    {
      object: {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'allow-dns', labels: partOf },
        spec: {
          podSelector: {},
          policyTypes: ['Egress'],
          egress: [{
            to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
            ports: [{ port: 53, protocol: 'UDP' }, { port: 53, protocol: 'TCP' }],
          }],
        },
      },
      comment: ['Every pod may resolve names with the cluster DNS (CoreDNS pods carry k8s-app: kube-dns).'],
    },
  ];
}

export interface Built {
  service: ServicePlan;
  config: ServiceConfig;
  objects: K8sObject[];
  notes: string[];
  evidence: Evidence[];
}

export function build(plan: ProjectPlan, service: ServicePlan, options: KubernetesInputs): Built {
  const config = serviceConfig(service, plan);
  const facts = imageFacts(service);
  const notes = [
    `Runs as uid ${facts.uid} (the USER of the generated Dockerfile), read-only root filesystem with emptyDirs at ${facts.writable.join(', ')}.`,
    ...facts.reasons.map((r) => `Writable ${r}.`),
  ];
  if (service.kind === 'server' && service.port.value === null) notes.push('No port in the plan: no Service, Ingress or probes; set port.value in the plan and regenerate.');
  if (service.commands.migrate) notes.push(`Migrations (\`${service.commands.migrate}\`) are not run by these manifests; run them as a Job or a deploy step before rollout.`);
  if (config.requiredEmpty.length > 0) notes.push(`Required settings without a default are empty in the ConfigMap: ${config.requiredEmpty.join(', ')}.`);
  return { service, config, objects: serviceObjects(plan, service, config, options), notes, evidence: service.evidence.filter((e) => EVIDENCE_FACTS.test(e.fact)) };
}

export function generate(context: GenerateContext, options: KubernetesInputs): GeneratedFile[] {
  const { plan } = context;
  const services = deployable(context.services);
  if (services.length === 0) return [];
  const header = (what: string): string => headerComment('#', what);
  const built = services.map((s) => build(plan, s, options));
  const withSecrets = built.filter((b) => b.config.secrets.length > 0);
  const files: GeneratedFile[] = [];
  const add = (path: string, content: string, kind: GeneratedFile['kind'], extra: Partial<GeneratedFile> = {}): void => {
    files.push({ path, content, kind, generator: GENERATOR, ...extra });
  };
  const serviceFile = (b: Built): string => renderObjects(header(`the plan for service ${b.service.name}`), b.objects);
  const defaults = renderObjects(header(`the plan for ${plan.name}`), defaultPolicies(plan));

  if (options.manifests) {
    for (const b of built) add(`deploy/kubernetes/${b.service.name}.yaml`, serviceFile(b), 'kubernetes', { evidence: b.evidence, notes: b.notes });
    add(`deploy/kubernetes/${DEFAULTS_FILE}`, defaults, 'kubernetes', { notes: ['Namespace default deny plus DNS egress; apply with the services (kubectl apply -n <ns> -f deploy/kubernetes/).'] });
    for (const b of withSecrets) {
      const object = options.secrets === 'external-secrets'
        ? externalSecret(plan, b.service, b.config.secrets, options, null)
        : secretTemplate(plan, b.service, b.config.secrets);
      add(`deploy/kubernetes/secrets/${b.service.name}.yaml`, renderObjects(header(`the plan for service ${b.service.name}`), [object]), 'kubernetes', {
        notes: ['Kept in secrets/ so `kubectl apply -f deploy/kubernetes/` never overwrites a filled-in Secret with empty values.'],
      });
    }
  }

  files.push(...deployHookFiles(plan, services, options));
  return files;
}
