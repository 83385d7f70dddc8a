/**
 * What users rely on from the hardening parts: the Redis store exactly when the plan has Redis (with
 * its env var), the secrets example listing exactly the plan's secret names and no values, CSP
 * report-only by default, a clear note for unsupported stacks, and parse checks that do catch errors.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../../test/helpers.js';
import { RepoFs } from '../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../plan/analyze.js';
import type { ProjectPlan, ServicePlan } from '../../plan/schema.js';
import type { GeneratedFile } from '../types.js';
import { hardeningParts } from './api.js';
import { PKCE_VECTOR } from './auth/policy.js';
import { checkGenerated } from './shared/check.js';

function planOf(example: string): ProjectPlan {
  return analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, example))).plan;
}

function run(part: string, plan: ProjectPlan, given: Record<string, unknown> = {}): GeneratedFile[] {
  const generator = hardeningParts.get(part)!;
  return generator.generate({ plan, services: plan.services, version: '0.0.0-test' }, generator.inputs.parse(given));
}

function withBacking(plan: ProjectPlan, backing: ServicePlan['backingServices']): ProjectPlan {
  return { ...plan, services: plan.services.map((s) => ({ ...s, backingServices: backing })) };
}

const file = (files: GeneratedFile[], suffix: string): GeneratedFile => {
  const found = files.find((f) => f.path.endsWith(suffix));
  if (!found) throw new Error(`no ${suffix} in ${files.map((f) => f.path).join(', ')}`);
  return found;
};

describe('rate-limit store', () => {
  it.each([
    ['node-express', 'store.cjs', 'process.env["SESSION_REDIS_URL"]'],
    ['node-fastify-ts', 'store.ts', 'process.env["SESSION_REDIS_URL"]'],
    ['python-fastapi-uv', 'limiter.py', 'os.environ.get("SESSION_REDIS_URL")'],
    ['go-gin', 'redis.go', 'os.Getenv("SESSION_REDIS_URL")'],
  ])('%s uses Redis from the plan\'s env var when it has Redis', (example, name, read) => {
    const files = run('rate-limit', withBacking(planOf(example), [{ kind: 'redis', envVar: 'SESSION_REDIS_URL' }]));
    expect(file(files, name).content).toContain(read);
    expect(file(files, 'ratelimit/SECURITY-HARDENING.md').content).toContain('`SESSION_REDIS_URL` from the plan');
  });

  it.each(['node-express', 'node-fastify-ts', 'python-fastapi-uv', 'go-gin'])('%s falls back to memory, with the caveat, without Redis', (example) => {
    const files = run('rate-limit', withBacking(planOf(example), [{ kind: 'postgres', envVar: 'DATABASE_URL' }]));
    const code = files.filter((f) => f.kind === 'source').map((f) => f.content).join('\n');
    expect(code).not.toMatch(/from 'ioredis'|require\("ioredis"\)|import redis|redis\/go-redis/);
    expect(code).toMatch(/MemoryStore\(\)/);
    expect(file(files, 'ratelimit/SECURITY-HARDENING.md').content).toContain('not shared across replicas');
  });

  it('answers 429 with Retry-After at the edge too', () => {
    const files = run('rate-limit', planOf('node-express'));
    expect(file(files, 'nginx/rate-limit.conf').content).toContain('Retry-After');
    const cloudflare = JSON.parse(file(files, 'cloudflare/rate-limit.json').content) as { rules: { action_parameters: { response: { status_code: number } } }[] };
    expect(cloudflare.rules.map((r) => r.action_parameters.response.status_code)).toEqual([429, 429]);
  });
});

describe('secrets example', () => {
  it.each(['node-express', 'python-django-poetry', 'go-multi-binary', 'node-monorepo-pnpm-turbo'])('%s lists exactly the plan\'s secret names, with no values', (example) => {
    const plan = planOf(example);
    const expected = [...new Set(plan.services.flatMap((s) => s.env.filter((e) => e.secret).map((e) => e.name)))].sort();
    const content = file(run('secrets', plan), 'security/secrets.env.example').content;
    const entries = content.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split('='));
    expect(entries.map(([name]) => name).sort()).toEqual(expected);
    expect(entries.every(([, value]) => value === '')).toBe(true);
  });

  it('maps each secret in an ExternalSecret and never collides with the app\'s .env.example', () => {
    const plan = planOf('node-express');
    const files = run('secrets', plan, { provider: 'aws' });
    expect(files.every((f) => !f.path.endsWith('/.env.example') && f.path !== '.env.example')).toBe(true);
    const external = files.find((f) => f.path.startsWith('security/secrets/external-secrets/') && !f.path.endsWith('secret-store.yaml'))!;
    expect(external.content).toContain('secretKey: DATABASE_URL');
    expect(file(files, 'aws/iam-policy.json').content).toContain('secretsmanager:GetSecretValue');
  });
});

describe('security headers', () => {
  it('sends CSP report-only by default, with a report endpoint', () => {
    const files = run('headers', planOf('node-express'));
    expect(file(files, 'headers.cjs').content).toContain('"Content-Security-Policy-Report-Only"');
    expect(file(files, 'headers.cjs').content).toContain('"report-uri": ["/csp-report"]');
    expect(file(files, 'nginx/security-headers.conf').content).toContain('add_header Content-Security-Policy-Report-Only');
  });

  it('enforces on request, with preload', () => {
    const files = run('headers', planOf('python-fastapi-uv'), { cspMode: 'enforce', hstsPreload: true });
    const code = file(files, 'headers/middleware.py').content;
    expect(code).toContain('CSP_HEADER = "Content-Security-Policy"');
    expect(code).toContain('upgrade-insecure-requests');
    expect(code).toContain('includeSubDomains; preload');
  });

  it('lists the libraries with versions and never edits the manifests', () => {
    const files = run('headers', planOf('node-nestjs'));
    expect(file(files, 'headers/SECURITY-HARDENING.md').content).toContain('| `helmet` | `^8.0.0` | runtime |');
    expect(files.some((f) => /(^|\/)(package\.json|requirements\.txt|pyproject\.toml|go\.mod)$/.test(f.path))).toBe(false);
  });

  it('gives unsupported stacks the edge configs and a note', () => {
    const files = run('headers', planOf('ruby-sinatra'));
    expect(files.every((f) => f.path.startsWith('security/edge/'))).toBe(true);
    expect(files.flatMap((f) => f.notes ?? []).join('\n')).toMatch(/has no generated hardening code/);
    expect(file(run('auth', planOf('ruby-sinatra')), 'NOT-APPLICABLE.md').content).toContain('sinatra');
  });
});

describe('auth', () => {
  it('embeds a PKCE vector that really is sha256 + base64url (the generated tests assert it)', () => {
    expect(createHash('sha256').update(PKCE_VECTOR.verifier).digest('base64url')).toBe(PKCE_VECTOR.challenge);
  });

  it.each([['node-nestjs', 'tokens.ts'], ['python-django-poetry', 'tokens.py'], ['go-gin', 'tokens.go']])('%s checks issuer and audience on every access token', (example, name) => {
    const code = file(run('auth', planOf(example), { issuer: 'https://id.example', audience: 'shop' }), name).content;
    expect(code).toContain('"https://id.example"');
    expect(code).toMatch(/audience|Audience|AUDIENCE/);
    expect(code).toContain('"shop"');
  });
});

describe('service layout', () => {
  it('nests by service name when two servers share a directory, so neither overwrites the other', () => {
    const plan = planOf('go-gin');
    const [api] = plan.services;
    const twin: ProjectPlan = { ...plan, services: [api!, { ...api!, name: 'admin' }] };
    const paths = run('headers', twin).map((f) => f.path).filter((p) => p.includes('hardening/'));
    expect(paths).toContain(`${api!.path ? `${api!.path}/` : ''}hardening/${api!.name}/headers/headers.go`);
    expect(paths).toContain(`${api!.path ? `${api!.path}/` : ''}hardening/admin/headers/headers.go`);
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('parse checks', () => {
  const source = (p: string, content: string): GeneratedFile => ({ path: p, content, kind: 'source', generator: 'test' });
  it('catch broken Go, Python, TypeScript and nginx', () => {
    expect(checkGenerated(source('a.go', 'package a\nfunc f( {\n'))).not.toEqual([]);
    expect(checkGenerated(source('a.py', 'def f(:\n  pass\n'))).not.toEqual([]);
    expect(checkGenerated(source('a.ts', 'const x = ;\n'))).not.toEqual([]);
    expect(checkGenerated({ path: 'x.conf', content: 'limit_req zone=a\n', kind: 'text', generator: 't' })).not.toEqual([]);
    expect(checkGenerated({ path: 'x.caddy', content: '(a) {\n\theader {\n', kind: 'text', generator: 't' })).not.toEqual([]);
  });
});
