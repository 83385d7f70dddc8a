import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../test/helpers.js';
import type { FileSpec } from '../../../test/helpers.js';

const expressTs = "import express from 'express';\nconst app = express();\napp.listen(process.env.PORT || 3000);\n";

function svc(pkg: Record<string, unknown>, files: Record<string, FileSpec>): ReturnType<typeof onlyService> {
  return onlyService({ 'package.json': { name: 'svc', dependencies: { express: '^4.21.1' }, ...pkg }, 'package-lock.json': '{}', ...files });
}

describe('Node start command', () => {
  it('tsc with outDir/rootDir and no start script: node dist/<entry>.js', () => {
    const s = svc({ scripts: { build: 'tsc' }, devDependencies: { typescript: '^5.6.3' } }, {
      'tsconfig.json': { compilerOptions: { outDir: 'dist', rootDir: 'src' } },
      'src/server.ts': expressTs,
      'src/routes.ts': 'export const routes = [];\n',
    });
    expect(s.commands.start).toBe('node dist/server.js');
    expect(s.commands.build).toBe('npm run build');
    expect(s.build.features).toContain('typescript');
    expect(s.evidence.find((e) => e.fact === 'start')).toMatchObject({ file: 'tsconfig.json', note: 'tsc compiles src/server.ts to dist/server.js (outDir dist, rootDir src)' });
  });

  it('rootDir inferred from the inputs and outDir from an extended config', () => {
    const s = svc({ scripts: { build: 'tsc -p tsconfig.build.json' } }, {
      'tsconfig.base.json': { compilerOptions: { outDir: './out', strict: true } },
      'tsconfig.build.json': { extends: './tsconfig.base.json', include: ['src/**/*.ts'] },
      'src/app/index.ts': expressTs,
    });
    expect(s.commands.start).toBe('node out/index.js');
  });

  it('main pointing into outDir is the entry', () => {
    const s = svc({ main: 'dist/bootstrap.js', scripts: { build: 'tsc' } }, {
      'tsconfig.json': { compilerOptions: { outDir: 'dist' } },
      'src/bootstrap.ts': expressTs,
    });
    expect(s.commands.start).toBe('node dist/bootstrap.js');
  });

  it('no build script but a compiled layout: npx tsc builds it', () => {
    const s = svc({}, { 'tsconfig.json': { compilerOptions: { outDir: 'build', rootDir: 'src' } }, 'src/index.ts': expressTs });
    expect(s.commands.start).toBe('node build/index.js');
    expect(s.commands.build).toBe('npx tsc');
  });

  it('tsup with an ESM entry in a type: module package', () => {
    const s = svc({ type: 'module', scripts: { build: 'tsup src/main.ts --format esm --clean' } }, { 'src/main.ts': expressTs });
    expect(s.commands.start).toBe('node dist/main.js');
  });

  it('esbuild --outfile', () => {
    const s = svc({ scripts: { build: 'esbuild src/index.ts --bundle --platform=node --outfile=build/server.cjs' } }, { 'src/index.ts': expressTs });
    expect(s.commands.start).toBe('node build/server.cjs');
  });

  it('start: npm run build && node dist/index.js takes the node step', () => {
    const s = svc({ scripts: { build: 'tsc', start: 'npm run build && node --enable-source-maps dist/index.js' } }, { 'src/index.ts': expressTs });
    expect(s.commands.start).toBe('node --enable-source-maps dist/index.js');
  });

  it('start hops through npm run serve', () => {
    const s = svc({ scripts: { start: 'npm run serve', serve: 'cross-env NODE_ENV=production node app.js' } }, { 'app.js': expressTs });
    expect(s.commands.start).toBe('node app.js');
  });

  it('node --env-file is dropped with a warning (no .env in the image)', () => {
    const s = svc({ scripts: { start: 'node --env-file=.env server.js' } }, { 'server.js': expressTs });
    expect(s.commands.start).toBe('node server.js');
    expect(s.warnings.join('\n')).toMatch(/loads a \.env file/);
  });

  it('tsx at runtime runs as node --import tsx', () => {
    const s = svc({ scripts: { start: 'tsx src/index.ts' }, dependencies: { express: '^4.21.1', tsx: '^4.19.2' } }, { 'src/index.ts': expressTs });
    expect(s.commands.start).toBe('node --import tsx src/index.ts');
  });

  it('nodemon-only JS app: node <entry>', () => {
    const s = svc({ scripts: { dev: 'nodemon src/app.js' } }, { 'src/app.js': expressTs.replace('import express from', 'const express = require(').replace("'express';", "'express');") });
    expect(s.commands.start).toBe('node src/app.js');
  });

  it('ts-node start without a build: ts-node with a warning', () => {
    const s = svc({ scripts: { start: 'ts-node src/index.ts' } }, { 'src/index.ts': expressTs });
    expect(s.commands.start).toBe('node_modules/.bin/ts-node src/index.ts');
    expect(s.warnings.join('\n')).toMatch(/runtime loader/);
  });

  it('pm2-runtime is kept; pm2 start <file> becomes node <file>', () => {
    expect(svc({ scripts: { start: 'pm2-runtime start ecosystem.config.js --env production' } }, { 'index.js': expressTs }).commands.start)
      .toBe('node_modules/.bin/pm2-runtime start ecosystem.config.js --env production');
    expect(svc({ scripts: { start: 'pm2 start server.js' } }, { 'server.js': expressTs }).commands.start).toBe('node server.js');
  });

  it('no start script: the JS file that listens', () => {
    const s = svc({ main: 'index.js' }, { 'lib/server.js': expressTs.replace('import express from', 'const express = require(').replace("'express';", "'express');") });
    expect(s.commands.start).toBe('node lib/server.js');
  });

  it('Procfile web when nothing else says', () => {
    const s = onlyService({ 'package.json': { name: 'p', dependencies: { express: '^4.21.1' } }, Procfile: 'web: node boot/start.js\n', 'boot/start.js': 'module.exports = 1;\n' });
    expect(s.commands.start).toBe('node boot/start.js');
    expect(s.evidence).toContainEqual({ fact: 'start', file: 'Procfile', line: 1, note: 'web: node boot/start.js' });
  });
});

describe('Node apps started by their own CLI', () => {
  it('Strapi: strapi start on the port from config/server', () => {
    const s = onlyService({
      'package.json': { name: 'cms', scripts: { build: 'strapi build', start: 'strapi start', develop: 'strapi develop' }, dependencies: { '@strapi/strapi': '5.4.0' } },
      'package-lock.json': '{}',
      'config/server.ts': "export default ({ env }) => ({\n  host: env('HOST', '0.0.0.0'),\n  port: env.int('PORT', 1337),\n});\n",
    });
    expect(s.kind).toBe('server');
    expect(s.commands.start).toBe('node_modules/.bin/strapi start');
    expect(s.port).toMatchObject({ value: 1337, envVar: 'PORT' });
  });
});
