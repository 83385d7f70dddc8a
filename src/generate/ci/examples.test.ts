/**
 * Every example in examples/ (except unknown-stack) through the CI generator with default inputs
 * and with every provider and cloud: each workflow passes the GitHub Actions validator with nothing
 * above 'info', and each .gitlab-ci.yml passes our structural checks.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, planOf } from '../../../test/helpers.js';
import type { ProjectPlan } from '../../plan/schema.js';
import { validateWorkflowFile } from '../../validate/github-actions.js';
import { generate, inputs } from './generate.js';
import { checkGitlabCi } from './gitlab/validate.js';

const examples = fs.readdirSync(EXAMPLES_DIR).filter((name) => name !== 'unknown-stack' && fs.statSync(path.join(EXAMPLES_DIR, name)).isDirectory());

function problems(plan: ProjectPlan, given: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const file of generate({ plan, services: plan.services, version: '0.0.0' }, inputs.parse(given))) {
    if (file.kind === 'github-actions') {
      for (const d of validateWorkflowFile(file)) if (d.severity !== 'info') out.push(`${file.path}:${d.line ?? 0} ${d.ruleId} ${d.message}`);
    } else {
      for (const p of checkGitlabCi(file.content)) out.push(`${file.path}: ${p}`);
    }
  }
  return out;
}

describe('ci generator over every example', () => {
  for (const name of examples) {
    it(name, () => {
      const plan = planOf(path.join(EXAMPLES_DIR, name));
      expect(problems(plan, {})).toEqual([]);
      expect(problems(plan, { providers: ['github', 'gitlab'], cloud: 'gcp', registry: 'registry.example.com/team' })).toEqual([]);
    });
  }
});
