/**
 * The objects of one app service: ServiceAccount, ConfigMap, Deployment, Service, HPA, PDB,
 * Ingress and its NetworkPolicy. Probes, uid and writable directories come from the plan and the
 * service's generated Dockerfile (runtime.ts), so the pod matches the image it runs.
 */
import type { ProjectPlan, ServicePlan } from '../../plan/schema.js';
import { backingSpec } from '../compose/backing.js';
import type { KubernetesInputs } from './inputs.js';
import type { ServiceConfig } from './config.js';
import { healthPath, imageRef, labels, podPort, projectName, selectorLabels, serves } from './names.js';
import type { Json, K8sObject } from './render.js';
import { defaultResources, imageFacts, startupSeconds } from './runtime.js';
import { applyStrategy } from './strategy/apply.js';

export function configMapName(service: ServicePlan): string {
  return `${service.name}-config`;
}

export function secretName(service: ServicePlan): string {
  return `${service.name}-secrets`;
}

function meta(plan: ProjectPlan, service: ServicePlan, name = service.name): Json {
  return { name, labels: labels(plan, service) };
}

function volumeName(dir: string): string {
  const name = dir.replace(/^\/+/, '').replace(/[^a-z0-9]+/gi, '-').toLowerCase().replace(/^-+|-+$/g, '');
  return name.slice(-63).replace(/^-+/, '') || 'tmp';
}

/** Startup generous (the slow first boot), liveness cheap (is the process answering at all), readiness on the health route. */
function probes(service: ServicePlan): Json {
  const path = healthPath(service);
  const http = path === null ? { tcpSocket: { port: 'http' } } : { httpGet: { path, port: 'http' } };
  const period = 5;
  return {
    startupProbe: { ...http, periodSeconds: period, timeoutSeconds: 3, failureThreshold: Math.ceil(startupSeconds(service) / period) },
    livenessProbe: { tcpSocket: { port: 'http' }, periodSeconds: 20, timeoutSeconds: 3, failureThreshold: 3 },
    readinessProbe: { ...http, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
  };
}

function deployment(plan: ProjectPlan, service: ServicePlan, config: ServiceConfig, inputs: KubernetesInputs): K8sObject {
  const facts = imageFacts(service);
  const port = podPort(service);
  const selector = selectorLabels(plan, service);
  const envFrom: Json[] = [{ configMapRef: { name: configMapName(service) } }];
  if (config.secrets.length > 0) envFrom.push({ secretRef: { name: secretName(service) } });
  const container: Json = {
    name: service.name,
    image: imageRef(plan, service, inputs.registry, inputs.tag),
    imagePullPolicy: 'IfNotPresent',
    ...(port !== null ? { ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }] } : {}),
    envFrom,
    ...(port !== null ? probes(service) : {}),
    resources: inputs.resources ?? defaultResources(service),
    securityContext: {
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    // The sleep action needs no shell or sleep binary in the image (distroless has neither).
    ...(inputs.preStopSeconds > 0 ? { lifecycle: { preStop: { sleep: { seconds: inputs.preStopSeconds } } } } : {}),
    volumeMounts: facts.writable.map((dir) => ({ name: volumeName(dir), mountPath: dir })),
  };
  const spread = (topologyKey: string): Json => ({ maxSkew: 1, topologyKey, whenUnsatisfiable: 'ScheduleAnyway', labelSelector: { matchLabels: selector } });
  const object: Json = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta(plan, service),
    spec: {
      // No `replicas`: the HorizontalPodAutoscaler owns the count, and applying the file again must not reset it.
      revisionHistoryLimit: 5,
      selector: { matchLabels: selector },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      template: {
        metadata: { labels: labels(plan, service) },
        spec: {
          serviceAccountName: service.name,
          automountServiceAccountToken: false,
          terminationGracePeriodSeconds: inputs.terminationGracePeriodSeconds + inputs.preStopSeconds,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: facts.uid,
            runAsGroup: facts.uid,
            fsGroup: facts.uid,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          topologySpreadConstraints: [spread('topology.kubernetes.io/zone'), spread('kubernetes.io/hostname')],
          containers: [container],
          volumes: facts.writable.map((dir) => ({ name: volumeName(dir), emptyDir: { sizeLimit: dir === '/tmp' ? '256Mi' : '512Mi' } })),
        },
      },
    },
  };
  const comment = [
    `${service.name}: ${service.kind} (${service.language}${service.framework ? `/${service.framework}` : ''}), runs as uid ${facts.uid} like its Dockerfile.`,
    `Read-only root filesystem; writable emptyDirs: ${facts.writable.join(', ')}.`,
  ];
  if (port !== null) comment.push(`Probes: ${healthPath(service) === null ? 'TCP on the port (the plan found no health route)' : `HTTP ${healthPath(service) ?? ''} on port ${port}`}.`);
  return { object, comment };
}

