/**
 * Backing services for the dev overlay only: one StatefulSet + headless Service + NetworkPolicy per
 * kind, with the same pinned images, settings and health commands as compose.yaml (compose/backing.ts),
 * a PersistentVolumeClaim template for data, and passwords from the `backing-credentials` Secret the
 * overlay generates from a git-ignored env file. Staging and prod use managed services instead: the
 * app's Secret holds their URLs.
 */
import type { ProjectPlan, ServicePlan } from '../../plan/schema.js';
import { BACKING_SERVICE_KINDS } from '../../plan/schema.js';
import { backingSpec } from '../compose/backing.js';
import { WAIVE_ANNOTATION, WAIVE_REASON_ANNOTATION } from '../../validate/kubernetes-rules.js';
import { backingHost, PASSWORD_PLACEHOLDER, type DevKind } from './config.js';
import { projectName } from './names.js';
import type { Json, K8sObject } from './render.js';

export const BACKING_SECRET = 'backing-credentials';
const SENTINEL = '\u0000password';

interface PodUser {
  uid: number;
  gid: number;
}

/** The non-root user each image is built for (its data directories belong to it). */
const USERS: Readonly<Record<DevKind, PodUser>> = {
  postgres: { uid: 70, gid: 70 }, // alpine images: postgres is 70
  mysql: { uid: 999, gid: 999 },
  mariadb: { uid: 999, gid: 999 },
  mongodb: { uid: 999, gid: 999 },
  redis: { uid: 999, gid: 1000 },
  rabbitmq: { uid: 100, gid: 101 },
  kafka: { uid: 1000, gid: 1000 },
  nats: { uid: 1000, gid: 1000 },
  elasticsearch: { uid: 1000, gid: 0 },
  opensearch: { uid: 1000, gid: 1000 },
  memcached: { uid: 11211, gid: 11211 },
  sqlserver: { uid: 10001, gid: 0 },
  s3: { uid: 1000, gid: 1000 },
};

const BIG: ReadonlySet<DevKind> = new Set(['elasticsearch', 'opensearch', 'sqlserver', 'kafka']);

export function devKinds(services: readonly ServicePlan[]): DevKind[] {
  return BACKING_SERVICE_KINDS.filter((k): k is DevKind => k !== 'sqlite' && services.some((s) => s.backingServices.some((b) => b.kind === k)));
}

function exec(test: unknown): Json | null {
  if (!Array.isArray(test) || test.length < 2) return null;
  const [mode, ...rest] = test.map(String);
  const unescape = (s: string): string => s.replace(/\$\$/g, '$');
  if (mode === 'CMD-SHELL') return { exec: { command: ['sh', '-c', unescape(rest.join(' '))] } };
  return { exec: { command: rest.map(unescape) } };
}

function env(environment: unknown, passwordKey: string): Json[] {
  if (typeof environment !== 'object' || environment === null) return [];
  const out: Json[] = [];
  for (const [name, value] of Object.entries(environment as Record<string, unknown>)) {
    if (value === SENTINEL) {
      // `*_FILE` variables read a file; the plain variable takes the value from the Secret directly.
      const plain = name.replace(/_FILE$/, '');
      out.push({ name: plain, valueFrom: { secretKeyRef: { name: BACKING_SECRET, key: passwordKey } } });
    } else out.push({ name, value: String(value) });
  }
  return out;
}

