/**
 * Every example in examples/: the dashboards part with default inputs writes dashboards that pass
 * the Grafana dashboard validator with nothing above info (PromQL included), and the same bytes twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../../../test/helpers.js';
import { RepoFs } from '../../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../../plan/analyze.js';
import { validateGrafanaDashboard } from '../../../validate/grafana-dashboard.js';
import { severityRank } from '../../../validate/types.js';
import { generate, inputs } from './generate.js';

const examples = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'unknown-stack').map((e) => e.name).sort();
const INFO = severityRank('info');

describe('dashboards part on every example', () => {
  it.each(examples)('%s', (name) => {
    const plan = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
    const context = { plan, services: plan.services, version: '0.0.0-test' };
    const files = generate(context, inputs.parse({}));
    for (const service of plan.services.filter((s) => s.kind !== 'static')) expect(files.map((f) => f.path)).toContain(`monitoring/grafana/dashboards/${service.name}.json`);
    const problems = files
      .filter((f) => f.kind === 'grafana-dashboard')
      .flatMap((f) => validateGrafanaDashboard({ path: f.path, content: f.content }).filter((d) => severityRank(d.severity) > INFO).map((d) => `${f.path}:${d.line} ${d.ruleId} ${d.message}`));
    expect(problems, problems.join('\n')).toEqual([]);
    expect(generate(context, inputs.parse({})).map((f) => f.content)).toEqual(files.map((f) => f.content));
  });
});
