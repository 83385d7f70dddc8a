import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { onlyService, planOf, testdir } from '../../../test/helpers.js';
import { detect, plan } from './detect.js';
import { nodeDetector } from './index.js';

describe('Node detector', () => {
  it('keeps its registry metadata', () => {
    expect(nodeDetector).toMatchObject({ id: 'node', displayName: 'Node.js', priority: 40 });
    expect(nodeDetector.markers).toContain('package.json');
  });

  it('a broken package.json gives null and a diagnostic, never a throw', () => {
    const dir = testdir({ 'package.json': '{ "name": "broken", "scripts": { "start": "node index.js" ', 'index.js': "require('http').createServer().listen(3000);\n" });
    const repo = RepoFs.open(dir);
    expect(detect(repo, '')).toBeNull();
    expect(plan(repo, '', { role: 'service', reason: 'forced' })).toEqual([]);
    expect(repo.diagnostics.map((d) => d.code)).toEqual(['DSQ_ERR_MANIFEST_PARSE']);
    const result = planOf(dir);
    expect(result.services).toEqual([]);
    expect(result.diagnostics[0]).toMatchObject({ code: 'DSQ_ERR_MANIFEST_PARSE', path: 'package.json' });
  });

  it('a package.json that is not an object, or has odd field types, does not throw', () => {
    const repo = RepoFs.open(testdir({ 'a/package.json': '[1, 2]', 'b/package.json': { name: 42, scripts: 'nope', dependencies: { express: 4 }, workspaces: 'x' } }));
    expect(detect(repo, 'a')).toBeNull();
    expect(detect(repo, 'b')?.role).toBe('library');
  });

  it('a package.json with no dependencies and a plain server is a service', () => {
    const s = onlyService({ 'package.json': { name: 'tiny' }, 'server.js': "require('http').createServer((q, s) => s.end()).listen(process.env.PORT || 3000);\n" });
    expect(s.framework).toBeNull();
    expect(s.commands.start).toBe('node server.js');
    expect(s.port.value).toBe(3000);
  });

  it('a package.json with nothing else is a library', () => {
    const repo = RepoFs.open(testdir({ 'package.json': { name: 'empty', version: '1.0.0' } }));
    expect(detect(repo, '')).toMatchObject({ role: 'library' });
  });

  it('a repo-root package.json that only holds lint tooling is not a service', () => {
    const result = planOf(testdir({ 'package.json': { name: 'tools', private: true, scripts: { lint: 'eslint .', prepare: 'husky' }, devDependencies: { eslint: '^9.15.0', prettier: '^3.3.3', husky: '^9.1.7', '@commitlint/cli': '^19.6.0' } } }));
    expect(result.services).toEqual([]);
  });

  it('service name: package name without the scope, else the folder name', () => {
    const result = planOf(testdir({
      'apps/billing/package.json': { name: '@acme/Billing_API', scripts: { start: 'node i.js' } },
      'apps/billing/i.js': "require('http').createServer().listen(3000);\n",
      'apps/mailer/package.json': { scripts: { start: 'node i.js' } },
      'apps/mailer/i.js': "require('http').createServer().listen(3001);\n",
    }));
    expect(result.services.map((s) => s.name)).toEqual(['billing-api', 'mailer']);
  });

  it('every fact the plan states has evidence', () => {
    const s = onlyService({ 'package.json': { name: 'e', scripts: { start: 'node index.js' }, dependencies: { express: '^4.21.1', pg: '^8.13.1' } }, 'package-lock.json': '{}', 'index.js': "const app = require('express')();\napp.get('/healthz', (q, r) => r.end());\napp.listen(process.env.PORT || 3000);\nconst db = process.env.DATABASE_URL;\n" });
    const facts = new Set(s.evidence.map((e) => e.fact));
    for (const fact of ['packageManager', 'install', 'framework', 'start', 'port', 'health', 'env:DATABASE_URL', 'backing:postgres']) expect(facts).toContain(fact);
  });
});
