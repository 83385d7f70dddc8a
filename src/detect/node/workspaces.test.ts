import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import type { ServicePlan } from '../../plan/schema.js';
import { testdir, writeFiles, type FileSpec } from '../../../test/helpers.js';

const listen = (port: number): string => `const express = require('express');\nconst app = express();\napp.listen(process.env.PORT || ${port});\n`;
const api = (deps: Record<string, string> = {}): Record<string, unknown> => ({ name: '@acme/api', scripts: { build: 'tsc', start: 'node dist/index.js' }, dependencies: { express: '^4.21.1', ...deps } });
const lib = (name: string, deps: Record<string, string> = {}, build = true): Record<string, unknown> => ({ name, main: 'dist/index.js', ...(build ? { scripts: { build: 'tsc' } } : {}), dependencies: deps });

function analyze(files: Record<string, FileSpec>): ReturnType<typeof analyzeRepository> {
  return analyzeRepository(RepoFs.open(testdir(files)));
}

function svc(result: ReturnType<typeof analyzeRepository>, path: string): ServicePlan {
  const found = result.plan.services.find((s) => s.path === path);
  expect(found, `service at ${path}`).toBeDefined();
  return found!;
}

describe('Node workspaces', () => {
  it('npm workspaces: root is a workspace root, member built from the root, dependencies built first', () => {
    const r = analyze({
      'package.json': { name: 'root', private: true, workspaces: ['apps/*', 'packages/*'] },
      'package-lock.json': '{}',
      'apps/api/package.json': api({ '@acme/db': '*' }),
      'apps/api/src/index.ts': listen(3000),
      'apps/api/tsconfig.json': { compilerOptions: { outDir: 'dist', rootDir: 'src' } },
      'packages/db/package.json': lib('@acme/db', { '@acme/util': '^1.0.0' }),
      'packages/util/package.json': lib('@acme/util'),
      'packages/unused/package.json': lib('@acme/unused'),
    });
    expect(r.plan.monorepo?.tools).toEqual(['npm-workspaces']);
    expect(r.verdicts.find((v) => v.dir === '')?.detection.role).toBe('workspace-root');
    const s = svc(r, 'apps/api');
    expect(s.build.context).toBe('');
    expect(s.build.workspacePackages).toEqual(['packages/db', 'packages/util']);
    expect(s.commands.install).toBe('npm ci');
    expect(s.commands.build).toBe('npm run build --workspace packages/util && npm run build --workspace packages/db && npm run build --workspace apps/api');
    expect(s.commands.start).toBe('node dist/index.js');
    expect(s.evidence).toContainEqual({ fact: 'build', file: 'apps/api/package.json', line: 9, note: 'needs workspace package @acme/db (packages/db)' });
  });

  it('yarn workspaces ({ packages: [...] }) build with yarn workspace', () => {
    const r = analyze({
      'package.json': { name: 'root', private: true, workspaces: { packages: ['services/*', 'libs/*'] } },
      'yarn.lock': '# yarn lockfile v1\n',
      'services/api/package.json': api({ '@acme/types': '1.0.0' }),
      'services/api/src/index.ts': listen(3000),
      'libs/types/package.json': lib('@acme/types'),
    });
    expect(r.plan.monorepo?.tools).toEqual(['yarn-workspaces']);
    const s = svc(r, 'services/api');
    expect(s.commands.install).toBe('yarn install --frozen-lockfile');
    expect(s.commands.build).toBe('yarn workspace @acme/types run build && yarn workspace @acme/api run build');
    expect(s.build.workspacePackages).toEqual(['libs/types']);
  });

  it('pnpm workspaces without turbo use pnpm --filter <name>...', () => {
    const r = analyze({
      'package.json': { name: 'root', private: true },
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - 'packages/*'\n  - '!packages/legacy'\n",
      'pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'apps/api/package.json': api({ '@acme/shared': 'workspace:*' }),
      'apps/api/src/index.ts': listen(3000),
      'packages/shared/package.json': lib('@acme/shared'),
      'packages/legacy/package.json': { name: 'legacy', scripts: { start: 'node index.js' } },
      'packages/legacy/index.js': listen(9999),
    });
    expect(r.plan.monorepo?.tools).toEqual(['pnpm-workspaces']);
    const s = svc(r, 'apps/api');
    expect(s.commands.build).toBe('pnpm --filter @acme/api... run build');
    expect(s.build.workspacePackages).toEqual(['packages/shared']);
    // Excluded from the workspace: a standalone app with its own context and no lockfile.
    const legacy = svc(r, 'packages/legacy');
    expect(legacy.build.context).toBe('packages/legacy');
    expect(legacy.commands.install).toBe('npm install');
  });

  it('Turborepo filters the build with turbo run build --filter=<name>...', () => {
    const r = analyze({
      'package.json': { name: 'root', private: true, workspaces: ['apps/*'], devDependencies: { turbo: '^2.3.0' } },
      'package-lock.json': '{}',
      'turbo.json': { tasks: { build: { dependsOn: ['^build'] } } },
      'apps/api/package.json': api(),
      'apps/api/src/index.ts': listen(3000),
    });
    expect(r.plan.monorepo?.tools).toEqual(['npm-workspaces', 'turborepo']);
    expect(svc(r, 'apps/api').commands.build).toBe('npx turbo run build --filter=@acme/api...');
  });

  it('bun workspaces build with bun run --filter', () => {
    const r = analyze({
      'package.json': { name: 'root', private: true, workspaces: ['apps/*'] },
      'bun.lock': '{}',
      'apps/api/package.json': { name: 'api', scripts: { build: 'bun build src/index.ts --outdir dist --target bun', start: 'bun dist/index.js' }, dependencies: { hono: '^4.6.10' } },
      'apps/api/src/index.ts': "import { Hono } from 'hono';\nconst app = new Hono();\nexport default { port: 3000, fetch: app.fetch };\n",
    });
    expect(r.plan.monorepo?.tools).toEqual(['bun-workspaces']);
    const s = svc(r, 'apps/api');
    expect(s.commands.build).toBe('bun run --filter api build');
    expect(s.runtime.name).toBe('bun');
  });

  it('Nx (package-based) builds with nx run <project>:build', () => {
    const r = analyze({
      'package.json': { name: 'root', private: true, workspaces: ['apps/*'] },
      'package-lock.json': '{}',
      'nx.json': { targetDefaults: { build: { dependsOn: ['^build'] } } },
      'apps/api/package.json': api(),
      'apps/api/src/index.ts': listen(3000),
    });
    expect(r.plan.monorepo?.tools).toEqual(['npm-workspaces', 'nx']);
    expect(svc(r, 'apps/api').commands.build).toBe('npx nx run @acme/api:build');
  });

  it('Lerna without workspaces lists packages/* by default', () => {
    const r = analyze({
      'package.json': { name: 'root', private: true, devDependencies: { lerna: '^8.1.9' } },
      'package-lock.json': '{}',
      'lerna.json': { version: 'independent' },
      'packages/api/package.json': { name: 'api', scripts: { start: 'node index.js' }, dependencies: { express: '^4.21.1' } },
      'packages/api/index.js': listen(3000),
    });
    expect(r.plan.monorepo?.tools).toEqual(['lerna']);
    expect(svc(r, 'packages/api').build.context).toBe('');
  });

  it('internal libraries and tooling-only packages are libraries, not services', () => {
    const r = analyze({
      'package.json': { name: 'root', private: true, workspaces: ['packages/*'] },
      'packages/eslint-config/package.json': { name: '@acme/eslint-config', main: 'index.js', dependencies: { 'eslint-config-prettier': '^9.1.0', 'typescript-eslint': '^8.14.0' }, peerDependencies: { eslint: '^9' } },
      'packages/eslint-config/index.js': 'module.exports = {};\n',
      'packages/tsconfig/package.json': { name: '@acme/tsconfig', files: ['base.json'] },
      'packages/middleware/package.json': { name: '@acme/middleware', main: 'index.js', peerDependencies: { express: '^4' }, devDependencies: { express: '^4.21.1' } },
      'packages/middleware/index.js': 'module.exports = (req, res, next) => next();\n',
      'packages/ui/package.json': { name: '@acme/ui', main: 'dist/index.js', scripts: { build: 'tsup src/index.tsx' }, dependencies: { react: '^18.3.1' } },
    });
    expect(r.plan.services).toEqual([]);
    const reasons = Object.fromEntries(r.verdicts.map((v) => [v.dir, `${v.detection.role}: ${v.detection.reason}`]));
    expect(reasons['packages/eslint-config']).toMatch(/^library: tooling-only/);
    expect(reasons['packages/tsconfig']).toMatch(/^library/);
    expect(reasons['packages/middleware']).toMatch(/^library: depends on express but nothing starts a server/);
    expect(reasons['packages/ui']).toMatch(/^library/);
  });

  it('a workspace root that is itself a server is a service', () => {
    const r = analyze({
      'package.json': { name: 'portal', workspaces: ['packages/*'], scripts: { start: 'node server.js' }, dependencies: { express: '^4.21.1' } },
      'package-lock.json': '{}',
      'server.js': listen(8080),
      'packages/util/package.json': lib('@portal/util', {}, false),
    });
    expect(r.plan.services.map((s) => s.path)).toEqual(['']);
    expect(r.plan.services[0]!.port.value).toBe(8080);
  });

  it('a root whose start only runs turbo is not a service', () => {
    const r = analyze({
      'package.json': { name: 'root', private: true, workspaces: ['apps/*'], scripts: { start: 'turbo run start', build: 'turbo run build' }, devDependencies: { turbo: '^2' } },
      'turbo.json': '{}',
      'apps/api/package.json': api(),
      'apps/api/src/index.ts': listen(3000),
    });
    expect(r.plan.services.map((s) => s.path)).toEqual(['apps/api']);
  });

  it('file: dependencies count as internal packages', () => {
    const r = analyze({
      'package.json': { name: 'root', private: true, workspaces: ['apps/*', 'packages/*'] },
      'package-lock.json': '{}',
      'apps/api/package.json': { name: 'api', scripts: { start: 'node index.js' }, dependencies: { express: '^4.21.1', common: 'file:../../packages/common' } },
      'apps/api/index.js': listen(3000),
      'packages/common/package.json': { name: 'common-lib', main: 'index.js' },
    });
    const s = svc(r, 'apps/api');
    expect(s.build.workspacePackages).toEqual(['packages/common']);
    expect(s.commands.build).toBeNull();
  });

  it('a member that builds nothing itself still builds its internal dependencies', () => {
    const r = analyze({
      'package.json': { name: 'root', private: true },
      'pnpm-workspace.yaml': 'packages: ["apps/*", "packages/*"]\n',
      'apps/api/package.json': { name: 'api', scripts: { start: 'node index.js' }, dependencies: { express: '^4.21.1', '@x/lib': 'workspace:^' } },
      'apps/api/index.js': listen(3000),
      'packages/lib/package.json': lib('@x/lib'),
    });
    expect(svc(r, 'apps/api').commands.build).toBe('pnpm --filter api... run build');
  });

  it('stays fast on a 200-package monorepo (150 services of 21 files)', () => {
    const files: Record<string, FileSpec> = {
      'package.json': { name: 'big', private: true, workspaces: ['services/*', 'packages/*'] },
      'package-lock.json': '{}',
    };
    for (let i = 0; i < 150; i++) {
      files[`services/svc-${i}/package.json`] = { name: `svc-${i}`, scripts: { start: 'node src/index.js' }, dependencies: { express: '^4', [`lib-${i % 50}`]: '*' } };
      files[`services/svc-${i}/src/index.js`] = listen(3000 + i);
      for (let j = 0; j < 20; j++) files[`services/svc-${i}/src/mod-${j}.js`] = `module.exports = ${j};\n`;
    }
    for (let i = 0; i < 50; i++) files[`packages/lib-${i}/package.json`] = lib(`lib-${i}`);
    const dir = testdir({});
    writeFiles(dir, files);
    const started = performance.now();
    const r = analyzeRepository(RepoFs.open(dir));
    const elapsed = performance.now() - started;
    expect(r.plan.services).toHaveLength(150);
    expect(r.plan.services.find((s) => s.path === 'services/svc-7')?.port.value).toBe(3007);
    // A generous bound that still catches a quadratic walk (minutes on this size), even on a busy CI box.
    expect(elapsed).toBeLessThan(15000);
  });
});
