/**
 * Every example in examples/ under every non-default strategy: the kubernetes files (Rollouts
 * included) pass the Kubernetes validator with nothing above info, and the hooks name every service.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../../../test/helpers.js';
import { RepoFs } from '../../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../../plan/analyze.js';
import { validateKubernetes } from '../../../validate/kubernetes.js';
import { severityRank } from '../../../validate/types.js';
import { generate, inputs } from '../generate.js';
import { STRATEGY_VARIANTS } from './variants-testing.js';

const examples = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'unknown-stack').map((e) => e.name).sort();
const INFO = severityRank('info');

describe('deployment strategies on every example', () => {
  it.each(examples)('%s', (name) => {
    const plan = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
    for (const combo of STRATEGY_VARIANTS) {
      const files = generate({ plan, services: plan.services, version: '0.0.0-test' }, inputs.parse(combo));
      const problems = files
        .filter((f) => f.kind === 'kubernetes')
        .flatMap((f) => validateKubernetes(f).filter((d) => severityRank(d.severity) > INFO).map((d) => `${combo.strategy}/${String(combo.rollouts)} ${f.path}:${d.line} ${d.ruleId} ${d.message}`));
      expect(problems, problems.join('\n')).toEqual([]);
      const deploy = files.find((f) => f.path === 'deploy/deploy.sh')?.content ?? '';
      for (const service of plan.services) expect(deploy).toContain(`  '${service.name}') mode=`);
    }
  });
});
