/**
 * The Node examples as a user judges them: language, framework, package manager, start command,
 * port, health route and kind must be exactly right, with evidence pointing at the right line.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import { ProjectPlan, type ServicePlan } from '../../plan/schema.js';
import { EXAMPLES_DIR } from '../../../test/helpers.js';

function analyze(example: string): ReturnType<typeof analyzeRepository> {
  const result = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, example)));
  expect(ProjectPlan.safeParse(result.plan).success).toBe(true);
  expect(result.plan.diagnostics).toEqual([]);
  return result;
}

function only(example: string): ServicePlan {
  const { plan } = analyze(example);
  expect(plan.services).toHaveLength(1);
  return plan.services[0]!;
}

function service(example: string, name: string): ServicePlan {
  const found = analyze(example).plan.services.find((s) => s.name === name);
  expect(found, `service ${name}`).toBeDefined();
  return found!;
}

interface Expected {
  framework: string | null;
  pm: string;
  lockfile: string | null;
  start: string | null;
  port: number | null;
  health: string | null;
  kind: ServicePlan['kind'];
  build?: string | null;
  install?: string;
  runtime?: { name: string; version: string };
}

function expectCore(s: ServicePlan, e: Expected): void {
  expect(s.language).toBe('node');
  expect(s.framework).toBe(e.framework);
  expect(s.packageManager?.name).toBe(e.pm);
  expect(s.packageManager?.lockfile).toBe(e.lockfile);
  expect(s.commands.start).toBe(e.start);
  expect(s.port.value).toBe(e.port);
  expect(s.health.path).toBe(e.health);
  expect(s.kind).toBe(e.kind);
  if (e.build !== undefined) expect(s.commands.build).toBe(e.build);
  if (e.install !== undefined) expect(s.commands.install).toBe(e.install);
  if (e.runtime) expect({ name: s.runtime.name, version: s.runtime.version }).toEqual(e.runtime);
}

describe('Node examples', () => {
  it('node-express: npm, plain JS, postgres, /healthz', () => {
    const s = only('node-express');
    expectCore(s, { framework: 'express', pm: 'npm', lockfile: 'package-lock.json', start: 'node src/server.js', port: 3000, health: '/healthz', kind: 'server', build: null, install: 'npm ci', runtime: { name: 'node', version: '20.18' } });
    expect(s.name).toBe('notes-api');
    expect(s.port.envVar).toBe('PORT');
    expect(s.backingServices).toEqual([{ kind: 'postgres', envVar: 'DATABASE_URL' }]);
    expect(s.env.find((e) => e.name === 'DATABASE_URL')).toMatchObject({ required: true, secret: true });
    expect(s.env.find((e) => e.name === 'PG_POOL_MAX')).toMatchObject({ required: false, default: '10' });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'src/server.js', line: 29, note: expect.stringContaining('app.listen(port') });
    expect(s.evidence).toContainEqual({ fact: 'health', file: 'src/server.js', line: 9, note: expect.stringContaining("'/healthz'") });
  });

  it('node-fastify-ts: pnpm via corepack, compiled TypeScript, redis, port through a config object', () => {
    const s = only('node-fastify-ts');
    expectCore(s, { framework: 'fastify', pm: 'pnpm', lockfile: 'pnpm-lock.yaml', start: 'node dist/index.js', port: 8080, health: '/health', kind: 'server', build: 'pnpm run build', install: 'pnpm install --frozen-lockfile', runtime: { name: 'node', version: '22' } });
    expect(s.name).toBe('catalog-service');
    expect(s.packageManager?.version).toBe('9.12.0');
    expect(s.port).toEqual({ value: 8080, envVar: 'PORT', bindAddress: '0.0.0.0' });
    expect(s.build.features).toEqual(expect.arrayContaining(['corepack', 'typescript']));
    expect(s.backingServices).toEqual([{ kind: 'redis', envVar: 'REDIS_URL' }]);
    expect(s.warnings).toEqual([]);
  });

  it('node-nestjs: npm, nest build, start:prod, terminus /health', () => {
    const s = only('node-nestjs');
    expectCore(s, { framework: 'nestjs', pm: 'npm', lockfile: 'package-lock.json', start: 'node dist/main', port: 3000, health: '/health', kind: 'server', build: 'npm run build' });
    expect(s.port.envVar).toBe('PORT');
    expect(s.build.features).toContain('typescript');
    expect(s.env.find((e) => e.name === 'JWT_ISSUER')).toMatchObject({ required: true });
    expect(s.env.find((e) => e.name === 'USERS_PAGE_SIZE')).toMatchObject({ required: false, default: '20' });
    expect(s.evidence).toContainEqual({ fact: 'health', file: 'src/health/health.controller.ts', line: 11, note: "@Controller('health') + @Get(): route /health" });
  });

  it('node-koa: yarn classic, destructured PORT default, mongodb', () => {
    const s = only('node-koa');
    expectCore(s, { framework: 'koa', pm: 'yarn', lockfile: 'yarn.lock', start: 'node server.js', port: 3001, health: '/health', kind: 'server', install: 'yarn install --frozen-lockfile', runtime: { name: 'node', version: '20' } });
    expect(s.build.features).not.toContain('yarn-berry');
    expect(s.env.find((e) => e.name === 'SESSION_SECRET')).toMatchObject({ required: true, secret: true });
    expect(s.backingServices).toEqual([{ kind: 'mongodb', envVar: 'MONGODB_URI' }]);
  });

  it('node-hono-bun: bun runtime, export default { port, fetch }', () => {
    const s = only('node-hono-bun');
    expectCore(s, { framework: 'hono', pm: 'bun', lockfile: 'bun.lock', start: 'bun src/index.ts', port: 8787, health: '/healthz', kind: 'server', install: 'bun install --frozen-lockfile', runtime: { name: 'bun', version: '1.1.34' } });
    expect(s.port.envVar).toBe('PORT');
  });

  it('node-nextjs-standalone: node server.js from the standalone output', () => {
    const s = only('node-nextjs-standalone');
    expectCore(s, { framework: 'nextjs', pm: 'npm', lockfile: 'package-lock.json', start: 'node server.js', port: 3000, health: '/api/health', kind: 'server', build: 'npm run build', runtime: { name: 'node', version: '22.11.0' } });
    expect(s.build.features).toContain('next-standalone');
    expect(s.build.outputDir).toBe('.next');
    expect(s.build.artifact).toBe('.next/standalone/server.js');
    expect(s.env.find((e) => e.name === 'HOSTNAME')).toMatchObject({ default: '0.0.0.0' });
    expect(s.evidence).toContainEqual({ fact: 'start', file: 'next.config.ts', line: 5, note: expect.stringContaining('standalone') });
  });

  it('node-nuxt: Nitro output', () => {
    const s = only('node-nuxt');
    expectCore(s, { framework: 'nuxt', pm: 'npm', lockfile: 'package-lock.json', start: 'node .output/server/index.mjs', port: 3000, health: '/api/health', kind: 'server', build: 'npm run build' });
    expect(s.build.features).toContain('nuxt-nitro');
    expect(s.build.outputDir).toBe('.output');
  });

  it('node-sveltekit-node: adapter-node, node build', () => {
    const s = only('node-sveltekit-node');
    expectCore(s, { framework: 'sveltekit', pm: 'pnpm', lockfile: 'pnpm-lock.yaml', start: 'node build', port: 3000, health: '/health', kind: 'server', build: 'pnpm run build' });
    expect(s.build.features).toContain('sveltekit-node');
    expect(s.build.outputDir).toBe('build');
    expect(s.backingServices).toEqual([{ kind: 'postgres', envVar: 'DATABASE_URL' }]);
  });

  it('node-astro-ssr: @astrojs/node standalone on 4321', () => {
    const s = only('node-astro-ssr');
    expectCore(s, { framework: 'astro', pm: 'npm', lockfile: 'package-lock.json', start: 'node ./dist/server/entry.mjs', port: 4321, health: '/health', kind: 'server', build: 'npm run build' });
    expect(s.build.features).toContain('astro-ssr');
    expect(s.env.find((e) => e.name === 'HOST')).toMatchObject({ default: '0.0.0.0' });
    expect(s.evidence.find((e) => e.fact === 'port')?.note).toMatch(/default port 4321/);
  });

  it('node-vite-react-spa: static build in dist served on 8080', () => {
    const s = only('node-vite-react-spa');
    expectCore(s, { framework: 'vite', pm: 'npm', lockfile: 'package-lock.json', start: null, port: 8080, health: null, kind: 'static', build: 'npm run build' });
    expect(s.build.outputDir).toBe('dist');
    expect(s.build.features).toContain('spa');
    expect(s.warnings.join('\n')).toMatch(/VITE_API_URL is inlined at build time/);
  });

  it('node-express-prisma: prisma generate, migrate deploy, postgres and redis', () => {
    const s = only('node-express-prisma');
    expectCore(s, { framework: 'express', pm: 'npm', lockfile: 'package-lock.json', start: 'node dist/server.js', port: 3000, health: '/health', kind: 'server', build: 'npx prisma generate && npm run build', runtime: { name: 'node', version: '20' } });
    expect(s.commands.migrate).toBe('npx prisma migrate deploy');
    expect(s.port.bindAddress).toBe('0.0.0.0');
    expect(s.build.features).toEqual(expect.arrayContaining(['prisma', 'typescript']));
    expect(s.backingServices).toEqual(expect.arrayContaining([{ kind: 'postgres', envVar: 'DATABASE_URL' }, { kind: 'redis', envVar: 'REDIS_URL' }]));
    expect(s.evidence).toContainEqual({ fact: 'backing:postgres', file: 'prisma/schema.prisma', line: 6, note: 'prisma datasource provider = "postgresql"' });
  });

  it('node-monorepo-pnpm-turbo: two services built from the root, two libraries', () => {
    const { plan, verdicts } = analyze('node-monorepo-pnpm-turbo');
    expect(plan.monorepo?.tools).toEqual(['pnpm-workspaces', 'turborepo']);
    expect(plan.services.map((s) => s.path)).toEqual(['apps/api', 'apps/web']);
    const roles = Object.fromEntries(verdicts.map((v) => [v.dir, v.detection.role]));
    expect(roles).toEqual({ '': 'workspace-root', 'apps/api': 'service', 'apps/web': 'service', 'packages/eslint-config': 'library', 'packages/shared': 'library' });

    const api = service('node-monorepo-pnpm-turbo', 'api');
    expectCore(api, { framework: 'express', pm: 'pnpm', lockfile: 'pnpm-lock.yaml', start: 'node dist/index.js', port: 4000, health: '/healthz', kind: 'server', install: 'pnpm install --frozen-lockfile', build: 'npx turbo run build --filter=@acme/api...' });
    expect(api.build.context).toBe('');
    expect(api.build.workspacePackages).toEqual(['packages/eslint-config', 'packages/shared']);

    const web = service('node-monorepo-pnpm-turbo', 'web');
    expectCore(web, { framework: 'nextjs', pm: 'pnpm', lockfile: 'pnpm-lock.yaml', start: 'node server.js', port: 3000, health: '/api/health', kind: 'server', build: 'npx turbo run build --filter=@acme/web...' });
    expect(web.build.workspacePackages).toEqual(['packages/shared']);
    expect(web.build.artifact).toBe('.next/standalone/apps/web/server.js');
  });

  it('node-monorepo-npm-workspaces: services share packages/common, orders calls users', () => {
    const { plan } = analyze('node-monorepo-npm-workspaces');
    expect(plan.monorepo?.tools).toEqual(['npm-workspaces']);
    const users = service('node-monorepo-npm-workspaces', 'users');
    expectCore(users, { framework: 'express', pm: 'npm', lockfile: 'package-lock.json', start: 'node src/index.js', port: 3001, health: '/healthz', kind: 'server', install: 'npm ci', build: null, runtime: { name: 'node', version: '20.18.0' } });
    expect(users.build.context).toBe('');
    expect(users.build.workspacePackages).toEqual(['packages/common']);
    expect(users.backingServices).toEqual([{ kind: 'postgres', envVar: 'DATABASE_URL' }]);

    const orders = service('node-monorepo-npm-workspaces', 'orders');
    expectCore(orders, { framework: 'express', pm: 'npm', lockfile: 'package-lock.json', start: 'node src/index.js', port: 3002, health: '/health', kind: 'server' });
    expect(orders.build.workspacePackages).toEqual(['packages/common']);
    expect(orders.dependsOn).toEqual(['users']);
    expect(orders.env.find((e) => e.name === 'USERS_API_URL')).toMatchObject({ required: false, default: 'http://localhost:3001' });
  });
});
