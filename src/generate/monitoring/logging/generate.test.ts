/** Logging modules on every example parse; redaction covers credentials and the plan's secret env vars. */
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

describe('logging part on every example', () => {
  it.each(examples)('%s', (name) => {
    expect(codeProblems(filesOf(name))).toEqual([]);
  });
});

describe('logging modules', () => {
  it.each([
    ['node-koa', 'src/observability/logger.cjs', ['session_secret', 'authorization', 'set-cookie', 'LOG_LEVEL', 'trace_id', 'X-Request-Id', 'res.headers["set-cookie"]']],
    ['python-flask-requirements', 'observability/structured_logging.py', ['"secret_key"', '"authorization"', 'LOG_LEVEL', 'trace_id', 'X-Request-Id']],
    ['go-gin', 'internal/observability/logging.go', ['"database_url": true', '"cookie": true', 'LOG_LEVEL', 'trace_id', 'X-Request-Id']],
  ])('%s redacts and correlates', (name, file, needles) => {
    const f = filesOf(name).find((x) => x.path === file);
    expect(f, file).toBeDefined();
    for (const n of needles) expect(f!.content).toContain(n);
  });
});
