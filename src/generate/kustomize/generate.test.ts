import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { ProjectPlan, ServicePlan } from '../../plan/schema.js';
import { blankService } from '../../plan/service.js';
import { generate as generateKubernetes, inputs as kubernetesInputs } from '../kubernetes/generate.js';
import { kustomizeGenerator } from './index.js';
import { generate, inputs, type KustomizeInputs } from './generate.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test access into parsed YAML

function run(plan: ProjectPlan, overrides: Partial<KustomizeInputs> = {}) {
  return generate({ plan, services: plan.services, version: 'test' }, inputs.parse(overrides));
}

function content(files: ReturnType<typeof run>, file: string): string {
  const found = files.find((f) => f.path === file)?.content;
  expect(found, file).toBeDefined();
  return found ?? '';
}

function find(files: ReturnType<typeof run>, file: string, kind: string, name?: string): Obj {
  const found = parseAllDocuments(content(files, file)).map((d) => d.toJS() as Obj).find((o) => o?.kind === kind && (name === undefined || o.metadata?.name === name));
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

describe('kustomize generator', () => {
  it('is its own family; the base holds exactly the objects of the plain manifests', () => {
    expect(kustomizeGenerator.id).toBe('kustomize');
    const p = plan([api(), users()]);
    const files = run(p);
    expect(files.every((f) => f.path.startsWith('deploy/kustomize/'))).toBe(true);
    const plain = generateKubernetes({ plan: p, services: p.services, version: 'test' }, kubernetesInputs.parse({}));
    for (const name of ['api.yaml', 'users.yaml', '_defaults.yaml']) {
      expect(content(files, `deploy/kustomize/base/${name}`)).toBe(plain.find((f) => f.path === `deploy/kubernetes/${name}`)?.content);
    }
  });

  it('base lists the files, overlays set namespace, image tag, replicas, Secrets; dev adds the backing StatefulSets', () => {
    const files = run(plan([api(), users()]), { tag: '2.3.1' });
    expect(find(files, 'deploy/kustomize/base/kustomization.yaml', 'Kustomization').resources).toEqual(['_defaults.yaml', 'api.yaml', 'users.yaml']);
    const dev = find(files, 'deploy/kustomize/overlays/dev/kustomization.yaml', 'Kustomization');
    expect(dev).toMatchObject({ namespace: 'shop-app-dev', resources: ['../../base', 'namespace.yaml', 'backing-services.yaml'] });
    expect(dev.images).toContainEqual({ name: 'registry.example.com/team/shop-app-api', newTag: '2.3.1' });
    expect(dev.secretGenerator).toEqual([{ name: 'api-secrets', envs: ['secrets/api.env'] }, { name: 'backing-credentials', envs: ['secrets/backing.env'] }]);
    expect(dev.patches[0].patch).toMatch(/minReplicas\n {2}value: 1/);
    const prod = find(files, 'deploy/kustomize/overlays/prod/kustomization.yaml', 'Kustomization');
    expect(prod.resources).toEqual(['../../base', 'namespace.yaml']);
    expect(prod.patches[0].patch).toMatch(/maxReplicas\n {2}value: 10/);
    const postgres = find(files, 'deploy/kustomize/overlays/dev/backing-services.yaml', 'StatefulSet', 'postgres');
    expect(postgres.spec.template.spec.containers[0].image).toBe('postgres:17-alpine');
    expect(postgres.spec.volumeClaimTemplates[0].spec.resources.requests.storage).toBe('1Gi');
    expect(find(files, 'deploy/kustomize/overlays/prod/namespace.yaml', 'Namespace').metadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
    expect(files.some((f) => /overlays\/(staging|prod)\/backing/.test(f.path))).toBe(false);
  });

  it('Secrets come from git-ignored env files whose dev example points at the dev StatefulSets', () => {
    const files = run(plan([api(), users()]));
    const devExample = content(files, 'deploy/kustomize/overlays/dev/secrets/api.env.example');
    expect(devExample).toMatch(/^DATABASE_URL=postgresql:\/\/app:change-me@postgres:5432\/app$/m);
    expect(devExample).toMatch(/^JWT_SECRET=$/m);
    expect(content(files, 'deploy/kustomize/overlays/prod/secrets/api.env.example')).toMatch(/^DATABASE_URL=$/m);
    expect(content(files, 'deploy/kustomize/overlays/dev/.gitignore')).toMatch(/secrets\/api\.env\nsecrets\/backing\.env/);
  });

  it("secrets: 'external-secrets' renders ExternalSecrets for staging/prod and keeps env files for dev", () => {
    const files = run(plan([api()]), { secrets: 'external-secrets', secretStore: 'vault' });
    const prod = find(files, 'deploy/kustomize/overlays/prod/external-secrets.yaml', 'ExternalSecret');
    expect(prod.spec.secretStoreRef).toEqual({ kind: 'ClusterSecretStore', name: 'vault' });
    expect(prod.spec.data[0].remoteRef).toEqual({ key: 'shop-app/prod/api', property: 'DATABASE_URL' });
    expect(find(files, 'deploy/kustomize/overlays/prod/kustomization.yaml', 'Kustomization').secretGenerator).toBeUndefined();
    expect(files.some((f) => f.path === 'deploy/kustomize/overlays/prod/secrets/api.env.example')).toBe(false);
    expect(files.some((f) => f.path === 'deploy/kustomize/overlays/dev/secrets/api.env.example')).toBe(true);
  });

  it('is deterministic and namespaced by the namespace input', () => {
    const p = plan([api(), users()]);
    expect(run(p)).toEqual(run(p));
    expect(find(run(p, { namespace: 'acme' }), 'deploy/kustomize/overlays/staging/kustomization.yaml', 'Kustomization').namespace).toBe('acme-staging');
    expect(run(plan([]))).toEqual([]);
  });
});
