/** Sentry modules on every example parse, never carry a DSN, scrub PII; Next.js gets session replay. */
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
const filesOf = (name: string, options = {}) => generate({ plan: plans.get(name)!, services: plans.get(name)!.services, version: 't' }, inputs.parse(options));

describe('sentry part on every example', () => {
  it.each(examples)('%s: parses, DSN from env only, no default PII', (name) => {
    const files = filesOf(name);
    expect(codeProblems(files)).toEqual([]);
    for (const f of files) {
      expect(f.content).not.toMatch(/https?:\/\/[0-9a-f]+@/);
      expect(f.content).toMatch(/SENTRY_DSN/);
      expect(f.content).toMatch(/sendDefaultPii: false|send_default_pii=False|SendDefaultPII: {3}false/);
    }
  });
});

describe('sentry setup', () => {
  it('Next.js: server, edge and browser configs; replay only in the browser one', () => {
    const files = filesOf('node-nextjs-standalone');
    expect(files.map((f) => f.path)).toEqual(['sentry.server.config.ts', 'sentry.edge.config.ts', 'instrumentation-client.ts']);
    expect(files.filter((f) => f.content.includes('replayIntegration')).map((f) => f.path)).toEqual(['instrumentation-client.ts']);
  });

  it('sample rates per environment come from the inputs', () => {
    const [file] = filesOf('python-fastapi-uv', { tracesSampleRateProduction: 0.05 });
    expect(file!.path).toBe('observability/sentry.py');
    expect(file!.content).toContain('traces_sample_rate=0.05 if production else 1');
    expect(file!.content).toContain('FastApiIntegration()');
  });

  it('scrubs the plan secret env var names', () => {
    const [file] = filesOf('node-koa');
    expect(file!.content).toContain("'session_secret'");
    expect(file!.content).toContain("'mongodb_uri'");
  });
});
