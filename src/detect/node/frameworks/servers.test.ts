import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../../test/helpers.js';

const lock = { 'package-lock.json': '{}' };
const app = (deps: Record<string, string>, scripts: Record<string, string> = {}, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'svc', scripts, dependencies: deps, ...extra });

describe('HTTP server frameworks', () => {
  it('express-generator layout: node ./bin/www with normalizePort', () => {
    const s = onlyService({
      'package.json': app({ express: '~4.16.1' }, { start: 'node ./bin/www' }),
      ...lock,
      'app.js': "var express = require('express');\nvar app = express();\napp.get('/health', (req, res) => res.send('ok'));\nmodule.exports = app;\n",
      'bin/www': "#!/usr/bin/env node\nvar app = require('../app');\nvar http = require('http');\nvar port = normalizePort(process.env.PORT || '3000');\napp.set('port', port);\nvar server = http.createServer(app);\nserver.listen(port);\nfunction normalizePort(val) { return parseInt(val, 10); }\n",
    });
    expect(s.framework).toBe('express');
    expect(s.commands.start).toBe('node ./bin/www');
    expect(s.port).toMatchObject({ value: 3000, envVar: 'PORT' });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'bin/www', line: 7, note: "server.listen(port); with var port = normalizePort(process.env.PORT || '3000'); (line 4)" });
    expect(s.health.path).toBe('/health');
  });

  it("app.set('port', …) then app.listen(app.get('port'))", () => {
    const s = onlyService({
      'package.json': app({ express: '^4.21.1' }, { start: 'node index.js' }),
      ...lock,
      'index.js': "const app = require('express')();\napp.set('port', process.env.PORT || 5050);\napp.listen(app.get('port'));\n",
    });
    expect(s.port.value).toBe(5050);
  });

  it('fastify.listen without a host binds to localhost: a warning', () => {
    const s = onlyService({
      'package.json': app({ fastify: '^5.1.0' }, { start: 'node server.js' }),
      ...lock,
      'server.js': "const fastify = require('fastify')();\nfastify.get('/healthz', async () => 'ok');\nfastify.listen({ port: 3000 });\n",
    });
    expect(s.port).toEqual({ value: 3000, envVar: null, bindAddress: 'localhost' });
    expect(s.warnings.join('\n')).toMatch(/server\.js:3 binds to localhost.*host: '0\.0\.0\.0'/);
  });

  it('fastify-cli: fastify start gets -a 0.0.0.0', () => {
    const s = onlyService({
      'package.json': app({ fastify: '^5.1.0', 'fastify-cli': '^7.0.1', '@fastify/autoload': '^6.0.2' }, { start: 'fastify start -l info app.js' }),
      ...lock,
      'app.js': "module.exports = async function (fastify) { fastify.get('/health', async () => ({ ok: true })); };\n",
    });
    expect(s.commands.start).toBe('node_modules/.bin/fastify start -a 0.0.0.0 -l info app.js');
    expect(s.port).toMatchObject({ value: 3000, envVar: 'PORT' });
  });

  it('koa with an old-style listen(port, host)', () => {
    const s = onlyService({
      'package.json': app({ koa: '^2.15.3' }, { start: 'node app.js' }),
      ...lock,
      'app.js': "const Koa = require('koa');\nconst app = new Koa();\nconst HOST = process.env.HOST || '0.0.0.0';\napp.listen(8000, HOST);\n",
    });
    expect(s.framework).toBe('koa');
    expect(s.port).toEqual({ value: 8000, envVar: null, bindAddress: '0.0.0.0' });
  });

  it("hapi: Hapi.server({ port, host: 'localhost' }) is a warning", () => {
    const s = onlyService({
      'package.json': app({ '@hapi/hapi': '^21.3.12' }, { start: 'node index.js' }),
      ...lock,
      'index.js': "const Hapi = require('@hapi/hapi');\nconst init = async () => {\n  const server = Hapi.server({ port: process.env.PORT || 3000, host: 'localhost' });\n  server.route({ method: 'GET', path: '/health', handler: () => 'ok' });\n  await server.start();\n};\ninit();\n",
    });
    expect(s.framework).toBe('hapi');
    expect(s.port).toEqual({ value: 3000, envVar: 'PORT', bindAddress: 'localhost' });
    expect(s.health.path).toBe('/health');
    expect(s.warnings.join('\n')).toMatch(/binds to localhost/);
  });

  it('hono on Node: serve({ fetch, port })', () => {
    const s = onlyService({
      'package.json': app({ hono: '^4.6.10', '@hono/node-server': '^1.13.7' }, { build: 'tsc', start: 'node dist/index.js' }, { type: 'module' }),
      ...lock,
      'src/index.ts': "import { serve } from '@hono/node-server';\nimport { Hono } from 'hono';\nconst app = new Hono();\napp.get('/livez', (c) => c.text('ok'));\nserve({ fetch: app.fetch, port: 8787 });\n",
    });
    expect(s.framework).toBe('hono');
    expect(s.port).toMatchObject({ value: 8787 });
    expect(s.health.path).toBe('/livez');
  });

  it('hono on Node: serve(app) uses the default port 3000', () => {
    const s = onlyService({
      'package.json': app({ hono: '^4.6.10', '@hono/node-server': '^1.13.7' }, { start: 'node index.mjs' }),
      ...lock,
      'index.mjs': "import { serve } from '@hono/node-server';\nimport { Hono } from 'hono';\nconst app = new Hono();\nserve(app);\n",
    });
    expect(s.port).toMatchObject({ value: 3000, envVar: null });
    expect(s.evidence.find((e) => e.fact === 'port')?.note).toMatch(/@hono\/node-server default port 3000/);
  });

  it('hono on Bun: export default app serves on PORT, default 3000', () => {
    const s = onlyService({
      'package.json': app({ hono: '^4.6.10' }, { dev: 'bun run --hot src/index.ts' }, { devDependencies: { '@types/bun': '^1.1.13' } }),
      'bun.lockb': Buffer.from([0, 0]),
      'src/index.ts': "import { Hono } from 'hono';\nconst app = new Hono();\napp.get('/', (c) => c.text('hi'));\nexport default app;\n",
    });
    expect(s.runtime.name).toBe('bun');
    expect(s.commands.start).toBe('bun src/index.ts');
    expect(s.port).toMatchObject({ value: 3000, envVar: 'PORT' });
  });

  it('NestJS on Fastify without a host is a localhost warning; global prefix applies to health', () => {
    const s = onlyService({
      'package.json': app({ '@nestjs/core': '^10.4.7', '@nestjs/common': '^10.4.7', '@nestjs/platform-fastify': '^10.4.7' }, { build: 'nest build', start: 'nest start', 'start:prod': 'node dist/main' }),
      ...lock,
      'tsconfig.json': { compilerOptions: { outDir: './dist' } },
      'src/main.ts': "import { NestFactory } from '@nestjs/core';\nimport { FastifyAdapter } from '@nestjs/platform-fastify';\nasync function bootstrap() {\n  const app = await NestFactory.create(AppModule, new FastifyAdapter());\n  app.setGlobalPrefix('api');\n  await app.listen(3000);\n}\nbootstrap();\n",
      'src/status.controller.ts': "import { Controller, Get } from '@nestjs/common';\n@Controller()\nexport class StatusController {\n  @Get('healthz')\n  ok() { return 'ok'; }\n}\n",
    });
    expect(s.commands.start).toBe('node dist/main');
    expect(s.port).toEqual({ value: 3000, envVar: null, bindAddress: 'localhost' });
    expect(s.health.path).toBe('/api/healthz');
  });

  it('NestJS without start:prod derives node dist/main.js from nest-cli.json and tsconfig', () => {
    const s = onlyService({
      'package.json': app({ '@nestjs/core': '^10.4.7' }, { build: 'nest build', start: 'nest start' }, { devDependencies: { typescript: '^5.6.3' } }),
      ...lock,
      'nest-cli.json': { sourceRoot: 'src', entryFile: 'server' },
      'tsconfig.json': { compilerOptions: { outDir: './build' } },
      'src/server.ts': "async function bootstrap() { const app = await NestFactory.create(AppModule); await app.listen(process.env.PORT ?? 3000); }\nbootstrap();\n",
      'drizzle.config.ts': 'export default {};\n',
    });
    // drizzle.config.ts at the root makes tsc's rootDir the package dir, so the output is build/src/.
    expect(s.commands.start).toBe('node build/src/server.js');
    expect(s.commands.build).toBe('npm run build');
  });

  it('a plain http.createServer app has no framework', () => {
    const s = onlyService({
      'package.json': { name: 'plain', main: 'index.js' },
      'index.js': "const http = require('node:http');\nconst server = http.createServer((req, res) => {\n  if (req.url === '/healthz') return res.end('ok');\n  res.end('hello');\n});\nserver.listen(process.env.PORT ?? 8080, '0.0.0.0');\n",
    });
    expect(s.framework).toBeNull();
    expect(s.commands.start).toBe('node index.js');
    expect(s.port).toEqual({ value: 8080, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(s.health.path).toBe('/healthz');
  });

  it('a process that never listens is a worker', () => {
    const s = onlyService({
      'package.json': app({ bullmq: '^5.25.0' }, { start: 'node worker.js' }),
      ...lock,
      'worker.js': "const { Worker } = require('bullmq');\nnew Worker('emails', async (job) => job.data, { connection: { url: process.env.REDIS_URL } });\n",
    });
    expect(s.kind).toBe('worker');
    expect(s.port.value).toBeNull();
    expect(s.backingServices).toEqual([{ kind: 'redis', envVar: 'REDIS_URL' }]);
  });

  it('an Express middleware package with no server is not a service', () => {
    const plan = planOf(testdir({ 'package.json': { name: 'express-rate-guard', main: 'index.js', peerDependencies: { express: '>=4' }, devDependencies: { express: '^4.21.1' } }, 'index.js': 'module.exports = () => (req, res, next) => next();\n' }));
    expect(plan.services).toEqual([]);
  });
});
