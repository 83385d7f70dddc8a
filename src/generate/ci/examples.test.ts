/**
 * Every example in examples/ (except unknown-stack) through the CI generator with default inputs,
 * then with all four providers and each cloud: every file passes the validator of its kind
 * (github-actions, gitlab-ci, circleci, jenkinsfile) with nothing above 'info'.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, planOf } from '../../../test/helpers.js';
import type { ProjectPlan } from '../../plan/schema.js';
import { validators } from '../../validate/api.js';
import { generate, inputs, PROVIDERS } from './generate.js';

const examples = fs.readdirSync(EXAMPLES_DIR).filter((name) => name !== 'unknown-stack' && fs.statSync(path.join(EXAMPLES_DIR, name)).isDirectory());

function problems(plan: ProjectPlan, given: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const file of generate({ plan, services: plan.services, version: '0.0.0' }, inputs.parse(given))) {
    const validator = validators.get(file.kind);
    if (!validator) {
      out.push(`${file.path}: no validator for kind ${file.kind}`);
      continue;
    }
    for (const d of validator.validate({ path: file.path, content: file.content })) if (d.severity !== 'info') out.push(`${file.path}:${d.line ?? 0} ${d.ruleId} ${d.message}`);
  }
  return out;
}

describe('ci generator over every example', () => {
  for (const name of examples) {
    it(name, () => {
      const plan = planOf(path.join(EXAMPLES_DIR, name));
      expect(problems(plan, {})).toEqual([]);
      expect(problems(plan, { providers: [...PROVIDERS], cloud: 'gcp', registry: 'registry.example.com/team' })).toEqual([]);
      expect(problems(plan, { providers: [...PROVIDERS], cloud: 'aws' })).toEqual([]);
      expect(problems(plan, { providers: [...PROVIDERS], cloud: 'azure' })).toEqual([]);
      // Every service with a test or lint command in its plan runs it in CI, whatever its language.
      // (Bun has no runner toolchain yet: see the readme.)
      const checked = plan.services.filter((s) => s.language !== 'static' && s.packageManager?.name !== 'bun' && (s.commands.test || s.commands.lint));
      const workflows = generate({ plan, services: checked, version: '0.0.0' }, inputs.parse({}));
      for (const file of workflows) expect(file.content, file.path).toContain('\n  verify:\n');
    });
  }
});
