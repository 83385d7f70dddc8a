import { describe, expect, it } from 'vitest';
import type { AgentResult, ResultFile } from '../../agents/types.js';
import type { Finding } from '../../core/finding.js';
import type { ProjectPlan } from '../../plan/schema.js';
import { evaluateGate } from './evaluate.js';
import { DEFAULT_POLICY, parsePolicy } from './policy.js';
import type { GateInput } from './types.js';

const plan = { services: [{ kind: 'server' }] } as unknown as ProjectPlan;

const GOOD_DOCKERFILE = 'FROM node:20 AS build\nRUN npm ci\nFROM node:20-alpine\nUSER app\nHEALTHCHECK CMD wget -qO- http://localhost:3000/healthz\nCMD ["node","server.js"]\n';
const ROOT_DOCKERFILE = 'FROM node:20-alpine\nUSER app\nFROM node:20-alpine\nCMD ["node","server.js"]\n';

function file(path: string, kind: ResultFile['kind'], content: string, diagnostics: ResultFile['diagnostics'] = []): ResultFile {
  return { path, kind, content, generator: 'test', diagnostics };
}

function finding(severity: Finding['severity'], n = 1): Finding {
  return { ruleId: `DSQ-T-${severity}-${n}`, title: `${severity} thing`, severity, category: 'code', location: { file: 'src/a.js', line: n }, message: 'm', recommendation: `fix the ${severity} thing`, fingerprint: `${severity}-${n}` };
}

function result(agent: AgentResult['metadata']['agent'], files: ResultFile[] = [], findings: Finding[] = []): AgentResult {
  return { status: 'success', output: '', files, findings, severity: 'none', metadata: { agent, task: 't', stack: [], startedAt: '', durationMs: 0 } };
}

const input = (results: GateInput['results']): GateInput => ({ plan, results, inputs: {} });

