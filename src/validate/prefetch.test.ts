import { describe, expect, it } from 'vitest';
import type { GeneratedFile } from '../generate/types.js';
import { validateWorkflowFile } from './github-actions.js';
import { validateHelmSet } from './helm.js';
import { helmBinary } from './helm-render.js';
import { prefetchMark, prefetchValidation } from './prefetch.js';
import { memoized, withRunMemo } from './run-memo.js';
import { parseHclSync } from './terraform-hcl.js';
import type { ValidatorInput } from './types.js';
import { loopTurnsDuring } from '../../test/helpers.js';

const hasHelm = helmBinary() !== null;
// Each test run gets content no earlier run cached (the HCL parser keeps recent results by content).
const unique = `${process.pid}-${Date.now()}`;

function generated(kind: GeneratedFile['kind'], files: readonly ValidatorInput[]): GeneratedFile[] {
  return files.map((f) => ({ ...f, kind, generator: 'test' }));
}

const chart = (template: string): ValidatorInput[] => [
  { path: 'deploy/helm/shop/Chart.yaml', content: 'apiVersion: v2\nname: shop\ndescription: A shop\nversion: 0.1.0\nappVersion: "1.0.0"\n' },
  { path: 'deploy/helm/shop/values.yaml', content: `greeting: hello-${unique}\n` },
  { path: 'deploy/helm/shop/templates/configmap.yaml', content: template },
];

describe('validation started ahead on the worker gives the same diagnostics as without it', () => {
  it.skipIf(!hasHelm)('helm template: a chart that renders into objects with findings', () => {
    const files = chart('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: bare\nspec:\n  containers:\n    - name: app\n      image: nginx:latest\n');
    const plain = validateHelmSet(files);
    expect(plain.length).toBeGreaterThan(0); // a bare Pod with a latest tag breaks several rules
    prefetchValidation(generated('helm', files));
    expect(validateHelmSet(files)).toEqual(plain);
  });

  it.skipIf(!hasHelm)('helm template: a chart that does not render (DSQ-HELM-0009 with helm\'s message)', () => {
    const files = chart('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{ .Values.greeting | nosuchfunction }}\n');
    const plain = validateHelmSet(files);
    expect(plain.map((d) => d.ruleId)).toEqual(['DSQ-HELM-0009']);
    prefetchValidation(generated('helm', files));
    expect(validateHelmSet(files)).toEqual(plain);
  });

  it.skipIf(!hasHelm)('a render started for other files is not used for a changed chart', () => {
    const before = chart('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: "1"\n');
    const after = chart('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  a: {{ .Values.greeting | nosuchfunction }}\n');
    prefetchValidation(generated('helm', before));
    expect(validateHelmSet(after).map((d) => d.ruleId)).toEqual(['DSQ-HELM-0009']);
  });

  it('GitHub Actions: schema errors of a broken workflow, and none for a sound one', () => {
    const broken = { path: '.github/workflows/ci.yml', content: `# ${unique}\non: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps: 3\n` };
    const sound = { path: '.github/workflows/ok.yml', content: `# ${unique}\non: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    timeout-minutes: 5\n    steps:\n      - run: echo ok\n` };
    const plain = [validateWorkflowFile(broken), validateWorkflowFile(sound)];
    expect(plain[0]!.some((d) => d.ruleId === 'DSQ-GHA-0000')).toBe(true);
    prefetchValidation(generated('github-actions', [broken, sound]));
    expect([validateWorkflowFile(broken), validateWorkflowFile(sound)]).toEqual(plain);
  });

  it('HCL: parsed ahead in one batch, including a file that does not parse', () => {
    const good = { path: 'infra/main.tf', content: `# ${unique}\nvariable "name" {\n  type = string\n}\n` };
    const bad = { path: 'infra/bad.tf', content: `# ${unique}\nresource "x" "y" {\n  a = \n}\n` };
    prefetchValidation(generated('terraform', [good, bad]));
    const [g, b] = parseHclSync([good, bad, good]);
    expect(g).toMatchObject({ ok: true, json: { variable: { name: [{ type: '${string}' }] } } });
    expect(b).toMatchObject({ ok: false, line: 3 });
    expect(parseHclSync([bad])).toEqual([b]);
  });
});

describe('awaiting the answers started ahead', () => {
  it('leaves this thread free meanwhile, then the validators take the answers: same diagnostics', async () => {
    const workflow = { path: '.github/workflows/await.yml', content: `# await ${unique}\non: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps: 3\n` };
    const tf = { path: 'infra/await.tf', content: `# await ${unique}\nvariable "name" {\n  type = string\n}\n` };
    const helmFiles = chart(`apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: await-${unique}\n`);
    const started = prefetchMark();
    prefetchValidation([...generated('github-actions', [workflow]), ...generated('terraform', [tf]), ...(hasHelm ? generated('helm', helmFiles) : [])]);
    const turns = await loopTurnsDuring(started.settled());
    expect(turns).toBeGreaterThan(0); // the event loop turned while the workers worked
    const ahead = { workflow: validateWorkflowFile(workflow), hcl: parseHclSync([tf]), helm: hasHelm ? validateHelmSet(helmFiles) : [] };
    expect(ahead.workflow.some((d) => d.ruleId === 'DSQ-GHA-0000')).toBe(true);
    expect(ahead.hcl[0]).toMatchObject({ ok: true });
    expect(ahead).toEqual({ workflow: validateWorkflowFile(workflow), hcl: parseHclSync([tf]), helm: hasHelm ? validateHelmSet(helmFiles) : [] });
  });
});

describe('run memo', () => {
  it('computes once within a run, every time outside one, and forgets at the end of the run', () => {
    let calls = 0;
    const compute = (): number => ++calls;
    expect([memoized('t', 'k', compute), memoized('t', 'k', compute)]).toEqual([1, 2]);
    withRunMemo(() => {
      expect([memoized('t', 'k', compute), memoized('t', 'k', compute), memoized('u', 'k', compute)]).toEqual([3, 3, 4]);
    });
    withRunMemo(() => expect(memoized('t', 'k', compute)).toBe(5));
  });
});
