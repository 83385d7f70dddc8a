/**
 * Every example in examples/: the slo part with default inputs (and a 28-day window) writes rules
 * that pass the Prometheus rules validator with nothing above info, and on representative examples
 * the real promtool accepts the rules and the generated unit tests pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../../../test/helpers.js';
import { RepoFs } from '../../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../../plan/analyze.js';
import type { ProjectPlan } from '../../../plan/schema.js';
import { validatePrometheusRules } from '../../../validate/prometheus-rules.js';
import { severityRank } from '../../../validate/types.js';
import { promtoolAvailable, runPromtool } from '../shared/promtool-harness.js';
import { generate, inputs } from './generate.js';

const examples = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'unknown-stack').map((e) => e.name).sort();
const INFO = severityRank('info');
const plans = new Map<string, ProjectPlan>();
function planOf(name: string): ProjectPlan {
  if (!plans.has(name)) plans.set(name, analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan);
  return plans.get(name)!;
}

describe('slo part on every example', () => {
  it.each(examples)('%s', (name) => {
    const plan = planOf(name);
    for (const options of [inputs.parse({}), inputs.parse({ window: '28d', objective: 99.5 })]) {
      const files = generate({ plan, services: plan.services, version: '0.0.0-test' }, options);
      for (const service of plan.services.filter((s) => s.kind !== 'static')) {
        expect(files.map((f) => f.path)).toContain(`monitoring/prometheus/rules/${service.name}-slo.rules.yml`);
        expect(files.map((f) => f.path)).toContain(`monitoring/slo/${service.name}.yaml`);
      }
      const problems = files
        .filter((f) => f.kind === 'prometheus-rules')
        .flatMap((f) => validatePrometheusRules(f).filter((d) => severityRank(d.severity) > INFO).map((d) => `${f.path}:${d.line} ${d.ruleId} ${d.message}`));
      expect(problems, problems.join('\n')).toEqual([]);
    }
  });
});

describe.skipIf(!promtoolAvailable)('promtool on the generated SLO rules', () => {
  // A server (availability + latency) with defaults; a worker (job success) beside a server on a 7-day window.
  it.each([
    ['node-express', {}],
    ['go-multi-binary', { window: '7d', objective: 99, latencyThreshold: 1 }],
  ] as const)('%s %j: check rules and unit tests pass', (name, given) => {
    const plan = planOf(name);
    const files = generate({ plan, services: plan.services, version: '0.0.0-test' }, inputs.parse(given));
    expect(files.some((f) => f.path.endsWith('-slo.test.yml'))).toBe(true);
    const result = runPromtool(files);
    expect(result.ok, result.output).toBe(true);
    expect(result.output).toContain('SUCCESS');
  }, 20_000);
});
