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

/** Where each cloud's tree starts: AWS keeps the top of deploy/terraform/, the others a folder each. */
const BASE: Record<string, string> = { aws: 'deploy/terraform', gcp: 'deploy/terraform/gcp', azure: 'deploy/terraform/azure', hetzner: 'deploy/terraform/hetzner' };

describe('terraform for every example', () => {
  it.each(examples)('%s: every cloud\'s files pass the terraform validator', (name) => {
    const plan = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
    const files = generate({ plan, services: plan.services, version: '0.0.0-test' }, inputs.parse({ cloud: ['aws', 'gcp', 'azure', 'hetzner'] }));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file.kind).toBe(file.path.endsWith('.md') ? 'markdown' : 'terraform');
    expect(new Set(files.map((f) => f.path)).size).toBe(files.length);
    const problems = validateTerraformFiles(files.filter((f) => f.kind === 'terraform'))
      .filter((d) => severityRank(d.severity) > severityRank('info'))
      .map((d) => `${d.file}:${d.line ?? '?'} ${d.ruleId} ${d.severity} ${d.message}`);
    expect(problems, problems.join('\n')).toEqual([]);
    for (const [cloud, base] of Object.entries(BASE)) {
      expect(files.map((f) => f.path), cloud).toContain(`${base}/README.md`);
      const roots = files.filter((f) => f.path.startsWith(`${base}/environments/`) && f.path.endsWith('/main.tf'));
      expect(roots.map((f) => f.path.slice(base.length).split('/')[2]), cloud).toEqual(['dev', 'staging', 'production']);
      for (const root of roots) {
        for (const service of plan.services) expect(root.content).toContain(`module "service_${service.name.replace(/-/g, '_')}"`);
      }
    }
  });
});
