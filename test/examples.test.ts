/**
 * Every example, end to end: detect → plan → generate every family → validate. Each example has one
 * snapshot (test/__snapshots__/examples/<name>.md) holding its plan and every generated file keyed by
 * output path, so any change in what devsquad writes for a real app shows up in review. No skip list.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RepoFs } from '../src/core/repo/repo-fs.js';
import { analyzeRepository } from '../src/plan/analyze.js';
import { ProjectPlan } from '../src/plan/schema.js';
import { runGenerators } from '../src/generate/run.js';
import { dockerfilePathFor } from '../src/generate/dockerfile/paths.js';
import { EXAMPLES_DIR } from './helpers.js';

const HUGE_FILE = path.join(EXAMPLES_DIR, 'hostile-huge-file/src/huge-bundle.js');
const examples = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

beforeAll(() => {
  // 50 MB of minified-looking JavaScript, written here rather than committed.
  if (!fs.existsSync(HUGE_FILE) || fs.statSync(HUGE_FILE).size < 50 * 1024 * 1024) {
    const chunk = 'var a=function(b){return b*2};'.repeat(1024);
    const fd = fs.openSync(HUGE_FILE, 'w');
    for (let written = 0; written < 50 * 1024 * 1024; written += chunk.length) fs.writeSync(fd, chunk);
    fs.closeSync(fd);
  }
});

function analyzeExample(name: string) {
  return analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
}

describe('examples', () => {
  it('has at least 30 examples, 4 of them monorepos, and the hostile cases', () => {
    expect(examples.length).toBeGreaterThanOrEqual(30);
    const monorepos = examples.filter((e) => analyzeExample(e).services.length > 1 || /monorepo|workspace|multi-module|solution/.test(e));
    expect(monorepos.length).toBeGreaterThanOrEqual(4);
    for (const hostile of ['hostile-broken-manifest', 'hostile-binary-files', 'hostile-symlink-escape', 'hostile-huge-file', 'unknown-stack']) expect(examples).toContain(hostile);
  });

  it.each(examples)('%s: plan is valid, every generated file passes its validator, output matches the snapshot', async (name) => {
    const plan = analyzeExample(name);
    expect(ProjectPlan.parse(plan)).toEqual(plan);
    if (name === 'unknown-stack') {
      expect(plan.services).toEqual([]);
      return;
    }
    expect(plan.services.length, `no service found in ${name}: ${JSON.stringify(plan.diagnostics)}`).toBeGreaterThan(0);
    for (const service of plan.services) {
      if (service.kind !== 'worker') expect(service.port.value, `${name}/${service.name} has no port`).not.toBeNull();
      expect(service.commands.start ?? service.build.outputDir, `${name}/${service.name} has no start command`).not.toBeNull();
    }
    const result = runGenerators(plan, { version: '0.0.0-test' });
    const problems = result.invalid.map((f) => `${f.file.path}:\n${f.diagnostics.map((d) => `  ${d.ruleId} ${d.severity} line ${d.line}: ${d.message}`).join('\n')}`);
    expect(problems, problems.join('\n')).toEqual([]);
    const paths = result.files.map((f) => f.file.path);
    for (const service of plan.services) expect(paths).toContain(dockerfilePathFor(service, plan.services));
    expect(new Set(plan.services.map((s) => dockerfilePathFor(s, plan.services))).size, 'every service has its own Dockerfile').toBe(plan.services.length);
    expect(paths).toContain('compose.yaml');
    await expect(snapshotText(plan, result.files.map((f) => f.file))).toMatchFileSnapshot(`__snapshots__/examples/${name}.md`);
  });
});

describe('hostile examples', () => {
  it('a broken package.json is reported with its code; the sibling service is still planned', () => {
    const plan = analyzeExample('hostile-broken-manifest');
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'DSQ_ERR_MANIFEST_PARSE', path: 'web/package.json' }));
    expect(plan.services.map((s) => s.name)).toContain('api');
  });

  it('binary files are skipped, not parsed', () => {
    const plan = analyzeExample('hostile-binary-files');
    expect(plan.services[0]?.framework).toBe('flask');
    expect(plan.diagnostics.some((d) => d.code === 'DSQ_ERR_REPO_BINARY_FILE')).toBe(true);
  });

  it('symlinks out of the repository are never followed', () => {
    const plan = analyzeExample('hostile-symlink-escape');
    expect(plan.diagnostics.filter((d) => d.code === 'DSQ_ERR_REPO_SYMLINK_ESCAPE').map((d) => d.path).sort()).toEqual(['config/secrets.json', 'shared']);
    expect(JSON.stringify(plan)).not.toContain('root:x:0:0');
    expect(plan.services[0]?.framework).toBe('fastify');
  });

  it('a 50 MB file is skipped quickly without blowing up memory', () => {
    const started = performance.now();
    const plan = analyzeExample('hostile-huge-file');
    expect(performance.now() - started).toBeLessThan(2000);
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'DSQ_ERR_REPO_FILE_TOO_LARGE', path: 'src/huge-bundle.js' }));
    expect(plan.services[0]).toMatchObject({ framework: 'koa', port: { value: 4000 } });
  });
});

function snapshotText(plan: ProjectPlan, files: Array<{ path: string; content: string }>): string {
  const parts = [`# ${plan.name}`, '', '## plan', '', '```json', JSON.stringify(plan, null, 2), '```'];
  for (const file of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    parts.push('', `## ${file.path}`, '', '````', file.content.trimEnd(), '````');
  }
  return parts.join('\n') + '\n';
}
