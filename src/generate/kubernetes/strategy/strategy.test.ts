/**
 * Deployment strategies on real plans: the objects each strategy writes, that they pass the
 * Kubernetes validator (Rollouts included), and that the deploy hooks are valid bash (bash -n,
 * shellcheck where installed) that dispatch each service to its strategy.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { EXAMPLES_DIR } from '../../../../test/helpers.js';
import { RepoFs } from '../../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../../plan/analyze.js';
import type { ProjectPlan } from '../../../plan/schema.js';
import { validateKubernetes } from '../../../validate/kubernetes.js';
import type { GeneratedFile } from '../../types.js';
import { generate, inputs } from '../generate.js';
import type { KubernetesInputs } from '../inputs.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test access into parsed YAML

const plans = new Map<string, ProjectPlan>();
function example(name: string): ProjectPlan {
  const cached = plans.get(name) ?? analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
  plans.set(name, cached);
  return cached;
}

function run(plan: ProjectPlan, overrides: Partial<KubernetesInputs>): GeneratedFile[] {
  return generate({ plan, services: plan.services, version: 'test' }, inputs.parse(overrides));
}

function objects(files: GeneratedFile[], file: string): Obj[] {
  const content = files.find((f) => f.path === file)?.content ?? '';
  return parseAllDocuments(content).map((d) => d.toJS() as Obj).filter(Boolean);
}

function file(files: GeneratedFile[], p: string): string {
  const found = files.find((f) => f.path === p);
  expect(found, p).toBeDefined();
  return found?.content ?? '';
}

const hasShellcheck = spawnSync('which', ['shellcheck']).status === 0;

function checkShell(files: GeneratedFile[]): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsq-hooks-'));
  for (const f of files.filter((x) => x.kind === 'shell')) {
    const target = path.join(dir, path.basename(f.path));
    fs.writeFileSync(target, f.content);
    expect(spawnSync('bash', ['-n', target]).status, `bash -n ${f.path}`).toBe(0);
    if (hasShellcheck) {
      const result = spawnSync('shellcheck', ['--shell=bash', '--severity=style', target], { encoding: 'utf8' });
      expect(result.stdout, `shellcheck ${f.path}`).toBe('');
    }
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

describe('rolling (default)', () => {
  it('keeps a RollingUpdate Deployment and writes hooks that set the image and wait', () => {
    const files = run(example('node-express-prisma'), {});
    const deployment = objects(files, 'deploy/kubernetes/invoices.yaml').find((o) => o.kind === 'Deployment');
    expect(deployment?.spec.strategy.type).toBe('RollingUpdate');
    const deploy = file(files, 'deploy/deploy.sh');
    expect(deploy).toContain("  'invoices') mode='rolling' ;;");
    expect(deploy).toContain('k set image "deployment/$service" "$service=$image"');
    expect(deploy).toContain('k rollout status "deployment/$service" --timeout "${timeout}s"');
    expect(deploy).toContain('namespace=${NAMESPACE:-node-express-prisma-$overlay}');
    expect(file(files, 'deploy/rollback.sh')).toContain('k rollout undo "deployment/$service"');
    expect(deploy).not.toContain('argo rollouts');
    expect(files.find((f) => f.path === 'deploy/deploy.sh')?.kind).toBe('shell');
    checkShell(files);
  });
});

describe('Argo Rollouts', () => {
  it('blue-green: a Rollout with active and preview Services, the HPA scaling the Rollout', () => {
    const files = run(example('node-express-prisma'), { strategy: 'blue-green' });
    const objs = objects(files, 'deploy/kubernetes/invoices.yaml');
    expect(objs.some((o) => o.kind === 'Deployment')).toBe(false);
    const rollout = objs.find((o) => o.kind === 'Rollout');
    expect(rollout?.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(rollout?.spec.strategy).toEqual({ blueGreen: { activeService: 'invoices', previewService: 'invoices-preview', autoPromotionEnabled: false, scaleDownDelaySeconds: 30 } });
    expect(rollout?.spec.template.spec.containers[0].readinessProbe.httpGet.path).toBe('/health');
    expect(objs.filter((o) => o.kind === 'Service').map((o) => o.metadata.name)).toEqual(['invoices', 'invoices-preview']);
    expect(objs.find((o) => o.kind === 'HorizontalPodAutoscaler')?.spec.scaleTargetRef).toEqual({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: 'invoices' });
    const rollback = file(files, 'deploy/rollback.sh');
    expect(rollback).toContain('argo abort "$service"');
    expect(rollback).toContain('argo undo "$service"');
    expect(file(files, 'deploy/deploy.sh')).toContain('argo promote "$service"');
    checkShell(files);
  });

  it('canary: steps 20% / pause / 50% / 60 s, and a worker canaries too', () => {
    const files = run(example('python-django-poetry'), { strategy: 'canary' });
    const rollouts = files.filter((f) => f.path.startsWith('deploy/kubernetes/')).flatMap((f) => objects(files, f.path)).filter((o) => o.kind === 'Rollout');
    expect(rollouts.length).toBeGreaterThanOrEqual(2);
    for (const r of rollouts) expect(r.spec.strategy.canary.steps).toEqual([{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '60s' } }]);
    expect(file(files, 'deploy/deploy.sh')).toMatch(/'\) mode='canary-rollout' ;;/);
    checkShell(files);
  });

  it('blue-green falls back to rolling for a worker, and says so', () => {
    const plan = example('python-django-poetry');
    const worker = plan.services.find((s) => s.kind === 'worker');
    expect(worker).toBeDefined();
    const files = run(plan, { strategy: 'blue-green' });
    const objs = objects(files, `deploy/kubernetes/${worker?.name ?? ''}.yaml`);
    expect(objs.find((o) => o.kind === 'Deployment')?.spec.strategy.type).toBe('RollingUpdate');
    const deploy = files.find((f) => f.path === 'deploy/deploy.sh');
    expect(deploy?.content).toContain(`  '${worker?.name ?? ''}') mode='rolling' ;;`);
    expect(deploy?.notes?.join('\n')).toContain('keeps the rolling update');
    checkShell(files);
  });
});

describe('plain Deployments (rollouts: false)', () => {
  it('blue-green: blue and green Deployments, the Service selecting blue and the preview green', () => {
    const files = run(example('go-gin'), { strategy: 'blue-green', rollouts: false });
    const name = example('go-gin').services[0]?.name ?? '';
    const objs = objects(files, `deploy/kubernetes/${name}.yaml`);
    const deployments = objs.filter((o) => o.kind === 'Deployment');
    expect(deployments.map((d) => d.metadata.name)).toEqual([`${name}-blue`, `${name}-green`]);
    expect(deployments[1]?.spec.selector.matchLabels['deploy.devsquad.dev/slot']).toBe('green');
    expect(deployments[1]?.spec.template.metadata.labels['deploy.devsquad.dev/slot']).toBe('green');
    const services = objs.filter((o) => o.kind === 'Service');
    expect(services.map((s) => [s.metadata.name, s.spec.selector['deploy.devsquad.dev/slot']])).toEqual([[name, 'blue'], [`${name}-preview`, 'green']]);
    expect(objs.filter((o) => o.kind === 'HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name)).toEqual([`${name}-blue`, `${name}-green`]);
    const deploy = file(files, 'deploy/deploy.sh');
    expect(deploy).toContain("k patch service \"$service\" --type merge -p \"{\\\"spec\\\":{\\\"selector\\\":{\\\"deploy.devsquad.dev/slot\\\":\\\"$idle\\\"}}}\"");
    expect(file(files, 'deploy/rollback.sh')).toContain('deploy\\.devsquad\\.dev/previous-slot');
    checkShell(files);
  });

  it('canary: a stable Deployment and a canary one at 0 replicas, both behind the Service', () => {
    const files = run(example('go-gin'), { strategy: 'canary', rollouts: false });
    const name = example('go-gin').services[0]?.name ?? '';
    const objs = objects(files, `deploy/kubernetes/${name}.yaml`);
    const [stable, canary] = objs.filter((o) => o.kind === 'Deployment');
    expect(stable?.metadata.name).toBe(name);
    expect(stable?.spec.replicas).toBeUndefined();
    expect(canary?.metadata.name).toBe(`${name}-canary`);
    expect(canary?.spec.replicas).toBe(0);
    const service = objs.find((o) => o.kind === 'Service');
    expect(service?.spec.selector['deploy.devsquad.dev/track']).toBeUndefined();
    expect(file(files, 'deploy/deploy.sh')).toContain('k scale "deployment/$canary" --replicas=1');
    expect(file(files, 'deploy/rollback.sh')).toContain('k rollout undo "deployment/$service"');
    checkShell(files);
  });
});

describe('every strategy validates on a mixed plan', () => {
  const combos: Array<Partial<KubernetesInputs>> = [
    { strategy: 'blue-green' }, { strategy: 'canary' }, { strategy: 'blue-green', rollouts: false }, { strategy: 'canary', rollouts: false },
  ];
  it.each(combos)('%o', (combo) => {
    const files = run(example('python-django-poetry'), combo);
    const problems = files.filter((f) => f.kind === 'kubernetes')
      .flatMap((f) => validateKubernetes(f).filter((d) => d.severity !== 'info').map((d) => `${f.path}:${d.line} ${d.ruleId} ${d.message}`));
    expect(problems, problems.join('\n')).toEqual([]);
    checkShell(files);
  });
});

it('bash runs the hook far enough to reject bad arguments (no cluster needed)', () => {
  const files = run(example('go-gin'), { strategy: 'canary' });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dsq-run-'));
  const script = path.join(dir, 'deploy.sh');
  fs.writeFileSync(script, file(files, 'deploy/deploy.sh'), { mode: 0o755 });
  const bad = (...args: string[]) => spawnSync('bash', [script, ...args], { encoding: 'utf8' });
  expect(bad('qa', 'x', 'img').stderr).toContain("unknown environment 'qa'");
  expect(bad('staging', '$(touch pwned)', 'img').stderr).toContain('unknown service');
  expect(bad('staging').status).toBe(64);
  expect(fs.existsSync('pwned')).toBe(false);
  expect(() => execFileSync('bash', ['-n', script])).not.toThrow();
  fs.rmSync(dir, { recursive: true, force: true });
});
