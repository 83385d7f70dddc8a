import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, onlyService, planOf, testdir } from '../../../test/helpers.js';
import { denoEnvReads, findListen } from './source.js';
import { parseDenoCommand, resolveStartTask } from './tasks.js';

describe('start tasks', () => {
  it('resolves `deno task start` through other tasks and && chains', () => {
    expect(resolveStartTask({ start: 'deno task serve', serve: 'deno task build && deno run -A --env-file=.env src/main.ts', build: 'deno run -A build.ts' })).toEqual({
      task: 'start',
      command: 'deno run -A --env-file=.env src/main.ts',
    });
  });
  it('passes over a --watch start task for a production one', () => {
    expect(resolveStartTask({ start: 'deno run -A --watch=static/,routes/ dev.ts', preview: 'deno run -A main.ts' })).toEqual({ task: 'preview', command: 'deno run -A main.ts' });
    expect(resolveStartTask({ start: 'deno run --watch --allow-net server.ts' })).toEqual({ task: 'start', command: 'deno run --allow-net server.ts' });
  });
  it('reads the entry and port of a command line', () => {
    expect(parseDenoCommand('deno run --allow-net --config deno.json --lock=deno.lock ./src/main.ts --verbose')).toEqual({ subcommand: 'run', entry: './src/main.ts', port: null });
    expect(parseDenoCommand('deno serve --port 3000 -A server.ts')).toEqual({ subcommand: 'serve', entry: 'server.ts', port: 3000 });
    expect(parseDenoCommand('vite build')).toBeNull();
  });
});

describe('source', () => {
  it('reads Deno.serve ports', () => {
    expect(findListen('Deno.serve((req) => new Response("hi"));')).toMatchObject({ port: 8000, envVar: null });
    expect(findListen('Deno.serve({ port: 3000 }, handler);')).toMatchObject({ port: 3000, envVar: null });
    expect(findListen('const port = parseInt(Deno.env.get("PORT") ?? "8080");\nDeno.serve({ port }, app.fetch);')).toMatchObject({ port: 8080, envVar: 'PORT', line: 2 });
    expect(findListen('Deno.serve({ hostname: "127.0.0.1", port: 9000 }, h);')).toMatchObject({ port: 9000, bindAddress: '127.0.0.1' });
  });
  it("reads Oak's app.listen", () => {
    expect(findListen('const PORT = Number(Deno.env.get("PORT") || 4000);\nawait app.listen({ port: PORT });')).toMatchObject({ port: 4000, envVar: 'PORT', line: 2 });
    expect(findListen('await app.listen(":8081");')).toMatchObject({ port: 8081 });
  });
  it('classifies Deno.env.get reads', () => {
    const reads = denoEnvReads('const a = Deno.env.get("API_KEY");\nconst b = Deno.env.get("REGION") ?? "eu";\nif (Deno.env.get("DEBUG_SQL")) log();\n// Deno.env.get("COMMENTED")\n');
    expect(reads.map((r) => [r.name, r.hasDefault, r.default])).toEqual([
      ['API_KEY', false, null],
      ['REGION', true, 'eu'],
      ['DEBUG_SQL', true, null],
    ]);
  });
});

