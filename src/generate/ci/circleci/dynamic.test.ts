/**
 * CircleCI path filtering through real examples: a monorepo gets a setup workflow (path-filtering
 * orb, pinned) mapping each service's paths, the same ones GitHub filters on, to a `run-<service>`
 * parameter, and a continuation whose per-service workflows are gated on it. Single-service repos
 * keep one static config. Both files pass the CircleCI validator.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { examplePlan as plan } from '../../../../test/helpers.js';
import { validators } from '../../../validate/api.js';
import type { GeneratedFile } from '../../types.js';
import { generate, inputs } from '../generate.js';
import { globToRegex } from './dynamic.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed YAML in assertions

function files(example: string, given: Record<string, unknown> = {}): GeneratedFile[] {
  const p = plan(example);
  return generate({ plan: p, services: p.services, version: '0.0.0' }, inputs.parse({ providers: ['circleci', 'github'], ...given }));
}

function circleci(example: string, given: Record<string, unknown> = {}) {
  const all = files(example, given);
  const byPath = (p: string) => all.find((f) => f.path === p);
  return { all, setup: byPath('.circleci/config.yml')!, continuation: byPath('.circleci/continue_config.yml') };
}

function severe(file: { path: string; content: string }): string[] {
  return validators.get('circleci')!.validate(file).filter((d) => d.severity !== 'info').map((d) => `${d.ruleId} ${d.message}`);
}

/** The mapping lines for one parameter, comments left out. */
function mappingFor(setup: Json, parameter: string): string[] {
  const filter = setup.workflows['select-services'].jobs[0]['path-filtering/filter'];
  return (filter.mapping as string).split('\n').filter((l) => l.endsWith(` ${parameter} true`)).map((l) => l.slice(0, -` ${parameter} true`.length));
}

/** What the orb does with a mapping line: the regex, anchored at both ends, against a changed file. */
function triggers(setup: Json, parameter: string, changed: string): boolean {
  return mappingFor(setup, parameter).some((re) => new RegExp(`^${re}$`).test(changed));
}

