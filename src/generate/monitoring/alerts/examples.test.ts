/**
 * Every example in examples/: the alerts part (defaults, and blackbox + Opsgenie) writes rules and an
 * Alertmanager config that pass their validators with nothing above info; on two examples the real
 * promtool accepts the rules and the generated unit tests pass.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../../../test/helpers.js';
import { RepoFs } from '../../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../../plan/analyze.js';
import { validateAlertmanager } from '../../../validate/alertmanager.js';
import { validatePrometheusRules } from '../../../validate/prometheus-rules.js';
import { severityRank, type Diagnostic } from '../../../validate/types.js';
import { promtoolAvailable, runPromtool } from '../shared/promtool-harness.js';
import { generate, inputs } from './generate.js';

const examples = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'unknown-stack').map((e) => e.name).sort();
const INFO = severityRank('info');

function diagnose(kind: string, path: string, content: string): Diagnostic[] {
  if (kind === 'prometheus-rules') return validatePrometheusRules({ path, content });
  if (kind === 'alertmanager') return validateAlertmanager({ path, content });
  return [];
}

describe('alerts part on every example', () => {
  it.each(examples)('%s', (name) => {
    const plan = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
    for (const options of [inputs.parse({}), inputs.parse({ blackbox: true, incidentTool: 'opsgenie' })]) {
      const files = generate({ plan, services: plan.services, version: '0.0.0-test' }, options);
      const paths = files.map((f) => f.path);
      expect(paths).toContain('monitoring/alertmanager/alertmanager.yml');
      for (const service of plan.services) expect(paths).toContain(`monitoring/prometheus/rules/${service.name}-alerts.rules.yml`);
      // Every runbook_url points at a runbook this part wrote.
      for (const f of files.filter((x) => x.kind === 'prometheus-rules')) {
        for (const m of f.content.matchAll(/runbook_url: \S+\/(\S+\.md)/g)) expect(paths).toContain(`monitoring/runbooks/${m[1]}`);
      }
      const problems = files.flatMap((f) => diagnose(f.kind, f.path, f.content).filter((d) => severityRank(d.severity) > INFO).map((d) => `${f.path}:${d.line} ${d.ruleId} ${d.message}`));
      expect(problems, problems.join('\n')).toEqual([]);
    }
  });
});

describe.skipIf(!promtoolAvailable)('promtool on the generated alert rules', () => {
  it.each(['node-express-prisma', 'go-multi-binary'])('%s: check rules and unit tests pass', (name) => {
    const plan = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
    const files = generate({ plan, services: plan.services, version: '0.0.0-test' }, inputs.parse({ blackbox: true }));
    const result = runPromtool(files);
    expect(result.ok, result.output).toBe(true);
  }, 20_000);
});
