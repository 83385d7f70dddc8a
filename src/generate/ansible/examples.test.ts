/**
 * Every example in examples/: the ansible family with default inputs (and with databases left in
 * compose) produces files that pass the ansible validator, and the adapted compose.yaml passes the
 * compose validator, with nothing above info.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../../test/helpers.js';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import { validateAnsible } from '../../validate/ansible.js';
import { validateCompose } from '../../validate/compose.js';
import { severityRank } from '../../validate/types.js';
import { generate, inputs } from './generate.js';

const examples = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'unknown-stack').map((e) => e.name).sort();
const INFO = severityRank('info');

describe('ansible generator on every example', () => {
  it.each(examples)('%s', (name) => {
    const plan = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
    for (const options of [inputs.parse({}), inputs.parse({ hostDatabases: false })]) {
      const files = generate({ plan, services: plan.services, version: '0.0.0-test' }, options);
      if (plan.services.length === 0) {
        expect(files).toEqual([]);
        continue;
      }
      const paths = files.map((f) => f.path);
      for (const p of ['site.yml', 'deploy.yml', 'rollback.yml', 'backup.yml', 'restore.yml', 'roles/app/tasks/main.yml', 'inventories/production/hosts.yml']) expect(paths).toContain(`deploy/ansible/${p}`);
      const problems = files.flatMap((f) => {
        const found = f.kind === 'ansible' ? validateAnsible(f) : f.kind === 'compose' ? validateCompose(f) : [];
        return found.filter((d) => severityRank(d.severity) > INFO).map((d) => `${f.path}:${d.line} ${d.ruleId} ${d.message}`);
      });
      expect(problems, problems.join('\n')).toEqual([]);
    }
  });
});
