import { describe, expect, it } from 'vitest';
import { testdir } from '../../test/helpers.js';
import { RepoFs } from '../core/repo/repo-fs.js';
import type { Detection, Detector } from '../detect/types.js';
import { analyzeRepository } from './analyze.js';
import { ProjectPlan } from './schema.js';
import { blankService } from './service.js';

/** A minimal detector for exercising the analyzer on its own. */
function fake(id: string, priority: number, markers: string[], judge: (dir: string) => Detection | null, extra: Partial<Detector> = {}): Detector {
  return {
    id,
    displayName: id,
    priority,
    markers,
    detect: (_repo, dir) => judge(dir),
    plan: (_repo, dir) => {
      const s = blankService({ name: dir.split('/').pop() || 'root', path: dir, language: 'node', runtime: { name: 'node', version: '22', source: 'test' } });
      s.framework = id;
      s.port.value = 3000;
      return [s];
    },
    ...extra,
  };
}

const service = (reason = 'test'): Detection => ({ role: 'service', reason });

function analyze(files: Record<string, string>, detectors: Detector[]) {
  return analyzeRepository(new RepoFs(testdir(files)), { detectors: new Map(detectors.map((d) => [d.id, d])) });
}

describe('analyzeRepository', () => {
  it('lets the highest-priority service detection win a directory, whatever the registry order', () => {
    const { plan } = analyze({ 'package.json': '{}', 'Gemfile': '' }, [fake('low', 10, ['package.json'], () => service()), fake('high', 60, ['Gemfile'], () => service())]);
    expect(plan.services.map((s) => s.framework)).toEqual(['high']);
  });

  it('falls back to a lower-priority detector when the higher one says library', () => {
    const { plan } = analyze({ 'package.json': '{}', 'requirements.txt': 'mkdocs' }, [
      fake('python', 60, ['requirements.txt'], () => ({ role: 'library', reason: 'docs tooling only' })),
      fake('node', 40, ['package.json'], () => service()),
    ]);
    expect(plan.services.map((s) => s.framework)).toEqual(['node']);
  });

  it('finds services in every folder of a monorepo and records the workspace tools', () => {
    const { plan } = analyze({ 'package.json': '{}', 'apps/api/package.json': '{}', 'apps/web/package.json': '{}' }, [
      fake('node', 40, ['package.json'], (dir) => (dir === '' ? { role: 'workspace-root', reason: 'workspaces', data: { tools: ['npm-workspaces'] } } : service())),
    ]);
    expect(plan.services.map((s) => s.path)).toEqual(['apps/api', 'apps/web']);
    expect(plan.monorepo).toEqual({ tools: ['npm-workspaces'], members: ['apps/api', 'apps/web'] });
  });

  it('does not treat examples, tests, docs or fixtures as services', () => {
    const { plan } = analyze({ 'package.json': '{}', 'examples/demo/package.json': '{}', 'test/fixtures/app/package.json': '{}', 'docs/site/package.json': '{}' }, [fake('node', 40, ['package.json'], () => service())]);
    expect(plan.services.map((s) => s.path)).toEqual(['']);
  });

  it('ignores a static-site detection inside another service', () => {
    const { plan } = analyze({ 'manage.py': '', 'web/index.html': '<html>' }, [
      fake('python', 60, ['manage.py'], () => service()),
      fake('static', 10, ['index.html'], () => service(), { nestedInService: false }),
    ]);
    expect(plan.services.map((s) => s.framework)).toEqual(['python']);
  });

  it('keeps going when a detector throws, and reports it', () => {
    const { plan } = analyze({ 'package.json': '{}', 'a/package.json': '{}' }, [
      fake('node', 40, ['package.json'], (dir) => {
        if (dir === 'a') throw new Error('kaboom');
        return service();
      }),
    ]);
    expect(plan.services).toHaveLength(1);
    expect(plan.diagnostics.map((d) => d.code)).toContain('DSQ_ERR_INTERNAL_ERROR');
  });

  it('gives two services with one name distinct names', () => {
    const { plan } = analyze({ 'billing/api/package.json': '{}', 'users/api/package.json': '{}' }, [fake('node', 40, ['package.json'], () => service())]);
    expect(plan.services.map((s) => s.name).sort()).toEqual(['api', 'users-api']);
  });

  it('records existing Dockerfile, compose, CI and Kubernetes files, and takes the port from EXPOSE when the code did not say', () => {
    const files = {
      'package.json': '{}',
      'Dockerfile': 'FROM node:22\nEXPOSE 8081\n',
      'compose.yaml': 'services: {}\n',
      '.github/workflows/ci.yml': 'on: push\n',
      'k8s/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\n',
    };
    const detector = fake('node', 40, ['package.json'], () => service());
    detector.plan = (_repo, dir) => [blankService({ name: 'app', path: dir, language: 'node', runtime: { name: 'node', version: '22', source: 'test' } })];
    const { plan } = analyze(files, [detector]);
    const s = plan.services[0]!;
    expect(s.existing).toEqual({ dockerfile: 'Dockerfile', compose: 'compose.yaml', ci: ['.github/workflows/ci.yml'], kubernetes: ['k8s/deployment.yaml'] });
    expect(s.port.value).toBe(8081);
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'Dockerfile', line: 2, note: 'EXPOSE 8081 in the existing Dockerfile' });
  });

  it('uses a Dockerfile variant named after the service (api.dockerfile, Dockerfile.prod) as the existing recipe', () => {
    const detector = fake('node', 40, ['package.json'], () => service());
    detector.plan = (_repo, dir) => [blankService({ name: 'api', path: dir, language: 'node', runtime: { name: 'node', version: '22', source: 'test' } })];
    const { plan } = analyze({ 'package.json': '{}', 'Dockerfile.dev': 'FROM node:22\nEXPOSE 9999\n', 'api.dockerfile': 'FROM node:22\nEXPOSE 8080\n' }, [detector]);
    expect(plan.services[0]?.existing.dockerfile).toBe('api.dockerfile');
    expect(plan.services[0]?.port.value).toBe(8080);
  });

  it('links a service to another one whose name its env vars point at', () => {
    const detector = fake('node', 40, ['package.json'], () => service());
    detector.plan = (_repo, dir) => {
      const s = blankService({ name: dir.split('/').pop()!, path: dir, language: 'node', runtime: { name: 'node', version: '22', source: 'test' } });
      if (dir.endsWith('orders')) s.env.push({ name: 'USERS_API_URL', required: true, secret: false, default: null }, { name: 'PAYMENTS_URL', required: false, secret: false, default: null });
      return [s];
    };
    const { plan } = analyze({ 'services/orders/package.json': '{}', 'services/users/package.json': '{}' }, [detector]);
    expect(plan.services.find((s) => s.name === 'orders')?.dependsOn).toEqual(['users']);
  });

  it('produces a plan that matches the schema, with no absolute paths, for an unknown stack too', () => {
    const { plan } = analyze({ 'README.md': '# nothing here', 'main.cob': 'IDENTIFICATION DIVISION.' }, []);
    expect(ProjectPlan.parse(plan)).toEqual(plan);
    expect(plan.services).toEqual([]);
    expect(plan.warnings[0]).toMatch(/No deployable service/);
    expect(JSON.stringify(plan)).not.toContain('/tmp/');
  });
});
