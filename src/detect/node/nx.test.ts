import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import { testdir } from '../../../test/helpers.js';

describe('integrated Nx repositories', () => {
  const repo = (): string => testdir({
    'package.json': { name: 'org', private: true, dependencies: { express: '^4.21.1', react: '^18.3.1', 'react-dom': '^18.3.1', pg: '^8.13.1' }, devDependencies: { nx: '20.1.2', '@nx/webpack': '20.1.2', vite: '^5.4.10', typescript: '^5.6.3' } },
    'package-lock.json': '{}',
    'nx.json': { targetDefaults: { build: { dependsOn: ['^build'] } } },
    'tsconfig.base.json': { compilerOptions: { paths: { '@org/data': ['libs/data/src/index.ts'], '@org/util': ['libs/util/src/index.ts'] } } },
    'apps/api/project.json': { name: 'api', projectType: 'application', sourceRoot: 'apps/api/src', targets: { build: { executor: '@nx/webpack:webpack', options: { outputPath: 'dist/apps/api', main: 'apps/api/src/main.ts', target: 'node' } } } },
    'apps/api/src/main.ts': "import express from 'express';\nimport { db } from '@org/data';\nconst app = express();\napp.get('/health', (_q, r) => r.send('ok'));\nconst port = process.env.PORT || 3333;\napp.listen(port);\n",
    'apps/web/project.json': { name: 'web', projectType: 'application', targets: { build: { executor: '@nx/vite:build', options: { outputPath: 'dist/apps/web' } } } },
    'apps/web/index.html': '<div id="root"></div>\n',
    'apps/web/vite.config.ts': 'export default {};\n',
    'apps/web/src/main.tsx': "import { createRoot } from 'react-dom/client';\ncreateRoot(document.body);\n",
    'apps/api-e2e/project.json': { name: 'api-e2e', projectType: 'application', targets: { e2e: { executor: '@nx/jest:jest' } } },
    'libs/data/project.json': { name: 'data', projectType: 'library' },
    'libs/data/src/index.ts': "import { Pool } from 'pg';\nimport { log } from '@org/util';\nexport const db = new Pool({ connectionString: process.env.DATABASE_URL });\n",
    'libs/util/project.json': { name: 'util', projectType: 'library' },
    'libs/util/src/index.ts': 'export const log = console.log;\n',
  });

  it('apps are services built with nx from the root; libs and e2e projects are not', () => {
    const { plan, verdicts } = analyzeRepository(RepoFs.open(repo()));
    expect(plan.monorepo?.tools).toEqual(['nx']);
    expect(plan.services.map((s) => s.path)).toEqual(['apps/api', 'apps/web']);
    const roles = Object.fromEntries(verdicts.map((v) => [v.dir, v.detection.role]));
    expect(roles).toMatchObject({ '': 'workspace-root', 'apps/api-e2e': 'library', 'libs/data': 'library', 'libs/util': 'library' });
  });

  it('a webpack node app starts the bundle in dist and lists the libraries it imports', () => {
    const api = analyzeRepository(RepoFs.open(repo())).plan.services.find((s) => s.name === 'api')!;
    expect(api.framework).toBe('express');
    expect(api.commands.install).toBe('npm ci');
    expect(api.commands.build).toBe('npx nx run api:build');
    expect(api.commands.start).toBe('node ../../dist/apps/api/main.js');
    expect(api.build.context).toBe('');
    expect(api.build.outputDir).toBe('../../dist/apps/api');
    expect(api.build.workspacePackages).toEqual(['libs/data', 'libs/util']);
    expect(api.port).toMatchObject({ value: 3333, envVar: 'PORT' });
    expect(api.health.path).toBe('/health');
  });

  it('a vite app is a static SPA with its output in dist', () => {
    const web = analyzeRepository(RepoFs.open(repo())).plan.services.find((s) => s.name === 'web')!;
    expect(web.framework).toBe('vite');
    expect(web.kind).toBe('static');
    expect(web.build.outputDir).toBe('../../dist/apps/web');
    expect(web.commands.build).toBe('npx nx run web:build');
  });
});
