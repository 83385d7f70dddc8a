import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../test/helpers.js';
import type { FileSpec } from '../../../test/helpers.js';

function envOf(files: Record<string, FileSpec>, deps: Record<string, string> = { express: '^4.21.1' }): ReturnType<typeof onlyService> {
  return onlyService({ 'package.json': { name: 'svc', scripts: { start: 'node index.js' }, dependencies: deps }, 'package-lock.json': '{}', ...files });
}

const listen = "require('express')().listen(3000);\n";

describe('Node env var reads', () => {
  it('process.env.X, process.env["X"] and defaults through || and ??', () => {
    const s = envOf({
      'index.js': `${listen}const a = process.env.API_TOKEN;\nconst b = process.env['QUEUE_NAME'] || 'jobs';\nconst c = process.env.TIMEOUT_MS ?? 5000;\nconst d = process.env.FEATURE_FLAGS || buildDefaults();\n`,
    });
    expect(s.env).toEqual(expect.arrayContaining([
      { name: 'API_TOKEN', required: true, secret: true, default: null },
      { name: 'QUEUE_NAME', required: false, secret: false, default: 'jobs' },
      { name: 'TIMEOUT_MS', required: false, secret: false, default: '5000' },
      { name: 'FEATURE_FLAGS', required: false, secret: false, default: null },
    ]));
    expect(s.evidence).toContainEqual({ fact: 'env:QUEUE_NAME', file: 'index.js', line: 3, note: "const b = process.env['QUEUE_NAME'] || 'jobs';" });
  });

  it("destructuring: const { A, B = 'x', C: alias = 2 } = process.env", () => {
    const s = envOf({ 'index.js': `${listen}const {\n  STRIPE_SECRET_KEY,\n  REGION = 'eu-west-1',\n  RETRIES: retries = 2,\n} = process.env;\n` });
    expect(s.env).toEqual(expect.arrayContaining([
      { name: 'STRIPE_SECRET_KEY', required: true, secret: true, default: null },
      { name: 'REGION', required: false, secret: false, default: 'eu-west-1' },
      { name: 'RETRIES', required: false, secret: false, default: '2' },
    ]));
    expect(s.evidence.find((e) => e.fact === 'env:REGION')?.line).toBe(4);
  });

  it('a guarded read (if (process.env.X)) is optional', () => {
    const s = envOf({ 'index.js': `${listen}if (process.env.SENTRY_DSN) init();\nconst tracing = process.env.OTEL_ENDPOINT ? start() : null;\n` });
    expect(s.env.find((e) => e.name === 'SENTRY_DSN')).toMatchObject({ required: false, secret: true });
    expect(s.env.find((e) => e.name === 'OTEL_ENDPOINT')).toMatchObject({ required: false });
  });

  it('platform vars (NODE_ENV, PORT, HOST) are not config', () => {
    const s = envOf({ 'index.js': `${listen}const prod = process.env.NODE_ENV === 'production';\nconst h = process.env.HOST;\n` });
    expect(s.env.map((e) => e.name)).toEqual([]);
  });

  it('.env.example adds declared vars and backing services', () => {
    const s = envOf({ 'index.js': listen, '.env.example': 'AMQP_URL=amqp://guest:guest@localhost:5672\nMAIL_FROM=noreply@example.com\n' });
    expect(s.env.find((e) => e.name === 'MAIL_FROM')).toMatchObject({ required: false, default: 'noreply@example.com' });
    expect(s.backingServices).toContainEqual({ kind: 'rabbitmq', envVar: 'AMQP_URL' });
  });

  it('SvelteKit $env/static/private imports and $env/dynamic/private reads', () => {
    const s = onlyService({
      'package.json': { name: 'kit', scripts: { build: 'vite build' }, devDependencies: { '@sveltejs/kit': '^2.8.1', '@sveltejs/adapter-node': '^5.2.9' } },
      'svelte.config.js': "import adapter from '@sveltejs/adapter-node';\nexport default { kit: { adapter: adapter() } };\n",
      'src/lib/server/a.ts': "import { STRIPE_KEY, WEBHOOK_SECRET as hook } from '$env/static/private';\n",
      'src/lib/server/b.ts': "import { env } from '$env/dynamic/private';\nexport const region = env.AWS_REGION ?? 'us-east-1';\n",
    });
    expect(s.env).toEqual(expect.arrayContaining([
      { name: 'STRIPE_KEY', required: true, secret: true, default: null },
      { name: 'WEBHOOK_SECRET', required: true, secret: true, default: null },
      { name: 'AWS_REGION', required: false, secret: false, default: 'us-east-1' },
    ]));
  });

  it('Bun.env reads', () => {
    const s = onlyService({
      'package.json': { name: 'b', scripts: { start: 'bun index.ts' } },
      'bun.lock': '{}',
      'index.ts': "const key = Bun.env.OPENAI_API_KEY;\nBun.serve({ port: 3000, fetch: () => new Response(key) });\n",
    });
    expect(s.env).toEqual([{ name: 'OPENAI_API_KEY', required: true, secret: true, default: null }]);
  });

  it('backing services link to the address var, not to any var with the prefix', () => {
    const s = envOf({ 'index.js': `${listen}const max = process.env.REDIS_POOL_SIZE || 5;\nconst url = process.env.REDIS_URL;\n` }, { express: '^4.21.1', ioredis: '^5.4.1' });
    expect(s.backingServices).toEqual([{ kind: 'redis', envVar: 'REDIS_URL' }]);
  });
});

describe('required env vars', () => {
  it('if (!process.env.X) throw … keeps X required', () => {
    const s = onlyService({
      'package.json': { name: 'svc', scripts: { start: 'node index.js' }, dependencies: { express: '^4.21.1' } },
      'index.js': "require('express')().listen(3000);\nif (!process.env.JWT_SECRET) throw new Error('JWT_SECRET is required');\n",
    });
    expect(s.env).toEqual([{ name: 'JWT_SECRET', required: true, secret: true, default: null }]);
  });
});
