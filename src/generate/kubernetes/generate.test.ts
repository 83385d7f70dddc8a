import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { EXAMPLES_DIR } from '../../../test/helpers.js';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import type { ProjectPlan, ServicePlan } from '../../plan/schema.js';
import { blankService } from '../../plan/service.js';
import { kubernetesGenerator } from './index.js';
import { generate, inputs } from './generate.js';
import type { KubernetesInputs } from './inputs.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test access into parsed YAML

function example(name: string): ProjectPlan {
  return analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
}

function run(plan: ProjectPlan, overrides: Partial<KubernetesInputs> = {}) {
  return generate({ plan, services: plan.services, version: 'test' }, inputs.parse(overrides));
}

function objects(content: string): Obj[] {
  return parseAllDocuments(content).map((d) => d.toJS() as Obj).filter(Boolean);
}

function find(files: ReturnType<typeof run>, file: string, kind: string, name?: string): Obj {
  const content = files.find((f) => f.path === file)?.content;
  expect(content, file).toBeDefined();
  const found = objects(content ?? '').find((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
  expect(found, `${kind} in ${file}`).toBeDefined();
  return found ?? {};
}

function plan(services: ServicePlan[]): ProjectPlan {
  return { schemaVersion: 1, name: 'Shop_App', monorepo: null, services, warnings: [], diagnostics: [] };
}

function api(): ServicePlan {
  const s = blankService({ name: 'api', path: 'api', language: 'node', runtime: { name: 'node', version: '22', source: '.nvmrc' } });
  s.port = { value: 3000, envVar: 'PORT', bindAddress: null };
  s.commands.start = 'node server.js';
  s.env = [
    { name: 'DATABASE_URL', required: true, secret: true, default: null },
    { name: 'JWT_SECRET', required: true, secret: true, default: null },
    { name: 'LOG_LEVEL', required: false, secret: false, default: 'info' },
    { name: 'USERS_URL', required: false, secret: false, default: 'http://localhost:3001' },
    { name: 'FEATURE_FLAGS', required: false, secret: false, default: null },
  ];
  s.backingServices = [{ kind: 'postgres', envVar: 'DATABASE_URL' }];
  s.dependsOn = ['users'];
  return s;
}

function users(): ServicePlan {
  const s = blankService({ name: 'users', path: 'users', language: 'go', runtime: { name: 'go', version: '1.23', source: 'go.mod' } });
  s.port = { value: 3001, envVar: 'PORT', bindAddress: null };
  s.health = { path: '/healthz' };
  s.commands.start = '/app/users';
  return s;
}

describe('kubernetes generator', () => {
  it('is registered with inputs that default sensibly and refuse latest', () => {
    expect(kubernetesGenerator.id).toBe('kubernetes');
    const defaults = inputs.parse({});
    expect(defaults).toMatchObject({ tag: '0.1.0', manifests: true, secrets: 'template', ingress: { enabled: true, className: 'nginx', tlsSecret: '{service}-tls' } });
    expect(() => inputs.parse({ tag: 'latest' })).toThrow(/not latest/);
  });

  it('matches the image: runAsUser is the uid of the generated Dockerfile, probes use the health route', () => {
    const files = run(example('go-gin'));
    const deployment = find(files, 'deploy/kubernetes/go-gin.yaml', 'Deployment');
    const pod = deployment.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } });
    const container = pod.containers[0];
    expect(container.image).toBe('registry.example.com/team/go-gin-go-gin:0.1.0');
    expect(container.securityContext).toEqual({ runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' }); // main.go's route
    expect(container.livenessProbe).toMatchObject({ tcpSocket: { port: 'http' } });
    expect(container.startupProbe.failureThreshold * container.startupProbe.periodSeconds).toBe(60);
    expect(container.lifecycle.preStop.sleep.seconds).toBe(5);
    expect(pod.terminationGracePeriodSeconds).toBe(35);
    expect(deployment.spec.replicas).toBeUndefined();
  });

  it('gives JVM services more memory and a longer startup budget; 10001 for created users', () => {
    const container = find(run(example('java-spring-boot-maven')), 'deploy/kubernetes/orders.yaml', 'Deployment').spec.template.spec;
    expect(container.securityContext.runAsUser).toBe(10001);
    expect(container.containers[0].resources).toEqual({ requests: { cpu: '250m', memory: '512Mi' }, limits: { cpu: '1', memory: '1Gi' } });
    expect(container.containers[0].startupProbe.failureThreshold).toBe(60);
  });

  it(".NET images run as their built-in $APP_UID (1654)", () => {
    expect(find(run(example('dotnet-aspnet-minimal-api')), 'deploy/kubernetes/todoapi.yaml', 'Deployment').spec.template.spec.securityContext.runAsUser).toBe(1654);
  });

  it('mounts writable emptyDirs where the runtime writes (nginx conf.d, Next.js cache)', () => {
    const spa = run(example('node-vite-react-spa'));
    const spaPod = find(spa, spa.find((f) => /deploy\/kubernetes\/[^/_]+\.yaml$/.test(f.path))?.path ?? '', 'Deployment').spec.template.spec;
    expect(spaPod.securityContext.runAsUser).toBe(101);
    expect(spaPod.containers[0].volumeMounts.map((m: Obj) => m.mountPath)).toEqual(['/tmp', '/etc/nginx/conf.d']);
    expect(spaPod.containers[0].readinessProbe.httpGet.path).toBe('/healthz');
    const next = run(example('node-nextjs-standalone'));
    const nextPod = find(next, next.find((f) => /deploy\/kubernetes\/[^/_]+\.yaml$/.test(f.path))?.path ?? '', 'Deployment').spec.template.spec;
    expect(nextPod.containers[0].volumeMounts.map((m: Obj) => m.mountPath)).toContain('/app/.next/cache');
  });

  it('workers get no Service, Ingress or probes but keep HPA, PDB and NetworkPolicy', () => {
    const p = example('go-multi-binary');
    const worker = p.services.find((s) => s.kind === 'worker');
    expect(worker).toBeDefined();
    const content = run(p).find((f) => f.path === `deploy/kubernetes/${worker?.name}.yaml`)?.content ?? '';
    const kinds = objects(content).map((o) => o.kind);
    expect(kinds).toEqual(['ServiceAccount', 'ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'PodDisruptionBudget', 'NetworkPolicy']);
    const container = objects(content).find((o) => o.kind === 'Deployment')?.spec.template.spec.containers[0];
    expect(container.ports).toBeUndefined();
    expect(container.readinessProbe).toBeUndefined();
  });

  it('splits env into ConfigMap and Secret, never writes secret values, rewrites localhost to the dependency', () => {
    const files = run(plan([api(), users()]));
    const cm = find(files, 'deploy/kubernetes/api.yaml', 'ConfigMap');
    expect(cm.data).toEqual({ LOG_LEVEL: 'info', PORT: '3000', USERS_URL: 'http://users:3001' });
    const secret = find(files, 'deploy/kubernetes/secrets/api.yaml', 'Secret');
    expect(secret.stringData).toEqual({ DATABASE_URL: '', JWT_SECRET: '' });
    const envFrom = find(files, 'deploy/kubernetes/api.yaml', 'Deployment').spec.template.spec.containers[0].envFrom;
    expect(envFrom).toEqual([{ configMapRef: { name: 'api-config' } }, { secretRef: { name: 'api-secrets' } }]);
    // users has no secrets: no Secret file and no secretRef.
    expect(files.some((f) => f.path === 'deploy/kubernetes/secrets/users.yaml')).toBe(false);
  });

  it('NetworkPolicies: namespace default deny + DNS, app port from the ingress controller, egress to dependencies and backing ports', () => {
    const files = run(plan([api(), users()]));
    const defaults = objects(files.find((f) => f.path === 'deploy/kubernetes/_defaults.yaml')?.content ?? '');
    expect(defaults.map((o) => o.metadata.name)).toEqual(['default-deny-all', 'allow-dns']);
    const policy = find(files, 'deploy/kubernetes/api.yaml', 'NetworkPolicy');
    expect(policy.spec.ingress[0].ports).toEqual([{ port: 3000, protocol: 'TCP' }]);
    expect(policy.spec.ingress[0].from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name']).toBe('ingress-nginx');
    expect(policy.spec.egress).toEqual([
      { to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'users', 'app.kubernetes.io/part-of': 'shop-app' } } }], ports: [{ port: 3001, protocol: 'TCP' }] },
      { ports: [{ port: 5432, protocol: 'TCP' }] },
    ]);
  });

  it('Ingress uses the class, host pattern and TLS secret inputs, and can be turned off', () => {
    const files = run(plan([users()]), { ingress: { enabled: true, className: 'traefik', host: '{service}.{project}.acme.dev', tlsSecret: null, controllerNamespace: 'traefik' } });
    const ingress = find(files, 'deploy/kubernetes/users.yaml', 'Ingress');
    expect(ingress.spec).toMatchObject({ ingressClassName: 'traefik', rules: [{ host: 'users.shop-app.acme.dev' }] });
    expect(ingress.spec.tls).toBeUndefined();
    const off = run(plan([users()]), { ingress: { enabled: false, className: 'nginx', host: 'x', tlsSecret: null, controllerNamespace: 'x' } });
    expect(objects(off.find((f) => f.path === 'deploy/kubernetes/users.yaml')?.content ?? '').map((o) => o.kind)).not.toContain('Ingress');
  });

  it("secrets: 'external-secrets' renders ExternalSecrets in the plain manifests", () => {
    const files = run(plan([api()]), { secrets: 'external-secrets', secretStore: 'vault' });
    const plain = find(files, 'deploy/kubernetes/secrets/api.yaml', 'ExternalSecret');
    expect(plain.spec.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'vault' });
    expect(plain.spec.data.map((d: Obj) => d.secretKey)).toEqual(['DATABASE_URL', 'JWT_SECRET']);
  });

  it('renders only what is asked, deterministically', () => {
    const p = plan([api(), users()]);
    expect(run(p).every((f) => f.path.startsWith('deploy/kubernetes/') || f.path === 'deploy/deploy.sh' || f.path === 'deploy/rollback.sh')).toBe(true);
    // The CI deploy hooks serve the kustomize family's overlays too, so they stay without plain manifests.
    expect(run(p, { manifests: false }).map((f) => f.path)).toEqual(['deploy/deploy.sh', 'deploy/rollback.sh']);
    expect(run(p)).toEqual(run(p));
    expect(run(p)[0]?.content.split('\n')[0]).toMatch(/^# generated by devsquad from the plan for service api/);
  });
});
