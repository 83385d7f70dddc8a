import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../test/helpers.js';
import type { FileSpec } from '../../../test/helpers.js';
import { tagForRange } from './runtime.js';

const app = (extra: Record<string, unknown> = {}): Record<string, FileSpec> => ({
  'package.json': { name: 'svc', scripts: { start: 'node index.js' }, ...extra },
  'index.js': "require('http').createServer().listen(3000);\n",
});

describe('Node runtime version', () => {
  it('.nvmrc with a v prefix', () => {
    const s = onlyService({ ...app(), '.nvmrc': 'v20.11.1\n' });
    expect(s.runtime).toEqual({ name: 'node', version: '20.11.1', source: '.nvmrc' });
    expect(s.evidence).toContainEqual({ fact: 'runtime', file: '.nvmrc', line: 1, note: '.nvmrc: v20.11.1' });
  });

  it('.node-version', () => {
    expect(onlyService({ ...app(), '.node-version': '18.20.4\n' }).runtime).toEqual({ name: 'node', version: '18.20.4', source: '.node-version' });
  });

  it('volta.node', () => {
    expect(onlyService(app({ volta: { node: '20.17.0', npm: '10.8.2' } })).runtime).toEqual({ name: 'node', version: '20.17.0', source: 'package.json' });
  });

  it('.tool-versions (asdf) nodejs', () => {
    expect(onlyService({ ...app(), '.tool-versions': 'python 3.12.1\nnodejs 20.10.0\n' }).runtime).toEqual({ name: 'node', version: '20.10.0', source: '.tool-versions' });
  });

  it('mise.toml [tools] node', () => {
    expect(onlyService({ ...app(), 'mise.toml': '[tools]\nnode = "22.11"\n' }).runtime).toEqual({ name: 'node', version: '22.11', source: 'mise.toml' });
  });

  it('engines.node ranges: a pinned line, an open range taking the default LTS', () => {
    expect(onlyService(app({ engines: { node: '^18.17.0' } })).runtime.version).toBe('18.17.0');
    expect(onlyService(app({ engines: { node: '>=18' } })).runtime.version).toBe('22');
    expect(tagForRange('>=16 <19', '22')).toBe('16');
    expect(tagForRange('^18 || ^20', '22')).toBe('20');
    expect(tagForRange('20.x', '22')).toBe('20');
  });

  it('nothing pinned: the default with a warning', () => {
    const s = onlyService(app());
    expect(s.runtime).toEqual({ name: 'node', version: '22', source: 'default' });
    expect(s.warnings).toContain('No Node version pinned (.nvmrc, .node-version, engines.node, volta); using Node 22.');
  });

  it('a workspace member inherits the root .nvmrc', () => {
    const plan = planOf(testdir({
      'package.json': { name: 'root', private: true, workspaces: ['apps/*'] },
      '.nvmrc': '20\n',
      'apps/api/package.json': { name: 'api', scripts: { start: 'node index.js' } },
      'apps/api/index.js': "require('http').createServer().listen(3000);\n",
    }));
    expect(plan.services[0]?.runtime).toEqual({ name: 'node', version: '20', source: '.nvmrc' });
  });

  it('Bun: version from packageManager', () => {
    const s = onlyService({ 'package.json': { name: 'b', packageManager: 'bun@1.1.38', scripts: { start: 'bun index.ts' } }, 'index.ts': 'Bun.serve({ port: 3000, fetch: () => new Response() });\n' });
    expect(s.runtime).toEqual({ name: 'bun', version: '1.1.38', source: 'package.json' });
  });
});
