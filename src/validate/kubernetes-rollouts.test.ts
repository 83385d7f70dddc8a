import { describe, expect, it } from 'vitest';
import { validateKubernetes } from './kubernetes.js';

const pod = `  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      automountServiceAccountToken: false
      securityContext: { runAsNonRoot: true, runAsUser: 10001, seccompProfile: { type: RuntimeDefault } }
      containers:
        - name: api
          image: registry.example.com/api:1.0.0
          resources: { requests: { cpu: 100m, memory: 128Mi }, limits: { cpu: 500m, memory: 256Mi } }
          securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: [ALL] } }
`;

function rollout(strategy: string, extraPod = pod): string {
  return `apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata:\n  name: api\nspec:\n${extraPod}  strategy:\n${strategy}`;
}

const run = (content: string) => validateKubernetes({ path: 'deploy/kubernetes/api.yaml', content });

describe('Argo Rollouts schema (argoproj.io/v1alpha1)', () => {
  it('accepts a canary Rollout: no schema finding, not even the custom-resource note', () => {
    const out = run(rollout('    canary:\n      steps:\n        - setWeight: 20\n        - pause: {}\n'));
    expect(out.filter((d) => d.ruleId === 'DSQ-K8S-0000' || d.ruleId === 'DSQ-K8S-0015')).toEqual([]);
  });

  it('rejects a typo in a step and a strategy with both canary and blueGreen', () => {
    const typo = run(rollout('    canary:\n      steps:\n        - setWieght: 20\n'));
    expect(typo.find((d) => d.ruleId === 'DSQ-K8S-0000')?.severity).toBe('high');
    const both = run(rollout('    canary: {}\n    blueGreen:\n      activeService: api\n'));
    expect(both.map((d) => d.message).join('\n')).toContain('exactly one of canary or blueGreen');
  });

  it('requires blueGreen.activeService and checks the pod template like a Deployment', () => {
    expect(run(rollout('    blueGreen:\n      previewService: api-preview\n')).some((d) => d.ruleId === 'DSQ-K8S-0000' && /activeService/.test(d.message))).toBe(true);
    const badPod = pod.replace('containers:', 'containers:\n        - name: side\n          image: x:1\n          ports: [{ containerPort: "http" }]');
    const out = run(rollout('    blueGreen:\n      activeService: api\n', badPod));
    expect(out.some((d) => d.ruleId === 'DSQ-K8S-0000' && d.message.startsWith('Rollout spec.template'))).toBe(true);
  });

  it('flags a selector that does not match the pod labels', () => {
    const out = run(rollout('    canary: {}\n', pod.replace('matchLabels: { app: api }', 'matchLabels: { app: web }')));
    expect(out.some((d) => /does not match the pod template/.test(d.message))).toBe(true);
  });

  it('an unknown kind in the Argo group is an error; other Argo kinds are unchecked custom resources', () => {
    expect(run('apiVersion: argoproj.io/v1alpha1\nkind: Rolout\nmetadata:\n  name: a\n').find((d) => d.ruleId === 'DSQ-K8S-0000')?.message).toContain('has no kind Rolout');
    expect(run('apiVersion: argoproj.io/v1alpha1\nkind: AnalysisTemplate\nmetadata:\n  name: a\nspec: {}\n').map((d) => d.ruleId)).toEqual(['DSQ-K8S-0015']);
  });
});