describe('CircleCI dynamic config for monorepos', () => {
  it('pnpm + turbo: a setup workflow mapping each service\'s directory, workspace packages, lockfile and Dockerfile', () => {
    const { setup, continuation } = circleci('node-monorepo-pnpm-turbo');
    expect(continuation).toBeDefined();
    const config = parse(setup.content) as Json;
    expect(config.setup).toBe(true);
    expect(config.orbs['path-filtering']).toMatch(/^circleci\/path-filtering@\d+\.\d+\.\d+$/);
    const filter = config.workflows['select-services'].jobs[0]['path-filtering/filter'];
    expect(filter['config-path']).toBe('.circleci/continue_config.yml');
    expect(filter['base-revision']).toBe('main');
    expect(filter.filters).toEqual({ tags: { only: '/^v.*/' } });
    expect(mappingFor(config, 'run-api')).toEqual(['apps/api/.*', 'packages/eslint-config/.*', 'packages/shared/.*', 'pnpm-lock\\.yaml', 'apps/api/Dockerfile', '\\.circleci/config\\.yml', '\\.circleci/continue_config\\.yml']);
    expect(mappingFor(config, 'run-web')).toEqual(['apps/web/.*', 'packages/shared/.*', 'pnpm-lock\\.yaml', 'apps/web/Dockerfile', '\\.circleci/config\\.yml', '\\.circleci/continue_config\\.yml']);
    // What a change runs: the service it touches, every service a shared package feeds, nothing for the docs.
    expect(triggers(config, 'run-api', 'apps/api/src/server.ts')).toBe(true);
    expect(triggers(config, 'run-web', 'apps/api/src/server.ts')).toBe(false);
    expect(triggers(config, 'run-web', 'packages/shared/src/index.ts')).toBe(true);
    expect(triggers(config, 'run-api', 'README.md')).toBe(false);
    expect(triggers(config, 'run-api', 'apps/api-v2/x.ts')).toBe(false);
    expect(triggers(config, 'run-api', 'pnpm-lockXyaml')).toBe(false);
  });

  it('the continuation: one workflow per service, gated on its parameter (or a release tag), with only its own jobs', () => {
    const { continuation } = circleci('node-monorepo-pnpm-turbo', { cloud: 'aws' });
    const config = parse(continuation!.content) as Json;
    expect(config.setup).toBeUndefined();
    expect(config.parameters).toEqual({ 'run-api': { type: 'boolean', default: false }, 'run-web': { type: 'boolean', default: false } });
    expect(Object.keys(config.workflows)).toEqual(['api', 'web']);
    const referenced: string[] = [];
    for (const service of ['api', 'web']) {
      const workflow = config.workflows[service];
      expect(workflow.when).toEqual({ or: [`<< pipeline.parameters.run-${service} >>`, '<< pipeline.git.tag >>'] });
      const jobs = workflow.jobs.map((entry: Json) => Object.keys(entry)[0]);
      for (const job of jobs) expect(job.startsWith(`${service}-`), job).toBe(true);
      expect(jobs).toEqual(expect.arrayContaining([`${service}-image`, `${service}-deploy-staging`, `${service}-approve-production`, `${service}-deploy-production`]));
      referenced.push(...jobs.filter((j: string) => !j.includes('-approve-')));
    }
    expect(referenced.sort()).toEqual(Object.keys(config.jobs).sort());
    // The gate line as CircleCI reads it: unquoted, so the boolean parameter stays a boolean.
    expect(continuation!.content).toContain('        - << pipeline.parameters.run-api >>\n');
  });

  it('python uv workspace: the mapping is GitHub\'s path filter, rule for rule', () => {
    const all = files('python-uv-workspace');
    const setup = parse(all.find((f) => f.path === '.circleci/config.yml')!.content) as Json;
    const workflows = all.filter((f) => f.kind === 'github-actions');
    expect(workflows.length).toBe(plan('python-uv-workspace').services.length);
    for (const workflow of workflows) {
      const service = (parse(workflow.content) as Json).name.replace(/ pipeline$/, '');
      const githubPaths = ((parse(workflow.content) as Json).on.push.paths as string[]).filter((p) => p !== workflow.path);
      expect(mappingFor(setup, `run-${service}`)).toEqual([...githubPaths.map(globToRegex), '\\.circleci/config\\.yml', '\\.circleci/continue_config\\.yml']);
    }
    expect(triggers(setup, 'run-acme-api', 'packages/common/src/common/__init__.py')).toBe(true);
    expect(triggers(setup, 'run-acme-worker', 'services/api/app/main.py')).toBe(false);
  });

  it('a single-service repo keeps one static config (no setup workflow, no parameters)', () => {
    const { all, setup, continuation } = circleci('node-express');
    expect(continuation).toBeUndefined();
    expect(all.filter((f) => f.kind === 'circleci').map((f) => f.path)).toEqual(['.circleci/config.yml']);
    const config = parse(setup.content) as Json;
    expect(config.setup).toBeUndefined();
    expect(config.parameters).toBeUndefined();
    expect(Object.keys(config.workflows)).toEqual(['pipeline']);
    expect(config.workflows.pipeline.when).toBeUndefined();
  });

  it('both files are CircleCI configs that pass the validator, which does check the continuation', () => {
    for (const example of ['node-monorepo-pnpm-turbo', 'python-uv-workspace']) {
      for (const cloud of ['none', 'gcp']) {
        const { all } = circleci(example, { cloud });
        const configs = all.filter((f) => f.path.startsWith('.circleci/'));
        expect(configs.map((f) => [f.path, f.kind])).toEqual([['.circleci/config.yml', 'circleci'], ['.circleci/continue_config.yml', 'circleci']]);
        for (const file of configs) expect(severe(file), `${example} ${cloud} ${file.path}`).toEqual([]);
      }
    }
    const { continuation } = circleci('node-monorepo-pnpm-turbo');
    const broken = continuation!.content.replace('requires:\n            - api-image', 'requires:\n            - api-imag');
    expect(broken).not.toBe(continuation!.content);
    expect(severe({ path: continuation!.path, content: broken }).some((d) => d.startsWith('DSQ-CC-0001'))).toBe(true);
  });

  it('turns model globs into the orb\'s anchored regexes', () => {
    expect(globToRegex('apps/api/**')).toBe('apps/api/.*');
    expect(globToRegex('**')).toBe('.*');
    expect(globToRegex('services/api/*.csproj')).toBe('services/api/[^/]*\\.csproj');
    expect(globToRegex('my app/Dockerfile')).toBe('my\\x20app/Dockerfile');
  });
});
