/**
 * Every example in examples/: the otel part with default inputs writes a Collector config and an
 * Alloy config that pass their validator with nothing above info.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR } from '../../../../test/helpers.js';
import { RepoFs } from '../../../core/repo/repo-fs.js';
import { analyzeRepository } from '../../../plan/analyze.js';
import { validateOtelCollector } from '../../../validate/otel-collector.js';
import { severityRank } from '../../../validate/types.js';
import { generate, inputs } from './generate.js';

const examples = fs.readdirSync(EXAMPLES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'unknown-stack').map((e) => e.name).sort();
const INFO = severityRank('info');

describe('otel part on every example', () => {
  it.each(examples)('%s', (name) => {
    const plan = analyzeRepository(RepoFs.open(path.join(EXAMPLES_DIR, name))).plan;
    const files = generate({ plan, services: plan.services, version: '0.0.0-test' }, inputs.parse({}));
    expect(files.filter((f) => f.kind === 'otel-collector').map((f) => f.path)).toEqual(['monitoring/otel/collector.yaml', 'monitoring/alloy/config.alloy']);
    const problems = files.filter((f) => f.kind === 'otel-collector').flatMap((f) => validateOtelCollector({ path: f.path, content: f.content }).filter((d) => severityRank(d.severity) > INFO).map((d) => `${f.path}:${d.line} ${d.ruleId} ${d.message}`));
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
