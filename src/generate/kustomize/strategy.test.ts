/**
 * Blue-green and canary in Kustomize, on real examples: the base carries the kubernetes family's
 * strategy objects, every file passes the Kubernetes validator, and — with `kubectl kustomize`
 * (skipped when kubectl is absent) — each overlay builds, its output passes the validator, generated
 * Secret names reach the Rollout, selectors match, and prod patches the canary steps / delay.
 */
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { examplePlan as plan } from '../../../test/helpers.js';
import { validateKubernetes } from '../../validate/kubernetes.js';
import { severityRank } from '../../validate/types.js';
import { STRATEGY_VARIANTS as VARIANTS, type StrategyVariant as Variant } from '../kubernetes/strategy/variants-testing.js';
import { generate as generateKubernetes, inputs as kubernetesInputs } from '../kubernetes/generate.js';
import { CANARY_STEPS, PROD_CANARY_STEPS, SLOT_LABEL } from '../kubernetes/strategy/plan.js';
import type { GeneratedFile } from '../types.js';
import { generate, inputs } from './generate.js';
import { ROLLOUT_TRANSFORM_FILE } from './strategy.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test access into parsed YAML

const INFO = severityRank('info');
const hasKubectl = spawnSync('which', ['kubectl']).status === 0;
const run = promisify(execFile);
const EXAMPLES = ['node-express', 'node-monorepo-pnpm-turbo', 'go-multi-binary'] as const;
const ENVIRONMENTS = ['dev', 'staging', 'prod'] as const;
const key = (example: string, v: Variant): string => `${example} ${v.strategy} ${String(v.rollouts)}`;

const generated = new Map<string, GeneratedFile[]>();
/** Per example+variant and environment: the built objects and text, or kubectl's error. */
const built = new Map<string, { text: string; objects: Obj[]; error: string | null }>();
let tmp = '';

function docs(text: string): Obj[] {
  return parseAllDocuments(text).map((d) => d.toJS() as Obj).filter(Boolean);
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-kustomize-strategy-'));
  const jobs: Array<Promise<void>> = [];
  for (const example of EXAMPLES) {
    for (const v of VARIANTS) {
      const p = plan(example);
      const files = generate({ plan: p, services: p.services, version: 'test' }, inputs.parse(v));
      generated.set(key(example, v), files);
      if (!hasKubectl) continue;
      const root = path.join(tmp, example, `${v.strategy}-${String(v.rollouts)}`);
      for (const f of files) {
        // The git-ignored env files the overlays read: the examples stand in for them.
        const target = path.join(root, f.path.replace(/\.env\.example$/, '.env'));
        fs.mkdirSync(path.dirname(target), { recursive: true });
        fs.writeFileSync(target, f.content);
      }
      for (const env of ENVIRONMENTS) {
        jobs.push(run('kubectl', ['kustomize', path.join(root, 'deploy/kustomize/overlays', env)], { maxBuffer: 16 * 1024 * 1024 })
          .then(({ stdout }) => { built.set(`${key(example, v)} ${env}`, { text: stdout, objects: docs(stdout), error: null }); })
          .catch((error: { stderr?: string }) => { built.set(`${key(example, v)} ${env}`, { text: '', objects: [], error: error.stderr ?? String(error) }); }));
      }
    }
  }
  await Promise.all(jobs);
}, 60_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const find = (list: Obj[], kind: string, name: string): Obj | undefined => list.find((o) => o.kind === kind && o.metadata?.name === name);
const matches = (selector: Obj, labels: Obj): boolean => Object.entries(selector).every(([k, v]) => labels[k] === v);

