import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/helpers.js';
import { isKubernetesPath, kubernetesValidator, looksLikeKubernetes, validateKubernetes } from './kubernetes.js';
import { K8S_KUSTOMIZE_RULE, K8S_RULES, K8S_SCHEMA_RULE, K8S_UNKNOWN_KIND_RULE } from './kubernetes-rules.js';

const check = (content: string, file = 'k8s/app.yaml') => validateKubernetes({ path: file, content });
const ids = (content: string, file?: string) => check(content, file).map((d) => d.ruleId);

/** A Deployment that passes every rule; tests change one thing at a time. */
const GOOD = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile: { type: RuntimeDefault }
      containers:
        - name: api
          image: ghcr.io/acme/api:1.4.2
          ports:
            - containerPort: 8080
          readinessProbe:
            httpGet: { path: /health, port: 8080 }
          livenessProbe:
            tcpSocket: { port: 8080 }
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 500m, memory: 256Mi }
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: { drop: [ALL] }
`;

describe('kubernetes validator', () => {
  it('passes a hardened Deployment with no findings', () => {
    expect(check(GOOD)).toEqual([]);
  });

  it('reports schema errors with the line of the offending field', () => {
    const bad = GOOD.replace('containerPort: 8080', 'containerPort: "eighty"');
    const diagnostics = check(bad).filter((d) => d.ruleId === K8S_SCHEMA_RULE.id);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]?.message).toMatch(/containerPort must be integer/);
    expect(diagnostics[0]?.line).toBe(bad.split('\n').findIndex((l) => l.includes('containerPort')) + 1);
  });

  it('reports YAML syntax errors and missing apiVersion/kind', () => {
    expect(ids('apiVersion: v1\nkind: [Service\n')).toContain(K8S_SCHEMA_RULE.id);
    expect(check('metadata:\n  name: x\n')[0]?.message).toMatch(/apiVersion and kind/);
  });

  it('checks every document of a multi-document file and reports lines per document', () => {
    const content = `apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\n---\n${GOOD.replace('ghcr.io/acme/api:1.4.2', 'ghcr.io/acme/api')}`;
    const hit = check(content).find((d) => d.ruleId === 'DSQ-K8S-0008');
    expect(hit?.line).toBe(content.split('\n').findIndex((l) => l.includes('image: ghcr.io/acme/api')) + 1);
  });

  it('notes custom resources at info and flags removed API versions', () => {
    const external = check('apiVersion: external-secrets.io/v1\nkind: ExternalSecret\nmetadata:\n  name: s\n');
    expect(external.map((d) => [d.ruleId, d.severity])).toEqual([[K8S_UNKNOWN_KIND_RULE.id, 'info']]);
    const old = check('apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: p\n');
    expect(old[0]?.ruleId).toBe(K8S_SCHEMA_RULE.id);
    expect(old[0]?.message).toMatch(/use policy\/v1/);
  });

  it('runs the policy rules on CronJob and Rollout pod templates', () => {
    const cron = `apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: c\nspec:\n  schedule: "0 * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers:\n            - name: c\n              image: busybox\n`;
    expect(ids(cron)).toEqual(expect.arrayContaining(['DSQ-K8S-0001', 'DSQ-K8S-0008']));
    expect(ids(cron)).not.toContain('DSQ-K8S-0009');
    const rollout = GOOD.replace('apiVersion: apps/v1\nkind: Deployment', 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout').replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false');
    // Rollouts are schema-checked (kubernetes-rollouts.ts): a Deployment's RollingUpdate strategy is not a Rollout strategy.
    expect(ids(rollout).sort()).toEqual(['DSQ-K8S-0000', 'DSQ-K8S-0005']);
  });

  it('accepts automountServiceAccountToken: false on the ServiceAccount in the same file', () => {
    const pod = GOOD.replace('      automountServiceAccountToken: false\n', '      serviceAccountName: api\n');
    expect(ids(pod)).toContain('DSQ-K8S-0012');
    expect(ids(`apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: api\nautomountServiceAccountToken: false\n---\n${pod}`)).not.toContain('DSQ-K8S-0012');
  });

  it('downgrades waived rules to info and keeps the reason', () => {
    const waived = GOOD.replace('  name: api\nspec:', '  name: api\n  annotations:\n    checks.devsquad.dev/waive: DSQ-K8S-0005\n    checks.devsquad.dev/reason: dev database\nspec:').replace('readOnlyRootFilesystem: true', 'readOnlyRootFilesystem: false');
    const [hit] = check(waived);
    expect(hit).toMatchObject({ ruleId: 'DSQ-K8S-0005', severity: 'info' });
    expect(hit?.message).toMatch(/Waived: dev database/);
  });

  it('checks kustomization files by shape only', () => {
    const file = 'deploy/kustomize/overlays/prod/kustomization.yaml';
    expect(check('apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [../../base]\nimages:\n  - name: a\n    newTag: "1.0"\n', file)).toEqual([]);
    const bad = check('resources: ../../base\nbases: [x]\nimages:\n  - name: a\n    newTag: latest\npatches:\n  - target: { kind: Deployment }\n', file);
    expect(bad.every((d) => d.ruleId === K8S_KUSTOMIZE_RULE.id)).toBe(true);
    expect(bad.map((d) => d.message).join('\n')).toMatch(/list of paths[\s\S]*deprecated[\s\S]*latest[\s\S]*needs `path`/);
  });

  it('claims Kubernetes paths but not compose files, workflows or Helm sources', () => {
    for (const p of ['k8s/api.yaml', 'deploy/kubernetes/api.yml', 'manifests/x/y.yaml', 'kustomization.yaml', 'deploy/kustomize/overlays/dev/kustomization.yaml']) expect(isKubernetesPath(p), p).toBe(true);
    for (const p of ['compose.yaml', 'deploy/docker-compose.yml', '.github/workflows/ci.yaml', 'deploy/chart/templates/deployment.yaml', 'deploy/chart/values.yaml', 'config.yaml', 'k8s/README.md']) expect(isKubernetesPath(p), p).toBe(false);
    expect(kubernetesValidator.matches('k8s/app.yaml')).toBe(true);
    expect(looksLikeKubernetes(GOOD)).toBe(true);
    expect(looksLikeKubernetes('services:\n  web:\n    image: nginx\n')).toBe(false);
  });
});

/** docs/rules/kubernetes.md: one section per rule, whose bad snippet triggers it and good snippet does not. */
describe('docs/rules/kubernetes.md', () => {
  const text = fs.readFileSync(path.join(REPO_ROOT, 'docs/rules/kubernetes.md'), 'utf8');
  const sections = text.split(/^## /m).slice(1).map((chunk) => {
    const code = /```\w*\n([\s\S]*?)```/.exec(chunk)?.[1] ?? '';
    const [bad = '', good = ''] = code.split(/^# good.*\n/m);
    return { id: chunk.split(/\s/)[0] ?? '', bad: bad.replace(/^# bad.*\n/m, ''), good };
  });
  it('has one section per rule, in id order', () => {
    const all = [K8S_SCHEMA_RULE, ...K8S_RULES, K8S_KUSTOMIZE_RULE, K8S_UNKNOWN_KIND_RULE].map((r) => r.id).sort();
    expect(sections.map((s) => s.id)).toEqual(all);
  });
  for (const section of sections) {
    it(`${section.id}: bad triggers, good does not`, () => {
      expect(ids(section.bad), 'bad').toContain(section.id);
      expect(ids(section.good), 'good').not.toContain(section.id);
    });
  }
});
