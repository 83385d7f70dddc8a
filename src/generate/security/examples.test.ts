/**
 * Every example in examples/, every hardening part with default inputs: each code file parses for its
 * language (TypeScript compiler, ast-grep for Python and Go), each config passes its structural check,
 * and nothing a registered validator says is above info.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../../test/helpers.js';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import { severityRank } from '../../validate/types.js';
import { validateGenerated } from '../run.js';
import { hardeningParts } from './api.js';
import { checkGenerated } from './shared/check.js';

const examples = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'unknown-stack').map((e) => e.name).sort();
const INFO = severityRank('info');

describe('hardening parts on every example', () => {
  it.each(examples)('%s', (name) => {
    const plan = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
    const problems: string[] = [];
    const paths = new Set<string>();
    for (const [id, part] of hardeningParts) {
      const files = part.generate({ plan, services: plan.services, version: '0.0.0-test' }, part.inputs.parse({}));
      for (const file of files) {
        expect(file.generator).toBe(id);
        if (paths.has(file.path) && !file.path.endsWith('__init__.py')) problems.push(`${file.path}: written by two parts`);
        paths.add(file.path);
        problems.push(...checkGenerated(file));
        problems.push(...validateGenerated(file).filter((d) => severityRank(d.severity) > INFO).map((d) => `${file.path}:${d.line} ${d.ruleId} ${d.message}`));
      }
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