describe.each(EXAMPLES)('kustomize strategies on %s', (example) => {
  it.each(VARIANTS)('$strategy (rollouts $rollouts): the base is the plain manifests, every file valid', (v) => {
    const files = generated.get(key(example, v)) ?? [];
    const p = plan(example);
    const plain = generateKubernetes({ plan: p, services: p.services, version: 'test' }, kubernetesInputs.parse(v));
    for (const s of p.services) {
      expect(files.find((f) => f.path === `deploy/kustomize/base/${s.name}.yaml`)?.content, s.name).toBe(plain.find((f) => f.path === `deploy/kubernetes/${s.name}.yaml`)?.content);
    }
    const problems = files.filter((f) => f.kind === 'kubernetes').flatMap((f) => validateKubernetes({ path: f.path, content: f.content }).filter((d) => severityRank(d.severity) > INFO).map((d) => `${f.path}:${d.line} ${d.ruleId} ${d.message}`));
    expect(problems, problems.join('\n')).toEqual([]);
    expect(files.some((f) => f.path === `deploy/kustomize/base/${ROLLOUT_TRANSFORM_FILE}`)).toBe(v.rollouts);
  });

  it.skipIf(!hasKubectl).each(VARIANTS)('$strategy (rollouts $rollouts): every overlay builds, valid, references resolved', (v) => {
    for (const env of ENVIRONMENTS) {
      const result = built.get(`${key(example, v)} ${env}`);
      expect(result?.error ?? null, `${env}: ${result?.error ?? ''}`).toBeNull();
      const objects = result?.objects ?? [];
      const problems = validateKubernetes({ path: `built/${env}.yaml`, content: result?.text ?? '' }).filter((d) => severityRank(d.severity) > INFO).map((d) => `${env}:${d.line ?? ''} ${d.ruleId} ${d.message}`);
      expect(problems, problems.join('\n')).toEqual([]);
      const workloads = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Rollout');
      expect(workloads.length).toBeGreaterThan(0);
      for (const w of workloads) {
        const pod = w.spec.template.spec;
        // Generated Secrets get a hash suffix: the workload must name the generated Secret.
        for (const ref of pod.containers.flatMap((c: Obj) => c.envFrom ?? [])) {
          if (ref.secretRef) expect(find(objects, 'Secret', ref.secretRef.name) ?? find(objects, 'ExternalSecret', ref.secretRef.name), `${env} ${w.metadata.name} → Secret ${ref.secretRef.name}`).toBeDefined();
          if (ref.configMapRef) expect(find(objects, 'ConfigMap', ref.configMapRef.name), `${env} ConfigMap ${ref.configMapRef.name}`).toBeDefined();
        }
        expect(matches(w.spec.selector.matchLabels, w.spec.template.metadata.labels), `${env} ${w.metadata.name} selector`).toBe(true);
        expect(w.metadata.namespace).toMatch(new RegExp(`-${env}$`));
      }
      for (const hpa of objects.filter((o) => o.kind === 'HorizontalPodAutoscaler')) {
        expect(find(objects, hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name), `${env} HPA ${hpa.metadata.name}`).toBeDefined();
      }
      for (const svc of objects.filter((o) => o.kind === 'Service')) {
        const pods = objects.filter((o) => o.kind === 'Deployment' || o.kind === 'Rollout' || o.kind === 'StatefulSet');
        expect(pods.some((w) => matches(svc.spec.selector, w.spec.template.metadata.labels)), `${env} Service ${svc.metadata.name} selects pods`).toBe(true);
      }
    }
  });
});

describe.skipIf(!hasKubectl)('kustomize strategy specifics (node-express)', () => {
  const name = (): string => plan('node-express').services[0]?.name ?? '';
  const objects = (v: Variant, env: string): Obj[] => built.get(`${key('node-express', v)} ${env}`)?.objects ?? [];

  it('canary Rollout: the base steps in dev and staging, prod patches slower ones', () => {
    expect(find(objects(VARIANTS[2], 'dev'), 'Rollout', name())?.spec.strategy.canary.steps).toEqual(CANARY_STEPS);
    expect(find(objects(VARIANTS[2], 'staging'), 'Rollout', name())?.spec.strategy.canary.steps).toEqual(CANARY_STEPS);
    expect(find(objects(VARIANTS[2], 'prod'), 'Rollout', name())?.spec.strategy.canary.steps).toEqual(PROD_CANARY_STEPS);
    expect(find(objects(VARIANTS[2], 'prod'), 'HorizontalPodAutoscaler', name())?.spec).toMatchObject({ minReplicas: 3, scaleTargetRef: { kind: 'Rollout', name: name() } });
  });

  it('blue-green Rollout: active and preview Services; prod keeps the old pods longer', () => {
    const prod = objects(VARIANTS[0], 'prod');
    expect(find(prod, 'Rollout', name())?.spec.strategy.blueGreen).toMatchObject({ activeService: name(), previewService: `${name()}-preview`, scaleDownDelaySeconds: 300 });
    expect(find(objects(VARIANTS[0], 'dev'), 'Rollout', name())?.spec.strategy.blueGreen.scaleDownDelaySeconds).toBe(30);
    expect(find(prod, 'Service', `${name()}-preview`)).toBeDefined();
  });

  it('plain blue-green: each overlay states the live colour on both Services', () => {
    for (const env of ENVIRONMENTS) {
      expect(find(objects(VARIANTS[1], env), 'Service', name())?.spec.selector[SLOT_LABEL], env).toBe('blue');
      expect(find(objects(VARIANTS[1], env), 'Service', `${name()}-preview`)?.spec.selector[SLOT_LABEL], env).toBe('green');
    }
    const overlay = generated.get(key('node-express', VARIANTS[1]))?.find((f) => f.path === 'deploy/kustomize/overlays/prod/kustomization.yaml')?.content ?? '';
    expect(overlay).toMatch(/Rollback: deploy\/rollback\.sh prod/);
  });

  it('plain canary: the canary track stays at 0 replicas and shares the Service', () => {
    const prod = objects(VARIANTS[3], 'prod');
    expect(find(prod, 'Deployment', `${name()}-canary`)?.spec.replicas).toBe(0);
    expect(find(prod, 'Deployment', `${name()}-canary`)?.spec.template.spec.containers[0].image).toMatch(/:0\.1\.0$/);
  });
});
