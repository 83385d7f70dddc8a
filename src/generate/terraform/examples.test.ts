/**
 * Every example (except unknown-stack): analyse it, generate Terraform with default inputs, and check
 * that every file passes the terraform validator, file by file and directory by directory, with
 * nothing above info.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import { severityRank } from '../../validate/types.js';
import { validateTerraformFiles } from '../../validate/terraform.js';
import { EXAMPLES_DIR } from '../../../test/helpers.js';
import { generate, inputs } from './generate.js';

const examples = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'unknown-stack').map((e) => e.name).sort();

describe('terraform for every example', () => {
  it.each(examples)('%s: every generated file passes the terraform validator', (name) => {
    const plan = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
    const files = generate({ plan, services: plan.services, version: '0.0.0-test' }, inputs.parse({}));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file.kind).toBe(file.path.endsWith('.md') ? 'markdown' : 'terraform');
    expect(files.map((f) => f.path)).toContain('deploy/terraform/README.md');
    const problems = validateTerraformFiles(files.filter((f) => f.kind === 'terraform'))
      .filter((d) => severityRank(d.severity) > severityRank('info'))
      .map((d) => `${d.file}:${d.line ?? '?'} ${d.ruleId} ${d.severity} ${d.message}`);
    expect(problems, problems.join('\n')).toEqual([]);
    const roots = files.filter((f) => f.path.endsWith('/main.tf') && f.path.includes('/environments/'));
    expect(roots.map((f) => f.path.split('/')[3])).toEqual(['dev', 'staging', 'production']);
    for (const root of roots) {
      for (const service of plan.services) expect(root.content).toContain(`module "service_${service.name.replace(/-/g, '_')}"`);
    }
  });
});
