/** The IaC scanner over real repositories: validator diagnostics mapped to CWE/OWASP, plus audit rules. */
import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import type { Finding } from '../../core/finding.js';
import { testdir, type FileSpec } from '../../../test/helpers.js';
import { iacScanner } from './index.js';
import { IAC_MAPPING } from './mapping.js';

async function scan(files: Record<string, FileSpec>): Promise<{ findings: Finding[]; problems: Array<{ code: string; file?: string }> }> {
  const root = testdir(files);
  return iacScanner.scan(RepoFs.open(root), { root });
}

const find = (findings: Finding[], ruleId: string, file?: string): Finding | undefined => findings.find((f) => f.ruleId === ruleId && (file === undefined || f.location.file === file));

const PRIVILEGED_POD = `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`;

const PR_TARGET = `name: preview
on:
  pull_request_target:
    types: [opened, synchronize]
permissions:
  contents: read
jobs:
  preview:
    runs-on: ubuntu-latest
    timeout-minutes: 10
    steps:
      - uses: actions/checkout@v4
        with:
          ref: \${{ github.event.pull_request.head.sha }}
          persist-credentials: false
      - run: echo "Building \${{ github.event.pull_request.title }}"
      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea
        with:
          script: |
            console.log("\${{ github.event.comment.body }}")
      - uses: some-org/deploy-action@v2
      - run: |
          curl -H "Authorization: Bearer \${{ secrets.DEPLOY_TOKEN }}" https://deploy.internal/hook
`;

describe('iac scanner', () => {
  it('maps a root Dockerfile, a privileged pod and an unencrypted S3 bucket to CWE and OWASP', async () => {
    const { findings } = await scan({
      Dockerfile: 'FROM node:22.12-alpine\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
      'deploy/debug-pod.yaml': PRIVILEGED_POD,
      'infra/main.tf': 'resource "aws_s3_bucket" "data" {\n  bucket = "acme-data"\n}\n',
    });
    expect(find(findings, 'DSQ-DF-0003', 'Dockerfile')).toMatchObject({ category: 'iac', cwe: ['CWE-250'], owasp: 'A05:2021' });
    expect(find(findings, 'DSQ-K8S-0003', 'deploy/debug-pod.yaml')).toMatchObject({ severity: expect.stringMatching(/critical|high/), cwe: ['CWE-250'], owasp: 'A05:2021', location: { line: expect.any(Number) } });
    expect(find(findings, 'DSQ-TF-0001', 'infra/main.tf')).toMatchObject({ cwe: ['CWE-311'], owasp: 'A02:2021', location: { file: 'infra/main.tf', line: 1 } });
    // Hygiene rules stay in `devsquad validate`.
    expect(find(findings, 'DSQ-DF-0004')).toBeUndefined();
    expect(findings.every((f) => IAC_MAPPING[f.ruleId] !== undefined && f.fingerprint.length === 32)).toBe(true);
  });

  it('reports script injection, pull_request_target checkout of the head and the audit workflow rules', async () => {
    const { findings, problems } = await scan({ '.github/workflows/preview.yml': PR_TARGET });
    expect(problems).toEqual([]);
    const at = (id: string): [string, number, string | undefined] | undefined => {
      const f = find(findings, id);
      return f && [f.severity, f.location.line, f.owasp];
    };
    expect(at('DSQ-GHA-0003')).toEqual(['critical', 16, 'A03:2021']);
    expect(at('DSQ-GHA-0004')).toEqual(['critical', 14, 'A08:2021']);
    expect(at('DSQ-GHA-0101')).toEqual(['critical', 19, 'A03:2021']);
    expect(at('DSQ-GHA-0103')).toEqual(['medium', 22, 'A05:2021']);
    expect(find(findings, 'DSQ-GHA-0103')!.message).not.toContain('secrets.DEPLOY_TOKEN }}');
    const unpinned = findings.filter((f) => f.ruleId === 'DSQ-GHA-0001').map((f) => [f.message.split(' ')[0], f.severity, f.cwe]);
    expect(unpinned).toEqual([['actions/checkout@v4', 'low', ['CWE-829']], ['some-org/deploy-action@v2', 'high', ['CWE-829']]]);
  });

  it('flags github-script only for attacker-written text, not for numbers and ids GitHub assigns', async () => {
    const script = (expression: string): string => `on: issue_comment
permissions:
  issues: write
jobs:
  triage:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: actions/github-script@60a0d83039c74a4aee543508d2ffcb1c3799cdea
        with:
          script: |
            const n = \${{ ${expression} }};
            await github.rest.issues.addLabels({ owner: 'o', repo: 'r', issue_number: n, labels: ['seen'] });
`;
    const safe = await scan({ '.github/workflows/triage.yml': script('github.event.issue.number') });
    expect(find(safe.findings, 'DSQ-GHA-0101')).toBeUndefined();
    const unsafe = await scan({ '.github/workflows/triage.yml': script('github.event.issue.title') });
    expect(find(unsafe.findings, 'DSQ-GHA-0101')).toMatchObject({ severity: 'critical', location: { line: 11 } }); // the script: key
    expect(find(unsafe.findings, 'DSQ-GHA-0101')!.message).toContain('github.event.issue.title');
  });

  it('flags workflow_run checkouts of the head and ACTIONS_ALLOW_UNSECURE_COMMANDS', async () => {
    const { findings } = await scan({
      '.github/workflows/after-ci.yml': `on:
  workflow_run:
    workflows: [ci]
    types: [completed]
permissions:
  contents: read
env:
  ACTIONS_ALLOW_UNSECURE_COMMANDS: true
jobs:
  report:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683
        with:
          ref: \${{ github.event.workflow_run.head_sha }}
          persist-credentials: false
      - run: make report
`,
    });
    expect(findings.map((f) => [f.ruleId, f.location.line]).filter(([id]) => String(id).startsWith('DSQ-GHA-01'))).toEqual([
      ['DSQ-GHA-0102', 16],
      ['DSQ-GHA-0104', 8],
    ]);
  });

  it('finds literal secrets and latest images in GitLab CI', async () => {
    const { findings } = await scan({
      '.gitlab-ci.yml': `variables:
  DEPLOY_TOKEN: "Zr8Kq2Lm7Wx4Tn9Vb3"
  REGISTRY_PASSWORD: $CI_REGISTRY_PASSWORD
  NODE_ENV: production
build:
  image: node:latest
  timeout: 10m
  script:
    - npm ci
`,
    });
    expect(find(findings, 'DSQ-GL-0101')).toMatchObject({ location: { line: 2 }, cwe: ['CWE-798'], owasp: 'A07:2021', message: 'DEPLOY_TOKEN is set to a literal value (Zr8K…(18 chars)) in the pipeline file' });
    expect(findings.filter((f) => f.ruleId === 'DSQ-GL-0101')).toHaveLength(1);
    expect(find(findings, 'DSQ-GL-0002')).toMatchObject({ cwe: ['CWE-829'], owasp: 'A08:2021' });
  });

  it('turns unparseable files into problems, not findings, and ignores Helm templates', async () => {
    const { findings, problems } = await scan({
      '.github/workflows/broken.yml': 'on: push\njobs: [\n',
      'chart/templates/deployment.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n',
    });
    expect(findings).toEqual([]);
    expect(problems.map((p) => [p.code, p.file])).toContainEqual(['DSQ_IAC_UNPARSED', '.github/workflows/broken.yml']);
  });
});