describe('evaluateGate', () => {
  it('scores a clean run 100 and passes', () => {
    const outcome = evaluateGate(input([{ stepId: 'dockerfile', status: 'succeeded', result: result('infrastructure', [file('Dockerfile', 'dockerfile', GOOD_DOCKERFILE)]) }]));
    expect(outcome).toMatchObject({ score: 100, passed: true, blockers: [] });
    expect(outcome.checks.find((c) => c.id === 'non-root-user')).toMatchObject({ passed: true, penalty: 0 });
    expect(outcome.checks.find((c) => c.id === 'k8s-probes')?.detail).toContain('not applicable');
  });

  it('blocks on a critical or high finding by default and costs their weights', () => {
    const outcome = evaluateGate(input([{ stepId: 'audit', status: 'succeeded', result: result('security', [], [finding('critical'), finding('high'), finding('medium'), finding('medium', 2)]) }]));
    expect(outcome.score).toBe(100 - 40 - 20 - 10);
    expect(outcome.passed).toBe(false);
    expect(outcome.blockers).toEqual([expect.stringContaining('1 critical finding'), expect.stringContaining('1 high finding'), 'score 30 is below the threshold 70']);
    expect(outcome.recommendations[0]).toContain('fix the critical thing');
  });

  it('deduplicates findings reported by two steps', () => {
    const f = finding('low');
    const outcome = evaluateGate(input([{ stepId: 'a', status: 'succeeded', result: result('security', [], [f]) }, { stepId: 'b', status: 'succeeded', result: result('security', [], [f]) }]));
    expect(outcome.checks.find((c) => c.id === 'findings-low')?.penalty).toBe(1);
  });

  it('blocks on a file failing validation and reads best practices from the files', () => {
    const bad = file('Dockerfile', 'dockerfile', ROOT_DOCKERFILE, [{ ruleId: 'DSQ-DF-0001', severity: 'high', message: 'root', file: 'Dockerfile', recommendation: 'add USER' }]);
    const k8s = file('k8s/deploy.yaml', 'kubernetes', 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: api }\nspec:\n  template:\n    spec:\n      containers:\n        - name: api\n          image: x\n');
    const actions = file('.github/workflows/ci.yml', 'github-actions', 'jobs:\n  b:\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ./local\n');
    const outcome = evaluateGate(input([{ stepId: 's', status: 'succeeded', result: result('infrastructure', [bad, k8s, actions]) }]));
    const failed = outcome.checks.filter((c) => !c.passed).map((c) => c.id);
    expect(failed).toEqual(['invalid-artifacts', 'validator-diagnostics', 'non-root-user', 'healthcheck', 'k8s-probes', 'k8s-resource-limits', 'pinned-actions']);
    expect(outcome.checks.find((c) => c.id === 'pinned-actions')?.detail).toContain('.github/workflows/ci.yml:4: actions/checkout@v4');
    expect(outcome.blockers).toEqual([expect.stringContaining('1 generated file failed validation (Dockerfile)'), 'score 45 is below the threshold 70']);
    expect(outcome.score).toBe(100 - 25 - 5 - 5 * 5);
    expect(outcome.recommendations.some((r) => r.includes('non-root USER'))).toBe(true);
  });

  it('expects SLO rules when monitoring ran for a server, and counts failed steps', () => {
    const outcome = evaluateGate(input([{ stepId: 'logging', status: 'succeeded', result: result('monitoring') }, { stepId: 'slo', status: 'failed', result: null, error: 'boom' }]));
    expect(outcome.checks.find((c) => c.id === 'slo-rules')).toMatchObject({ passed: false, penalty: 5 });
    expect(outcome.checks.find((c) => c.id === 'failed-steps')).toMatchObject({ passed: false, penalty: 15, detail: 'slo failed (boom)' });
    expect(outcome.passed).toBe(true);
  });

  it('follows the policy: weights, threshold, blocking severities and checks', () => {
    const policy = parsePolicy({ threshold: 95, weights: { findings: { high: 3 } }, block: { severities: ['critical'], checks: ['non-root-user'] } }, 'gate.yaml');
    const outcome = evaluateGate(input([{ stepId: 's', status: 'succeeded', result: result('infrastructure', [file('Dockerfile', 'dockerfile', ROOT_DOCKERFILE)], [finding('high')]) }]), policy);
    expect(outcome.score).toBe(100 - 3 - 5 - 5);
    expect(outcome.blockers).toEqual([expect.stringContaining('Containers run as a non-root user'), 'score 87 is below the threshold 95']);
  });

  it('caps one check at maxPerCheck and never goes below 0', () => {
    const many = Array.from({ length: 10 }, (_, i) => finding('critical', i));
    const outcome = evaluateGate(input([{ stepId: 'a', status: 'succeeded', result: result('security', [], many) }]));
    expect(outcome.checks.find((c) => c.id === 'findings-critical')?.penalty).toBe(DEFAULT_POLICY.weights.maxPerCheck);
    expect(outcome.score).toBe(40);
  });
});

describe('gate policy', () => {
  it('fills every default from an empty file', () => {
    expect(parsePolicy(null, 'p.yaml')).toEqual(DEFAULT_POLICY);
    expect(DEFAULT_POLICY.block).toEqual({ severities: ['critical', 'high'], invalidArtifacts: true, failedSteps: false, checks: [] });
  });

  it('lists every mistake with its key', () => {
    expect(() => parsePolicy({ threshold: 120, weights: { findings: { critcal: 1 } }, block: { severities: ['urgent'] }, extra: 1 }, 'gate.yaml')).toThrowError(
      expect.objectContaining({ code: 'DSQ_ERR_GATE_POLICY_INVALID', message: expect.stringMatching(/gate\.yaml.*threshold.*weights\.findings.*critcal.*block\.severities\.0.*extra/s) }),
    );
    expect(() => parsePolicy({ block: { checks: ['non-root'] } }, 'gate.yaml')).toThrowError(/unknown check "non-root"/);
  });
});
