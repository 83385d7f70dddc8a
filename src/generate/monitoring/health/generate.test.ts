/** Health endpoints on every example (code parses) and readiness = exactly the plan's backing services. */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../../../test/helpers.js';
import { RepoFs } from '../../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../../plan/analyze.js';
import { codeProblems } from '../otel/app-code-check.js';
import { generate, inputs } from './generate.js';

const examples = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'unknown-stack').map((e) => e.name).sort();
const plans = new Map(examples.map((name) => [name, analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan]));
const filesOf = (name: string) => generate({ plan: plans.get(name)!, services: plans.get(name)!.services, version: 't' }, inputs.parse({}));

describe('health part on every example', () => {
  it.each(examples)('%s', (name) => {
    expect(codeProblems(filesOf(name))).toEqual([]);
  });
});

describe('readiness checks the plan backing services with the plan env var names', () => {
  it.each([
    ['node-express-prisma', 'src/observability/health.ts', ['process.env.REDIS_URL', 'process.env.DATABASE_URL']],
    ['node-koa', 'src/observability/health.cjs', ['process.env.MONGODB_URI']],
    ['python-django-poetry', 'observability/health.py', ['os.environ.get("REDIS_URL"', 'os.environ["DATABASE_URL"]']],
    ['go-gin', 'internal/observability/health.go', ['os.Getenv("DATABASE_URL")']],
  ])('%s', (name, file, reads) => {
    const health = filesOf(name).find((f) => f.path === file);
    expect(health, file).toBeDefined();
    const plan = plans.get(name)!;
    const kinds = plan.services.find((s) => s.kind === 'server')!.backingServices.map((b) => b.kind);
    for (const read of reads) expect(health!.content).toContain(read);
    // Every env read in the file is one the plan recorded for a backing service (or a tuning knob).
    const envs = [...health!.content.matchAll(/(?:process\.env\.|os\.environ(?:\.get)?\(?\[?"|os\.Getenv\(")([A-Z_]+)/g)].map((m) => m[1]);
    const allowed = new Set([...plan.services.flatMap((s) => s.backingServices.map((b) => b.envVar)), 'HEALTH_TIMEOUT_MS', 'HEALTH_TIMEOUT_S', 'HEALTH_TIMEOUT']);
    for (const env of envs) expect(allowed.has(env!), env).toBe(true);
    expect(kinds.length).toBeGreaterThan(0);
    for (const p of ['/livez', '/readyz', '/startupz']) expect(health!.content).toContain(p);
  });

  it('keeps the plan health path as a liveness alias and says which path the probes use', () => {
    const [file] = filesOf('node-express');
    expect(file!.content).toContain("'/healthz': liveness,");
    expect(file!.notes!.join('\n')).toContain('the Dockerfile HEALTHCHECK and the Kubernetes probes use the plan\'s health path /healthz');
  });

  it('writes nothing for workers and other stacks', () => {
    expect(filesOf('java-spring-boot-maven')).toEqual([]);
    expect(filesOf('python-django-poetry').map((f) => f.path)).toEqual(['observability/health.py']);
  });
});
