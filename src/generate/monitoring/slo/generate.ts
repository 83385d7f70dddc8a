/**
 * The slo part: per server or worker service an OpenSLO spec, recording rules and multi-window
 * multi-burn-rate alerts over the metric contract, promtool unit tests for those alerts and the
 * runbooks they link; for the whole project an error-budget policy and an SLA summary. Static sites
 * export no metrics and get none.
 */
import { Document } from 'yaml';
import type { Evidence, ServicePlan } from '../../../plan/schema.js';
import { headerComment, type GenerateContext, type GeneratedFile } from '../../types.js';
import { RULES_DIR, RULE_TESTS_DIR, renderRuleFile, renderYaml } from '../shared/rule-files.js';
import { BURN_RATE_ALERTS, burnFactor } from './burn-rate.js';
import { errorBudgetPolicy, slaSummary } from './documents.js';
import { inputs, type SloInputs } from './inputs.js';
import { openSloDocuments } from './openslo.js';
import { sloRuleGroups } from './rules.js';
import { sloRunbooks } from './runbooks.js';
import { slisFor, type Sli } from './sli.js';
import { sloUnitTests } from './unit-tests.js';

export { inputs, type SloInputs };

const ID = 'slo';

function evidenceOf(service: ServicePlan): Evidence[] {
  return service.evidence.filter((e) => e.fact === 'port' || e.fact === 'start' || e.fact === 'framework').slice(0, 3);
}

function openSloFile(service: ServicePlan, slis: readonly Sli[], options: SloInputs, source: string): string {
  const docs = openSloDocuments(service.name, slis, options).map((d) => new Document(d, { aliasDuplicateObjects: false }).toString({ lineWidth: 0, indentSeq: true }));
  return `${headerComment('#', source)}\n${docs.join('---\n')}`;
}

export function generate(context: GenerateContext, options: SloInputs): GeneratedFile[] {
  const { plan } = context;
  const files: GeneratedFile[] = [];
  const all: Sli[] = [];
  const source = `the plan for ${plan.name}`;
  const factors = BURN_RATE_ALERTS.map((a) => `${a.severity} ${a.long}/${a.short} at ${burnFactor(a, options.window)}x`).join(', ');
  for (const service of context.services) {
    const slis = slisFor(service, options);
    if (slis.length === 0) continue;
    all.push(...slis);
    const evidence = evidenceOf(service);
    const note = `${service.kind === 'worker' ? 'job success' : 'availability and latency'} SLOs over ${options.window}`;
    files.push({ path: `monitoring/slo/${service.name}.yaml`, content: openSloFile(service, slis, options, source), kind: 'yaml', generator: ID, evidence, notes: [`OpenSLO v1 ${note}`] });
    const groups = sloRuleGroups(plan, slis, options);
    const rulesName = `${service.name}-slo.rules.yml`;
    files.push({
      path: `${RULES_DIR}/${rulesName}`,
      content: renderRuleFile(source, groups, [`SLOs of ${service.name}: recording rules, then burn-rate alerts (${factors}).`, 'See monitoring/slo/ERROR_BUDGET_POLICY.md for how the factors are derived.']),
      kind: 'prometheus-rules',
      generator: ID,
      evidence,
      notes: [note, `burn-rate factors for a ${options.window} window: ${factors}`],
    });
    const tests = sloUnitTests(`../rules/${rulesName}`, groups, slis, options);
    if (tests) {
      files.push({ path: `${RULE_TESTS_DIR}/${service.name}-slo.test.yml`, content: renderYaml(source, tests, ['Run: promtool test rules monitoring/prometheus/tests/*.test.yml']), kind: 'yaml', generator: ID, notes: ['promtool unit tests: fast burn pages, slow burn tickets, healthy is quiet'] });
    }
  }
  if (all.length === 0) return files;
  files.push({ path: 'monitoring/slo/ERROR_BUDGET_POLICY.md', content: errorBudgetPolicy(all, options, source), kind: 'markdown', generator: ID });
  files.push({ path: 'monitoring/slo/SLA.md', content: slaSummary(all, options, source), kind: 'markdown', generator: ID });
  for (const book of sloRunbooks(plan, all, source)) files.push(book);
  return files;
}