export function backingObjects(plan: ProjectPlan, kind: DevKind): K8sObject[] {
  const spec = backingSpec(kind);
  const host = backingHost(kind, plan);
  const fields = spec.fields(host, spec.password ? SENTINEL : '', null);
  const labels = { 'app.kubernetes.io/name': host, 'app.kubernetes.io/part-of': projectName(plan), 'app.kubernetes.io/component': 'backing-service' };
  const selector = { 'app.kubernetes.io/name': host, 'app.kubernetes.io/part-of': projectName(plan) };
  const user = USERS[kind];
  const containerEnv = env(fields.environment, spec.password?.variable ?? '');
  // Postgres refuses a data directory that is a mount point it cannot chmod: use a subdirectory.
  if (kind === 'postgres') containerEnv.push({ name: 'PGDATA', value: `${spec.dataPath ?? '/var/lib/postgresql/data'}/pgdata` });
  const probe = exec((fields.healthcheck as Json | undefined)?.test);
  const ports = [['main', spec.port], ...(spec.extraPorts ?? []).map(([label, p]) => [label.toLowerCase(), p])] as Array<[string, number]>;
  const big = BIG.has(kind);
  const container: Json = {
    name: host,
    image: spec.image,
    imagePullPolicy: 'IfNotPresent',
    ...(Array.isArray(fields.command) ? { args: fields.command } : {}),
    ports: ports.map(([name, p]) => ({ name: name.slice(0, 15), containerPort: p, protocol: 'TCP' })),
    ...(containerEnv.length > 0 ? { env: containerEnv } : {}),
    ...(probe
      ? {
          startupProbe: { ...probe, periodSeconds: 5, timeoutSeconds: 5, failureThreshold: 60 },
          livenessProbe: { tcpSocket: { port: spec.port }, periodSeconds: 20, timeoutSeconds: 3, failureThreshold: 3 },
          readinessProbe: { ...probe, periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 },
        }
      : {
          livenessProbe: { tcpSocket: { port: spec.port }, periodSeconds: 20, timeoutSeconds: 3, failureThreshold: 3 },
          readinessProbe: { tcpSocket: { port: spec.port }, periodSeconds: 10, timeoutSeconds: 3, failureThreshold: 3 },
        }),
    resources: big
      ? { requests: { cpu: '250m', memory: kind === 'sqlserver' ? '2Gi' : '1Gi' }, limits: { cpu: '2', memory: kind === 'sqlserver' ? '2Gi' : '1536Mi' } }
      : { requests: { cpu: '100m', memory: '256Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    securityContext: { runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: false, capabilities: { drop: ['ALL'] } },
    ...(spec.dataPath !== null ? { volumeMounts: [{ name: 'data', mountPath: spec.dataPath }] } : {}),
  };
  const statefulSet: Json = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: host,
      labels,
      annotations: {
        [WAIVE_ANNOTATION]: 'DSQ-K8S-0005',
        [WAIVE_REASON_ANNOTATION]: 'dev-only backing service image that writes sockets, pid and config files under its own directories at start',
      },
    },
    spec: {
      serviceName: host,
      replicas: 1,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: {
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: user.uid, runAsGroup: user.gid, fsGroup: user.gid, seccompProfile: { type: 'RuntimeDefault' } },
          containers: [container],
        },
      },
      ...(spec.dataPath !== null
        ? { volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: big ? '5Gi' : '1Gi' } } } }] }
        : {}),
    },
  };
  const service: Json = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: host, labels },
    spec: { clusterIP: 'None', selector, ports: ports.map(([name, p]) => ({ name: name.slice(0, 15), port: p, targetPort: p, protocol: 'TCP' })) },
  };
  const policy: Json = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: host, labels },
    spec: { podSelector: { matchLabels: selector }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }], ports: ports.map(([, p]) => ({ port: p, protocol: 'TCP' })) }] },
  };
  const note = [`${host}: ${spec.image} for development only (one replica, ${spec.dataPath !== null ? 'data on a PersistentVolumeClaim' : 'no persistent data'}).`];
  if (spec.note) note.push(spec.note);
  return [{ object: statefulSet, comment: note }, { object: service }, { object: policy, comment: [`Pods in this namespace may connect to ${host}.`] }];
}

/** The dev credentials env file example: one password per backing service that has one. */
export function backingEnvExample(header: string, kinds: readonly DevKind[]): string | null {
  const lines = [header, `# Copy to backing.env (git-ignored) and choose passwords; kustomize builds the Secret ${BACKING_SECRET} from it.`];
  let any = false;
  for (const kind of kinds) {
    const password = backingSpec(kind).password;
    if (!password) continue;
    any = true;
    lines.push(`# ${password.comment}`, `${password.variable}=${PASSWORD_PLACEHOLDER}`);
  }
  return any ? `${lines.join('\n')}\n` : null;
}
