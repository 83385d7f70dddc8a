/**
 * The app-side instrumentation on every example: every generated code file parses for its language,
 * the metrics modules use the contract's names, labels and buckets, and INSTRUMENTATION.md exists per service.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../../../test/helpers.js';
import { RepoFs } from '../../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../../plan/analyze.js';
import { DURATION_BUCKETS, HTTP_ACTIVE, HTTP_DURATION, LABELS, METRICS_PATH } from '../shared/metrics.js';
import { codeProblems } from './app-code-check.js';
import { generate, inputs } from './generate.js';

const examples = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'unknown-stack').map((e) => e.name).sort();
const plans = new Map(examples.map((name) => [name, analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan]));

function filesOf(name: string) {
  const plan = plans.get(name)!;
  return generate({ plan, services: plan.services, version: 't' }, inputs.parse({}));
}

describe('otel app-side code on every example', () => {
  it.each(examples)('%s: code parses, one INSTRUMENTATION.md per service', (name) => {
    const files = filesOf(name);
    expect(codeProblems(files)).toEqual([]);
    expect(files.filter((f) => f.path.endsWith('/INSTRUMENTATION.md')).map((f) => f.path)).toEqual(plans.get(name)!.services.map((s) => `monitoring/${s.name}/INSTRUMENTATION.md`));
  });
});

describe('metrics modules follow the contract', () => {
  const cases: Array<[string, string]> = [['node-express', 'src/observability/metrics.cjs'], ['node-fastify-ts', 'src/observability/metrics.ts'], ['python-fastapi-uv', 'observability/metrics.py'], ['python-django-poetry', 'observability/metrics.py'], ['go-gin', 'internal/observability/metrics.go']];
  it.each(cases)('%s → %s', (name, file) => {
    const metrics = filesOf(name).find((f) => f.path === file);
    expect(metrics, file).toBeDefined();
    const text = metrics!.content;
    for (const needle of [HTTP_DURATION.name, HTTP_ACTIVE.name, LABELS.method, LABELS.route, LABELS.status, METRICS_PATH, DURATION_BUCKETS.join(', ')]) expect(text).toContain(needle);
    // No metric names outside the contract: every name-like string literal ending in a unit is a contract name.
    const names = [...text.matchAll(/["'](http_[a-z_]+)["']/g)].map((m) => m[1]);
    for (const n of names) expect([HTTP_DURATION.name, HTTP_ACTIVE.name, LABELS.method, LABELS.route, LABELS.status]).toContain(n);
  });

  it('JavaScript projects get CommonJS loaded with --require, TypeScript projects ESM-syntax .ts', () => {
    const js = filesOf('node-express').find((f) => f.path === 'src/observability/otel.cjs')!;
    expect(js.content).toContain('require("@opentelemetry/sdk-node")');
    expect(filesOf('node-nestjs').some((f) => f.path === 'src/observability/otel.ts')).toBe(true);
    const doc = filesOf('node-express').find((f) => f.path === 'monitoring/notes-api/INSTRUMENTATION.md')!.content;
    expect(doc).toContain('node --require ./src/observability/otel.cjs');
    expect(doc).toContain("'prom-client@^15.1.3'");
  });

  it('services in another stack get a not-generated note, JVM ones a Micrometer pointer', () => {
    const doc = filesOf('java-spring-boot-maven').find((f) => f.path === 'monitoring/orders/INSTRUMENTATION.md')!.content;
    expect(doc).toContain('Micrometer');
    expect(filesOf('java-spring-boot-maven').filter((f) => f.kind === 'source')).toEqual([]);
  });
});
