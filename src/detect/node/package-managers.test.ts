import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../test/helpers.js';

const server = { 'index.js': "require('http').createServer((q, s) => s.end('ok')).listen(3000);\n" };
const pkg = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'app', scripts: { start: 'node index.js' }, ...extra });

describe('Node package managers', () => {
  it('npm with package-lock.json installs with npm ci', () => {
    const s = onlyService({ 'package.json': pkg(), 'package-lock.json': '{}', ...server });
    expect(s.packageManager).toEqual({ name: 'npm', lockfile: 'package-lock.json', version: null });
    expect(s.commands.install).toBe('npm ci');
  });

  it('npm-shrinkwrap.json counts as an npm lockfile', () => {
    const s = onlyService({ 'package.json': pkg(), 'npm-shrinkwrap.json': '{}', ...server });
    expect(s.packageManager?.lockfile).toBe('npm-shrinkwrap.json');
    expect(s.commands.install).toBe('npm ci');
  });

  it('pnpm-lock.yaml: frozen install, and the lockfile format gives the pnpm major', () => {
    const s = onlyService({ 'package.json': pkg({ scripts: { start: 'node index.js', build: 'tsc' } }), 'pnpm-lock.yaml': "lockfileVersion: '6.0'\n", ...server });
    expect(s.packageManager).toEqual({ name: 'pnpm', lockfile: 'pnpm-lock.yaml', version: '8' });
    expect(s.commands.install).toBe('pnpm install --frozen-lockfile');
    expect(s.commands.build).toBe('pnpm run build');
  });

  it('yarn classic: --frozen-lockfile, no berry feature', () => {
    const s = onlyService({ 'package.json': pkg(), 'yarn.lock': '# yarn lockfile v1\n', ...server });
    expect(s.commands.install).toBe('yarn install --frozen-lockfile');
    expect(s.build.features).not.toContain('yarn-berry');
  });

  it('yarn berry from __metadata in yarn.lock: --immutable and the yarn major', () => {
    const s = onlyService({ 'package.json': pkg(), 'yarn.lock': '__metadata:\n  version: 8\n  cacheKey: 10c0\n', ...server });
    expect(s.commands.install).toBe('yarn install --immutable');
    expect(s.build.features).toContain('yarn-berry');
    expect(s.packageManager?.version).toBe('4');
    expect(s.evidence).toContainEqual({ fact: 'packageManager', file: 'yarn.lock', line: 1, note: '__metadata: in yarn.lock: Yarn 2+ (berry)' });
  });

  it("yarn berry with Plug'n'Play runs package binaries through yarn", () => {
    const s = onlyService({
      'package.json': { name: 'web', scripts: { build: 'next build', start: 'next start' }, dependencies: { next: '15.0.3' } },
      'yarn.lock': '__metadata:\n  version: 8\n',
      '.yarnrc.yml': 'enableTelemetry: false\n',
    });
    expect(s.build.features).toContain('yarn-berry');
    expect(s.commands.start).toBe('yarn next start');
  });

  it('yarn berry with nodeLinker: node-modules uses node_modules/.bin', () => {
    const s = onlyService({
      'package.json': { name: 'web', scripts: { build: 'next build', start: 'next start' }, dependencies: { next: '15.0.3' } },
      'yarn.lock': '__metadata:\n  version: 8\n',
      '.yarnrc.yml': 'nodeLinker: node-modules\n',
    });
    expect(s.commands.start).toBe('node_modules/.bin/next start');
  });

  it('bun.lockb: bun install and the bun runtime', () => {
    const s = onlyService({ 'package.json': pkg({ scripts: { start: 'bun index.ts' } }), 'bun.lockb': Buffer.from([0, 1, 2]), 'index.ts': 'Bun.serve({ port: 3000, fetch: () => new Response("ok") });\n' });
    expect(s.packageManager?.name).toBe('bun');
    expect(s.commands.install).toBe('bun install --frozen-lockfile');
    expect(s.runtime.name).toBe('bun');
    expect(s.runtime.source).toBe('default');
    expect(s.commands.start).toBe('bun index.ts');
    expect(s.port.value).toBe(3000);
  });

  it('Corepack packageManager: name and exact version, the hash dropped', () => {
    const s = onlyService({ 'package.json': pkg({ packageManager: 'pnpm@9.12.0+sha512.4abf725084d7bcbafbd728bfc7bee61f2f791f977fd87542b3579dcb23504d170d46337945e4c66485cd12d588a0c0e570ed9c477e7ccdd8507cf05f3f92eaca' }), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n", ...server });
    expect(s.packageManager).toEqual({ name: 'pnpm', lockfile: 'pnpm-lock.yaml', version: '9.12.0' });
    expect(s.build.features).toContain('corepack');
    expect(s.evidence).toContainEqual({ fact: 'packageManager', file: 'package.json', line: 6, note: expect.stringContaining('"packageManager": "pnpm@9.12.0') });
  });

  it('packageManager yarn@4 without a lockfile is berry, installs loosely and warns', () => {
    const s = onlyService({ 'package.json': pkg({ packageManager: 'yarn@4.5.1' }), ...server });
    expect(s.build.features).toEqual(expect.arrayContaining(['corepack', 'yarn-berry']));
    expect(s.commands.install).toBe('yarn install');
    expect(s.warnings.join('\n')).toMatch(/No lockfile found/);
  });

  it('no lockfile: npm install plus a reproducibility warning', () => {
    const s = onlyService({ 'package.json': pkg(), ...server });
    expect(s.packageManager).toEqual({ name: 'npm', lockfile: null, version: null });
    expect(s.commands.install).toBe('npm install');
    expect(s.warnings.join('\n')).toMatch(/builds are not reproducible/);
  });

  it('several lockfiles: picks one and warns about the stale ones', () => {
    const s = onlyService({ 'package.json': pkg(), 'pnpm-lock.yaml': "lockfileVersion: '9.0'\n", 'package-lock.json': '{}', ...server });
    expect(s.packageManager?.name).toBe('pnpm');
    expect(s.warnings.join('\n')).toMatch(/Several lockfiles found/);
  });

  it('a workspace member uses the lockfile at the workspace root', () => {
    const plan = planOf(testdir({
      'package.json': { name: 'root', private: true, workspaces: ['apps/*'] },
      'yarn.lock': '# yarn lockfile v1\n',
      'apps/api/package.json': { name: 'api', scripts: { start: 'node index.js' } },
      'apps/api/index.js': server['index.js'],
    }));
    expect(plan.services).toHaveLength(1);
    const s = plan.services[0]!;
    expect(s.packageManager).toEqual({ name: 'yarn', lockfile: 'yarn.lock', version: null });
    expect(s.commands.install).toBe('yarn install --frozen-lockfile');
    expect(s.build.context).toBe('');
  });
});
