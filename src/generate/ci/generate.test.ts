/**
 * The CI generator through real repositories: what a user relies on in the pipeline it writes
 * (commands from their manifests, cache keyed on their lockfile, path filters, pinned actions,
 * least privilege, environment gates, rollback wiring, OIDC).
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planOf, testdir } from '../../../test/helpers.js';
import type { ProjectPlan } from '../../plan/schema.js';
import { generate, inputs } from './generate.js';
import { checkGitlabCi } from './gitlab/validate.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed YAML in assertions

const EXPRESS = {
  'package.json': { name: 'shop', version: '1.0.0', scripts: { start: 'node server.js' }, dependencies: { express: '^4.21.1' } },
  'package-lock.json': { name: 'shop', lockfileVersion: 3, requires: true, packages: { '': { name: 'shop', dependencies: { express: '^4.21.1' } } } },
  'server.js': "const express = require('express');\nconst app = express();\napp.get('/healthz', (req, res) => res.send('ok'));\napp.listen(process.env.PORT || 3000);\n",
};

function run(plan: ProjectPlan, given: Record<string, unknown> = {}) {
  return generate({ plan, services: plan.services, version: '0.0.0' }, inputs.parse(given));
}

function workflow(plan: ProjectPlan, given: Record<string, unknown> = {}, index = 0): Json {
  const files = run(plan, given).filter((f) => f.kind === 'github-actions');
  return parse(files[index]!.content) as Json;
}

describe('GitHub Actions workflow', () => {
  it('installs with npm ci, caches on package-lock.json, and has no invented test step', () => {
    const plan = planOf(testdir(EXPRESS));
    const files = run(plan);
    expect(files.map((f) => f.path)).toEqual([`.github/workflows/${plan.services[0]!.name}-pipeline.yml`]);
    const verify = workflow(plan).jobs.verify;
    expect(verify.steps.map((s: Json) => s.run).filter(Boolean)).toEqual(['npm ci']);
    const cache = verify.steps.find((s: Json) => s.name === 'Cache dependencies');
    expect(cache.with.key).toContain("hashFiles('package-lock.json')");
    expect(verify.env.npm_config_cache).toBe('${{ github.workspace }}/.cache/npm');
    expect(files[0]!.notes?.join('\n')).toContain('no lint/test step');
  });

  it('pins every action to a full SHA with a version comment', () => {
    const content = run(planOf(testdir(EXPRESS)), { cloud: 'azure' })[0]!.content;
    const uses = content.split('\n').filter((l) => l.includes('uses:'));
    expect(uses.length).toBeGreaterThan(8);
    for (const line of uses) expect(line).toMatch(/uses: [\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
  });

  it('grants write scopes only to the jobs that need them', () => {
    const wf = workflow(planOf(testdir(EXPRESS)), { cloud: 'aws' });
    expect(wf.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.verify.permissions).toEqual({ contents: 'read' });
    expect(wf.jobs.image.permissions).toEqual({ contents: 'read', 'security-events': 'write', packages: 'write' });
    expect(wf.jobs['deploy-staging'].permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(workflow(planOf(testdir(EXPRESS))).jobs['deploy-staging'].permissions).toEqual({ contents: 'read' });
  });

  it('builds with the gha cache from the generated Dockerfile, scans, and pushes only on push events', () => {
    const steps: Json[] = workflow(planOf(testdir(EXPRESS))).jobs.image.steps;
    const build = steps.find((s) => s.name === 'Build the image for scanning')!;
    expect(build.with).toMatchObject({ context: '.', file: 'Dockerfile', load: true, push: false });
    expect(build.with['cache-to']).toMatch(/^type=gha,mode=max/);
    expect(steps.find((s) => s.name === 'Upload the scan to code scanning')!.uses).toMatch(/^github\/codeql-action\/upload-sarif@/);
    expect(steps.find((s) => s.name === 'Push the image')!.if).toBe("github.event_name == 'push'");
  });

  it('deploys staging on main, production on tags behind the environment, smoke-tests the health route and rolls back on failure', () => {
    const jobs = workflow(planOf(testdir(EXPRESS))).jobs;
    expect(jobs['deploy-staging'].if).toContain("refs/heads/main");
    expect(jobs['deploy-production'].if).toContain("startsWith(github.ref, 'refs/tags/v')");
    expect(jobs['deploy-production'].environment).toBe('production');
    const smoke = jobs['deploy-staging'].steps.find((s: Json) => s.name === 'Smoke test');
    expect(smoke.env.HEALTH_PATH).toBe('/healthz');
    expect(jobs['rollback-production']).toMatchObject({ needs: ['deploy-production'], if: "failure() && needs.deploy-production.result == 'failure'" });
    expect(jobs['rollback-production'].steps.at(-1).run).toContain('"$ROLLBACK_HOOK" "$ENVIRONMENT" "$SERVICE"');
  });

  it('never interpolates expressions into run scripts', () => {
    for (const file of run(planOf(testdir(EXPRESS)), { cloud: 'gcp' })) {
      const wf = parse(file.content) as Json;
      for (const job of Object.values(wf.jobs) as Json[]) for (const step of job.steps as Json[]) if (step.run) expect(step.run).not.toContain('${{');
    }
  });
});

describe('monorepos', () => {
  const MONOREPO = {
    'package.json': { name: 'acme', private: true, workspaces: ['apps/*', 'packages/*'] },
    'package-lock.json': { name: 'acme', lockfileVersion: 3, requires: true, packages: {} },
    'apps/api/package.json': { name: '@acme/api', version: '1.0.0', scripts: { start: 'node index.js' }, dependencies: { express: '^4.21.1', '@acme/shared': '*' } },
    'apps/api/index.js': "const express = require('express');\nconst app = express();\napp.get('/health', (req, res) => res.send('ok'));\napp.listen(process.env.PORT || 4000);\n",
    'apps/worker/package.json': { name: '@acme/worker', version: '1.0.0', scripts: { start: 'node index.js' }, dependencies: { '@acme/shared': '*' } },
    'apps/worker/index.js': "setInterval(() => console.log('tick'), 1000);\n",
    'packages/shared/package.json': { name: '@acme/shared', version: '1.0.0', main: 'index.js' },
    'packages/shared/index.js': 'module.exports = {};\n',
  };

  it('writes one workflow per service with path filters from the service, its workspace packages and the lockfile', () => {
    const plan = planOf(testdir(MONOREPO));
    const api = plan.services.find((s) => s.path === 'apps/api')!;
    const files = run(plan);
    expect(files.map((f) => f.path).sort()).toEqual(plan.services.map((s) => `.github/workflows/${s.name}-pipeline.yml`).sort());
    const wf = parse(files.find((f) => f.path.includes(api.name))!.content) as Json;
    expect(wf.on.push.paths).toEqual(expect.arrayContaining(['apps/api/**', 'packages/shared/**', 'package-lock.json', `.github/workflows/${api.name}-pipeline.yml`]));
    expect(wf.on.push.paths).not.toContain('apps/worker/**');
  });

  it('renders one .gitlab-ci.yml with per-service jobs, change rules and a manual production gate', () => {
    const plan = planOf(testdir(MONOREPO));
    const file = run(plan, { providers: ['gitlab'] })[0]!;
    expect(file.path).toBe('.gitlab-ci.yml');
    expect(checkGitlabCi(file.content)).toEqual([]);
    const ci = parse(file.content) as Json;
    const api = plan.services.find((s) => s.path === 'apps/api')!.name;
    expect(ci[`${api}:build`].rules[1].changes).toContain('apps/api/**/*');
    expect(ci[`${api}:build`].script[1]).toContain('--cache-from "type=registry,ref=$CI_REGISTRY_IMAGE/');
    expect(ci[`${api}:deploy-production`].rules).toEqual([{ if: '$CI_COMMIT_TAG =~ /^v/', when: 'manual' }]);
    expect(ci[`${api}:verify`].cache.key.files).toEqual(['package-lock.json']);
    const worker = plan.services.find((s) => s.path === 'apps/worker')!.name;
    expect(ci[`${worker}:deploy-staging`].variables.HEALTH_PATH).toBeUndefined();
  });
});