function ingress(plan: ProjectPlan, service: ServicePlan, inputs: KubernetesInputs): K8sObject {
  const fill = (pattern: string): string => pattern.replace(/\{service\}/g, service.name).replace(/\{project\}/g, projectName(plan));
  const host = fill(inputs.ingress.host);
  const spec: Json = {
    ingressClassName: inputs.ingress.className,
    ...(inputs.ingress.tlsSecret !== null ? { tls: [{ hosts: [host], secretName: fill(inputs.ingress.tlsSecret) }] } : {}),
    rules: [{ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: service.name, port: { name: 'http' } } } }] } }],
  };
  return {
    object: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: meta(plan, service), spec },
    comment: [`Host ${host}: change it per environment (overlays) or with the ingress.host input.`],
  };
}

/** Ports a service talks to for its backing services; managed services in production are outside the cluster. */
function backingPorts(service: ServicePlan): number[] {
  const ports = new Set<number>();
  for (const backing of service.backingServices) {
    if (backing.kind === 'sqlite') continue;
    ports.add(backingSpec(backing.kind).port);
    // Managed object storage and search are reached over HTTPS.
    if (backing.kind === 's3' || backing.kind === 'elasticsearch' || backing.kind === 'opensearch') ports.add(443);
  }
  return [...ports].sort((a, b) => a - b);
}

function networkPolicy(plan: ProjectPlan, service: ServicePlan, inputs: KubernetesInputs): K8sObject {
  const port = podPort(service);
  const ingressRules: Json[] = [];
  if (serves(service) && port !== null) {
    ingressRules.push({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': inputs.ingress.controllerNamespace } } }, { podSelector: {} }],
      ports: [{ port, protocol: 'TCP' }],
    });
  }
  const egress: Json[] = [];
  for (const name of service.dependsOn) {
    const target = plan.services.find((s) => s.name === name);
    const targetPort = target ? podPort(target) : null;
    if (target && targetPort !== null) egress.push({ to: [{ podSelector: { matchLabels: selectorLabels(plan, target) } }], ports: [{ port: targetPort, protocol: 'TCP' }] });
  }
  const ports = backingPorts(service);
  if (ports.length > 0) egress.push({ ports: ports.map((p) => ({ port: p, protocol: 'TCP' })) });
  return {
    object: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: meta(plan, service),
      spec: { podSelector: { matchLabels: selectorLabels(plan, service) }, policyTypes: ['Ingress', 'Egress'], ingress: ingressRules, egress },
    },
    comment: ['Allowed on top of the namespace default deny: traffic to the app port from the ingress controller and this namespace,', 'and egress to the services it depends on and its backing services (any address: managed services live outside the cluster).'],
  };
}

export function serviceObjects(plan: ProjectPlan, service: ServicePlan, config: ServiceConfig, inputs: KubernetesInputs): K8sObject[] {
  const selector = selectorLabels(plan, service);
  const port = podPort(service);
  const out: K8sObject[] = [
    {
      object: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta(plan, service), automountServiceAccountToken: false },
      comment: ['One identity per service; no API token is mounted (the app does not call the Kubernetes API).'],
    },
  ];
  const cmComment = ['Plain settings with the defaults the code or .env.example gives. Credentials and backing-service addresses are in the Secret.'];
  if (config.requiredEmpty.length > 0) cmComment.push(`Required, no default found: set ${config.requiredEmpty.join(', ')}.`);
  if (config.optional.length > 0) cmComment.push(`Optional, read when set: ${config.optional.join(', ')}.`);
  out.push({ object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta(plan, service, configMapName(service)), data: Object.fromEntries(config.data) }, comment: cmComment });
  out.push(deployment(plan, service, config, inputs));
  if (serves(service) && port !== null) {
    out.push({
      object: { apiVersion: 'v1', kind: 'Service', metadata: meta(plan, service), spec: { type: 'ClusterIP', selector, ports: [{ name: 'http', port, targetPort: 'http', protocol: 'TCP' }] } },
    });
  }
  out.push({
    object: {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: meta(plan, service),
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: service.name },
        minReplicas: inputs.replicas.min,
        maxReplicas: inputs.replicas.max,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: inputs.targetCPUUtilization } } }],
      },
    },
  });
  out.push({
    object: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta(plan, service), spec: { maxUnavailable: 1, selector: { matchLabels: selector } } },
    comment: ['maxUnavailable rather than minAvailable: node drains still work with a single replica (dev).'],
  });
  if (serves(service) && inputs.ingress.enabled) out.push(ingress(plan, service, inputs));
  out.push(networkPolicy(plan, service, inputs));
  return applyStrategy(service, out, inputs);
}
