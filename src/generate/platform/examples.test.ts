/**
 * Every example (except unknown-stack), every platform: either a not-applicable note (in
 * platform/README.md and its notes) or files that pass the platform validator with nothing above info.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import { validatePlatform } from '../../validate/platform.js';
import { severityRank } from '../../validate/types.js';
import { EXAMPLES_DIR } from '../../../test/helpers.js';
import { PLATFORMS } from './common.js';
import { generate, inputs } from './generate.js';

const examples = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'unknown-stack').map((e) => e.name).sort();

describe('platform configs for every example', () => {
  it.each(examples)('%s: every platform writes valid files or says why not', (name) => {
    const plan = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
    const files = generate({ plan, services: plan.services, version: '0.0.0-test' }, inputs.parse({ platforms: [...PLATFORMS] }));
    const readme = files.find((f) => f.path === 'platform/README.md');
    expect(readme?.kind).toBe('markdown');
    const problems: string[] = [];
    for (const file of files.filter((f) => f.kind === 'platform')) {
      for (const d of validatePlatform(file)) if (severityRank(d.severity) > severityRank('info')) problems.push(`${file.path}:${d.line ?? '?'} ${d.ruleId} ${d.message}`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
    const paths = files.map((f) => f.path);
    // Container platforms take every service; Vercel, Cloudflare and Cloud Run write a file or a reason per service.
    expect(paths.filter((p) => p.endsWith('.task-definition.json'))).toHaveLength(plan.services.length);
    expect(paths).toContain('platform/cloudformation/template.yaml');
    expect(paths).toContain('render.yaml');
    expect(paths.filter((p) => p.endsWith('fly.toml'))).toHaveLength(plan.services.length);
    const notes = readme?.notes ?? [];
    for (const [platform, file] of [['vercel', 'vercel.json'], ['cloudflare', 'wrangler.toml'], ['cloudrun', '.service.yaml']] as const) {
      expect(paths.filter((p) => p.endsWith(file)).length + notes.filter((n) => n.startsWith(`${platform}:`)).length, platform).toBe(plan.services.length);
    }
  });
});