describe('gitlab structural checks', () => {
  it('catch undeclared stages, dangling needs and bad rules', () => {
    const problems = checkGitlabCi('stages: [build]\na:\n  stage: test\n  script: [make]\n  timeout: 5m\n  needs: [b]\n  rules:\n    - if: $X\n      when: sometimes\n');
    expect(problems).toEqual(['a: stage test is not declared in stages', 'a: needs unknown job b', 'a: invalid when sometimes']);
  });
});

describe('lint and test steps', () => {
  it('run the repo\'s own lint and test scripts before the build, in every provider', () => {
    const plan = planOf(testdir({ ...EXPRESS, 'package.json': { ...EXPRESS['package.json'], scripts: { start: 'node server.js', test: 'node --test', lint: 'eslint .' } } }));
    const files = run(plan, { providers: ['github', 'gitlab', 'circleci', 'jenkins'] });
    expect(workflow(plan).jobs.verify.steps.map((s: Json) => s.run).filter(Boolean)).toEqual(['npm ci', 'npm run lint', 'npm test']);
    const gitlab = parse(files.find((f) => f.path === '.gitlab-ci.yml')!.content) as Json;
    expect(gitlab[`${plan.services[0]!.name}:verify`].script).toEqual(['npm ci', 'npm run lint', 'npm test']);
    expect(files.find((f) => f.path === 'Jenkinsfile')!.content).toMatch(/\/\/ Test\n\s+sh '''\n\s+npm test\n/);
    expect(files[0]!.notes?.join('\n')).not.toContain('no lint');
  });
});

describe('CircleCI and Jenkins', () => {
  it('CircleCI: tag filters down the chain, an approval job before production, contexts per environment, rollback on failure', () => {
    const plan = planOf(testdir(EXPRESS));
    const name = plan.services[0]!.name;
    const config = parse(run(plan, { providers: ['circleci'], cloud: 'aws' })[0]!.content) as Json;
    expect(config.version).toBe(2.1);
    const jobs: Json[] = config.workflows.pipeline.jobs;
    const entry = (job: string): Json => jobs.find((j) => job in j)![job];
    expect(entry(`${name}-image`).filters).toEqual({ tags: { only: '/^v.*/' } });
    expect(entry(`${name}-deploy-staging`)).toMatchObject({ context: ['staging'], filters: { branches: { only: 'main' } } });
    expect(entry(`${name}-approve-production`)).toMatchObject({ type: 'approval', requires: [`${name}-image`] });
    expect(entry(`${name}-deploy-production`)).toMatchObject({ requires: [`${name}-approve-production`], context: ['production'] });
    const deploy = config.jobs[`${name}-deploy-production`];
    expect(deploy.steps.at(-1).run).toMatchObject({ name: 'Roll back', when: 'on_fail' });
    expect(deploy.steps[1].run.command).toContain('AWS_WEB_IDENTITY_TOKEN_FILE');
    expect(config.jobs[`${name}-image`].steps[1]).toEqual({ setup_remote_docker: { docker_layer_caching: true } });
  });

  it('Jenkins: changeset per service in monorepos, input before production, rollback in post failure, credentials bound', () => {
    const plan = planOf(testdir(MONOREPO_FOR_JENKINS));
    const text = run(plan, { providers: ['jenkins'] })[0]!.content;
    expect(text).toContain("changeset 'apps/api/**'");
    expect(text).toMatch(/when \{\n\s+tag 'v\*'\n\s+beforeInput true\n\s+\}\n\s+input \{/);
    expect(text).toMatch(/post \{\n\s+failure \{\n\s+withCredentials\(\[file\(credentialsId: 'deploy-staging'/);
    expect(text).toContain("usernamePassword(credentialsId: 'registry-credentials'");
    expect(text).toContain('disableConcurrentBuilds()');
  });
});

const MONOREPO_FOR_JENKINS = {
  'package.json': { name: 'acme', private: true, workspaces: ['apps/*'] },
  'package-lock.json': { name: 'acme', lockfileVersion: 3, requires: true, packages: {} },
  'apps/api/package.json': { name: '@acme/api', version: '1.0.0', scripts: { start: 'node index.js' }, dependencies: { express: '^4.21.1' } },
  'apps/api/index.js': "const express = require('express');\nconst app = express();\napp.listen(process.env.PORT || 4000);\n",
  'apps/worker/package.json': { name: '@acme/worker', version: '1.0.0', scripts: { start: 'node index.js' } },
  'apps/worker/index.js': "setInterval(() => console.log('tick'), 1000);\n",
};
