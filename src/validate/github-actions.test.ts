/**
 * The GitHub Actions validator: docs/rules/github-actions.md's bad snippet of every rule triggers it
 * and the good one does not (the docs are the rule tests), plus the cases users hit most.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers.js';
import { githubActionsValidator, validateWorkflowFile } from './github-actions.js';
import { GHA_RULES, GHA_SCHEMA_RULE } from './github-actions-rules.js';

function check(content: string) {
  return validateWorkflowFile({ path: '.github/workflows/ci.yml', content });
}

function ids(content: string): string[] {
  return check(content).map((d) => d.ruleId);
}

interface Section {
  id: string;
  bad: string;
  good: string;
}

function sections(): Section[] {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules/github-actions.md'), 'utf8');
  return text.split(/^## /m).slice(1).map((chunk) => {
    const code = /```\w*\n([\s\S]*?)```/.exec(chunk)?.[1] ?? '';
    const [bad = '', good = ''] = code.split(/^# good.*\n/m);
    return { id: chunk.split(/\s/)[0] ?? '', bad: bad.replace(/^# bad.*\n/m, ''), good };
  });
}

describe('docs/rules/github-actions.md', () => {
  const documented = sections();
  it('has one section per rule, in id order', () => {
    expect(documented.map((s) => s.id)).toEqual([GHA_SCHEMA_RULE.id, ...GHA_RULES.map((r) => r.id)].sort());
  });
  for (const section of documented) {
    it(`${section.id}: the bad snippet triggers the rule, the good one does not`, () => {
      expect(ids(section.bad), 'bad').toContain(section.id);
      expect(ids(section.good), 'good').not.toContain(section.id);
    });
  }
  it('every good snippet is clean of everything above info', () => {
    for (const section of documented) expect(check(section.good).filter((d) => d.severity !== 'info'), section.id).toEqual([]);
  });
});

const CLEAN_HEAD = 'on: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    timeout-minutes: 10\n    steps:\n';

describe('github-actions validator', () => {
  it('matches workflow files only', () => {
    expect(githubActionsValidator.matches('.github/workflows/ci.yml')).toBe(true);
    expect(githubActionsValidator.matches('.github/workflows/release.yaml')).toBe(true);
    expect(githubActionsValidator.matches('.github/dependabot.yml')).toBe(false);
    expect(githubActionsValidator.matches('ci.yml')).toBe(false);
  });

  it('reports YAML errors with the line from the parser', () => {
    const [diagnostic] = check('on: push\njobs: [\n');
    expect(diagnostic).toMatchObject({ ruleId: 'DSQ-GHA-0000', severity: 'high', line: 3 });
  });

  it('points schema errors at the offending job', () => {
    const found = check(`${CLEAN_HEAD}      - run: make\n  lint:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    stepz: []\n`).find((d) => d.ruleId === 'DSQ-GHA-0000');
    expect(found?.message).toContain("'stepz'");
    expect(found?.line).toBe(11);
  });

  it('flags tags and short SHAs, accepts full SHAs, local actions and digests', () => {
    const found = check(`${CLEAN_HEAD}      - uses: docker/login-action@v3\n      - uses: actions/cache@27d5ce7\n      - uses: ./.github/actions/setup\n      - uses: docker://alpine@sha256:${'a'.repeat(64)}\n      - uses: docker://alpine:3.21\n`).filter((d) => d.ruleId === 'DSQ-GHA-0001');
    expect(found.map((d) => d.line)).toEqual([9, 10, 13]);
  });

  it('flags write-all on a job', () => {
    expect(ids(`on: push\npermissions:\n  contents: read\njobs:\n  build:\n    runs-on: ubuntu-latest\n    timeout-minutes: 5\n    permissions: write-all\n    steps:\n      - run: make\n`)).toContain('DSQ-GHA-0002');
  });

  it('flags github.head_ref in run, and accepts it through env', () => {
    expect(ids(`${CLEAN_HEAD}      - run: git fetch origin \${{ github.head_ref }}\n`)).toContain('DSQ-GHA-0003');
    expect(ids(`${CLEAN_HEAD}      - env:\n          REF: \${{ github.head_ref }}\n        run: git fetch origin "$REF"\n`)).not.toContain('DSQ-GHA-0003');
  });

  it('flags a secret echoed directly, not one piped to a tool', () => {
    expect(ids(`${CLEAN_HEAD}      - run: echo \${{ secrets.NPM_TOKEN }}\n`)).toContain('DSQ-GHA-0005');
    expect(ids(`${CLEAN_HEAD}      - run: echo "\${{ secrets.NPM_TOKEN }}" > .npmrc-token\n`)).not.toContain('DSQ-GHA-0005');
  });

  it('does not ask a job that pushes with git to drop its credentials', () => {
    const content = `${CLEAN_HEAD}      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v7.0.1\n      - run: git push origin HEAD:gh-pages\n`;
    expect(ids(content)).not.toContain('DSQ-GHA-0007');
  });

  it('skips timeout for reusable-workflow calls', () => {
    expect(ids('on: push\npermissions:\n  contents: read\njobs:\n  call:\n    uses: ./.github/workflows/build.yml\n')).not.toContain('DSQ-GHA-0006');
  });
});

describe('DSQ-GHA-0003 precision', () => {
  const workflow = (run: string): string => `name: ci\non: [issues]\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    timeout-minutes: 5\n    steps:\n      - run: ${JSON.stringify(run)}\n`;
  const ids = (run: string): string[] => githubActionsValidator.validate({ path: '.github/workflows/ci.yml', content: workflow(run) }).map((d) => d.ruleId);

  it('flags free text an outsider writes, not the numbers and ids GitHub assigns', () => {
    expect(ids('echo "${{ github.event.issue.title }}"')).toContain('DSQ-GHA-0003');
    expect(ids('echo "${{ github.event.pull_request.head.ref }}"')).toContain('DSQ-GHA-0003');
    expect(ids('echo "${{ github.event.commits[0].author.email }}"')).toContain('DSQ-GHA-0003');
    expect(ids('echo "${{ github.head_ref }}"')).toContain('DSQ-GHA-0003');
    expect(ids('echo "${{ github.event.number }}"')).not.toContain('DSQ-GHA-0003');
    expect(ids('echo "${{ github.event.pull_request.head.sha }}"')).not.toContain('DSQ-GHA-0003');
    expect(ids('gh issue comment ${{ github.event.issue.number }}')).not.toContain('DSQ-GHA-0003');
  });
});
