/**
 * Every example in examples/: the kustomize family with default inputs (and with ExternalSecrets)
 * produces files that pass the Kubernetes validator with nothing above info.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../../test/helpers.js';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import { validateKubernetes } from '../../validate/kubernetes.js';
import { severityRank } from '../../validate/types.js';
import { generate, inputs } from './generate.js';

const examples = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'unknown-stack').map((e) => e.name).sort();
const INFO = severityRank('info');

describe('kustomize generator on every example', () => {
  it.each(examples)('%s', (name) => {
    const plan = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
    for (const options of [inputs.parse({}), inputs.parse({ secrets: 'external-secrets' })]) {
      const files = generate({ plan, services: plan.services, version: '0.0.0-test' }, options);
      for (const env of ['dev', 'staging', 'prod']) expect(files.map((f) => f.path)).toContain(`deploy/kustomize/overlays/${env}/kustomization.yaml`);
      const problems = files
        .filter((f) => f.kind === 'kubernetes')
        .flatMap((f) => validateKubernetes({ path: f.path, content: f.content }).filter((d) => severityRank(d.severity) > INFO).map((d) => `${f.path}:${d.line} ${d.ruleId} ${d.message}`));
      expect(problems, problems.join('\n')).toEqual([]);
    }
  });
});