describe('Deno services', () => {
  it('uses the resolved start task, its entry and Deno.serve port', () => {
    const s = onlyService({
      'deno.json': { tasks: { start: 'deno task serve', serve: 'deno run --allow-net --allow-env server.ts' } },
      'deno.lock': '{"version":"4"}',
      'server.ts': 'const port = Number(Deno.env.get("PORT") ?? 8000);\nDeno.serve({ port }, (req) => new URL(req.url).pathname === "/health" ? new Response("ok") : new Response("hi"));\n',
    });
    expect(s).toMatchObject({ language: 'deno', framework: null, kind: 'server' });
    expect(s.commands.start).toBe('deno run --allow-net --allow-env server.ts');
    expect(s.commands.install).toBe('deno install --frozen --entrypoint server.ts');
    expect(s.packageManager).toEqual({ name: 'deno', lockfile: 'deno.lock', version: null });
    expect(s.build.target).toBe('server.ts');
    expect(s.port).toEqual({ value: 8000, envVar: 'PORT', bindAddress: null });
    expect(s.health.path).toBe('/health');
    expect(s.runtime).toEqual({ name: 'deno', version: '2', source: 'default' });
    expect(s.warnings.join(' ')).toMatch(/No Deno version found.*Deno 2/);
    expect(s.evidence).toContainEqual({ fact: 'start', file: 'deno.json', line: 3, note: '"start": resolved to deno run --allow-net --allow-env server.ts' });
  });

  it('builds a least-privilege start command when there is no task', () => {
    const s = onlyService({ 'deno.jsonc': '{\n  // formatting only\n  "fmt": { "lineWidth": 100 },\n}\n', 'main.ts': 'const key = Deno.env.get("STRIPE_KEY");\nconst html = await Deno.readTextFile("index.html");\nDeno.serve(() => new Response(html));\n' });
    expect(s.commands.start).toBe('deno run --allow-net --allow-env --allow-read main.ts');
    expect(s.port.value).toBe(8000);
    expect(s.env).toContainEqual({ name: 'STRIPE_KEY', required: true, secret: true, default: null });
  });

  it('plans `deno serve` with its --port', () => {
    const s = onlyService({ 'deno.json': { tasks: { start: 'deno serve --port 3000 --allow-net main.ts' } }, 'main.ts': 'export default { fetch: () => new Response("hi") };\n' });
    expect(s.port).toEqual({ value: 3000, envVar: null, bindAddress: null });
  });

  it('recognises Oak from its import', () => {
    const s = onlyService({
      'deno.json': { tasks: { start: 'deno run --allow-net --allow-env app.ts' } },
      'app.ts': 'import { Application, Router } from "jsr:@oak/oak@17";\nconst router = new Router();\nrouter.get("/healthz", (ctx) => { ctx.response.body = "ok"; });\nconst app = new Application();\napp.use(router.routes());\nconst port = Number(Deno.env.get("PORT") ?? 8080);\nawait app.listen({ port });\n',
    });
    expect(s).toMatchObject({ framework: 'oak', port: { value: 8080, envVar: 'PORT' }, health: { path: '/healthz' } });
  });

  it('plans Fresh with its build, _fresh output and route-file health check', () => {
    const s = onlyService({
      'deno.json': { tasks: { start: 'deno run -A --watch=static/,routes/ dev.ts', build: 'deno run -A dev.ts build', preview: 'deno run -A main.ts' }, imports: { '$fresh/': 'https://deno.land/x/fresh@1.7.3/' } },
      'fresh.gen.ts': 'import * as $index from "./routes/index.tsx";\n',
      'main.ts': 'import { start } from "$fresh/server.ts";\nimport manifest from "./fresh.gen.ts";\nawait start(manifest);\n',
      'dev.ts': 'import dev from "$fresh/dev.ts";\nawait dev(import.meta.url, "./main.ts");\n',
      'routes/index.tsx': 'export default function Home() { return <p>hi</p>; }\n',
      'routes/api/health.ts': 'export const handler = () => new Response("ok");\n',
    });
    expect(s).toMatchObject({ framework: 'fresh', commands: { start: 'deno run -A main.ts', build: 'deno task build' } });
    expect(s.build.outputDir).toBe('_fresh');
    expect(s.port.value).toBe(8000);
    expect(s.health.path).toBe('/api/health');
  });

  it('uses deno cache on Deno 1.x and warns about a loopback hostname', () => {
    const s = onlyService({ '.tool-versions': 'deno 1.46.3\n', 'deno.json': { tasks: { start: 'deno run --allow-net main.ts' } }, 'deno.lock': '{}', 'main.ts': 'Deno.serve({ hostname: "localhost", port: 8000 }, () => new Response("x"));\n' });
    expect(s.runtime.version).toBe('1.46.3');
    expect(s.commands.install).toBe('deno cache --frozen main.ts');
    expect(s.warnings.join(' ')).toMatch(/binds localhost/);
  });

  it('does not throw on a broken deno.json', () => {
    const plan = planOf(testdir({ 'deno.json': '{ "tasks": { "start": ', 'main.ts': 'Deno.serve(() => new Response("ok"));\n' }));
    expect(plan.services.map((s) => [s.language, s.commands.start])).toEqual([['deno', 'deno run --allow-net main.ts']]);
    expect(plan.diagnostics.map((d) => d.code)).toContain('DSQ_ERR_MANIFEST_PARSE');
  });

  it('treats a workspace root and a JSR package as non-services', () => {
    const plan = planOf(
      testdir({
        'deno.json': { workspace: ['./api', './lib'] },
        'api/deno.json': { tasks: { start: 'deno run --allow-net main.ts' } },
        'api/main.ts': 'Deno.serve(() => new Response("api"));\n',
        'lib/deno.json': { name: '@acme/lib', version: '0.1.0', exports: './mod.ts' },
        'lib/mod.ts': 'export const x = 1;\n',
      }),
    );
    expect(plan.services.map((s) => s.path)).toEqual(['api']);
    expect(plan.monorepo?.tools).toContain('deno-workspace');
  });
});

describe('Deno example', () => {
  it('deno-hono: the start task, Hono, PORT with default 8000', () => {
    const plan = planOf(path.join(EXAMPLES_DIR, 'deno-hono'));
    expect(plan.services).toHaveLength(1);
    expect(plan.services[0]).toMatchObject({
      name: 'deno-hono',
      language: 'deno',
      framework: 'hono',
      kind: 'server',
      runtime: { name: 'deno', version: '2.0.2', source: '.dvmrc' },
      commands: { install: 'deno install --entrypoint main.ts', build: null, start: 'deno run --allow-net --allow-env main.ts', migrate: null },
      port: { value: 8000, envVar: 'PORT', bindAddress: '0.0.0.0' },
      health: { path: '/healthz' },
      build: { outputDir: null, target: 'main.ts' },
      env: [
        { name: 'API_TOKEN', required: true, secret: true, default: null },
        { name: 'MAX_ITEMS', required: false, secret: false, default: '100' },
      ],
    });
  });
});
