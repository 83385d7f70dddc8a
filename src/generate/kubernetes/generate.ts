/**
 * Kubernetes for every selected service, rendered two ways from the same objects: plain manifests
 * (deploy/kubernetes/) and a Kustomize base with dev/staging/prod overlays (deploy/kustomize/).
 * Both are on by default. Pure: objects are built from the plan and inputs, then serialised.
 */
import type { Evidence, ProjectPlan, ServicePlan } from '../../plan/schema.js';
import type { GenerateContext, GeneratedFile } from '../types.js';
import { headerComment } from '../types.js';
import { serviceConfig, type ServiceConfig } from './config.js';
import { backingEnvExample, backingObjects, devKinds } from './backing.js';
import { inputs, type KubernetesInputs } from './inputs.js';
import { ENVIRONMENTS, baseKustomization, namespaceObject, overlayComment, overlayKustomization } from './kustomize.js';
import { projectName } from './names.js';
import { renderDocument, renderObjects, type K8sObject } from './render.js';
import { imageFacts } from './runtime.js';
import { envExample, externalSecret, secretTemplate } from './secrets.js';
import { serviceObjects } from './workload.js';

export { inputs, type KubernetesInputs };

const GENERATOR = 'kubernetes';
const DEFAULTS_FILE = '_defaults.yaml';
const EVIDENCE_FACTS = /^(port|health|start|runtime|framework|env:|backing:)/;

/** Services that run as a Deployment: everything the plan found (servers, workers, static sites). */
function deployable(services: readonly ServicePlan[]): ServicePlan[] {
  return services.filter((s) => s.kind === 'server' || s.kind === 'worker' || s.kind === 'static');
}

/** Namespace-wide policies: deny everything, then allow DNS for every pod. */
function defaultPolicies(plan: ProjectPlan): K8sObject[] {
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

interface Built {
  service: ServicePlan;
  config: ServiceConfig;
  objects: K8sObject[];
  notes: string[];
  evidence: Evidence[];
}

function build(plan: ProjectPlan, service: ServicePlan, options: KubernetesInputs): Built {
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

  if (options.kustomize) {
    const baseFiles = [DEFAULTS_FILE, ...built.map((b) => `${b.service.name}.yaml`)];
    add('deploy/kustomize/base/kustomization.yaml', renderDocument(header(`the plan for ${plan.name}`), baseKustomization(baseFiles), ['Shared by every overlay; Secrets are added by the overlays.']), 'kubernetes');
    add(`deploy/kustomize/base/${DEFAULTS_FILE}`, defaults, 'kubernetes');
    for (const b of built) add(`deploy/kustomize/base/${b.service.name}.yaml`, serviceFile(b), 'kubernetes', { evidence: b.evidence, notes: b.notes });
    const kinds = devKinds(services);
    const backingExample = backingEnvExample(header(`the plan for ${plan.name}`), kinds);
    const prefix = options.namespace ?? projectName(plan);
    for (const environment of ENVIRONMENTS) {
      const dir = `deploy/kustomize/overlays/${environment}`;
      const namespace = `${prefix}-${environment}`;
      const overlay = {
        plan, services, withSecrets: withSecrets.map((b) => b.service), inputs: options, environment, namespace,
        hasBacking: kinds.length > 0, hasBackingSecret: backingExample !== null,
      };
      add(`${dir}/kustomization.yaml`, renderDocument(header(`the plan for ${plan.name}`), overlayKustomization(overlay), overlayComment(overlay)), 'kubernetes');
      add(`${dir}/namespace.yaml`, renderObjects(header(`the plan for ${plan.name}`), [namespaceObject(namespace)]), 'kubernetes');
      const external = options.secrets === 'external-secrets' && environment !== 'dev';
      if (external && withSecrets.length > 0) {
        add(`${dir}/external-secrets.yaml`, renderObjects(header(`the plan for ${plan.name}`), withSecrets.map((b) => externalSecret(plan, b.service, b.config.secrets, options, environment))), 'kubernetes');
      }
      const envFiles: string[] = [];
      if (!external) {
        for (const b of withSecrets) {
          add(`${dir}/secrets/${b.service.name}.env.example`, envExample(header(`the plan for service ${b.service.name}`), b.service, b.config.secrets, environment === 'dev'), 'dotenv');
          envFiles.push(`${b.service.name}.env`);
        }
      }
      if (environment === 'dev' && kinds.length > 0) {
        const objects = kinds.flatMap((k) => backingObjects(plan, k));
        add(`${dir}/backing-services.yaml`, renderObjects(header(`the plan for ${plan.name}`), objects), 'kubernetes', {
          notes: ['Backing services run in-cluster for development only; staging and prod use managed services whose URLs go in the Secrets.'],
        });
        if (backingExample !== null) {
          add(`${dir}/secrets/backing.env.example`, backingExample, 'dotenv');
          envFiles.push('backing.env');
        }
      }
      if (envFiles.length > 0) add(`${dir}/.gitignore`, `${header(`the plan for ${plan.name}`)}\n# Real secret values: never commit them.\n${envFiles.map((f) => `secrets/${f}`).join('\n')}\n`, 'text');
    }
  }
  return files;
}
