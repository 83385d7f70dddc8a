/**
 * The alerts part: per service a rules file (target down, restarts, CPU/memory against limits,
 * certificate expiry with blackbox probes), one for the backing services the plan found, promtool
 * unit tests, a runbook per alert, and the Alertmanager configuration that routes them.
 */
import type { GenerateContext, GeneratedFile } from '../../types.js';
import { RULES_DIR, RULE_TESTS_DIR, projectSlug, renderRuleFile, renderYaml } from '../shared/rule-files.js';
import { alertmanagerConfig } from './alertmanager-config.js';
import { inputs, type AlertsInputs } from './inputs.js';
import { alertRunbooks } from './runbooks.js';
import { backingAlerts, backingUsage, namespaceRegex, serviceAlerts } from './rules.js';
import { alertUnitTests } from './unit-tests.js';

export { inputs, type AlertsInputs };

const ID = 'alerts';

export function generate(context: GenerateContext, options: AlertsInputs): GeneratedFile[] {
  const { plan } = context;
  const source = `the plan for ${plan.name}`;
  const files: GeneratedFile[] = [];
  const groups = [];
  // A concrete namespace matching the selector, for the test series.
  const testNamespace = `${projectSlug(plan)}-prod`;
  const nsMatches = new RegExp(`^(?:${namespaceRegex(plan, options)})$`).test(testNamespace);
  for (const service of context.services) {
    const group = serviceAlerts(plan, service, options);
    groups.push(group);
    const name = `${service.name}-alerts.rules.yml`;
    files.push({
      path: `${RULES_DIR}/${name}`,
      content: renderRuleFile(source, [group], [`Alerts of ${service.name} beyond its SLOs; severity page pages the on-call, ticket goes to Slack.`]),
      kind: 'prometheus-rules',
      generator: ID,
      notes: [`${group.rules.length} alerts for ${service.kind} ${service.name}${options.blackbox ? '' : ' (certificate expiry needs blackbox=true)'}`],
    });
    if (nsMatches) files.push({ path: `${RULE_TESTS_DIR}/${service.name}-alerts.test.yml`, content: renderYaml(source, alertUnitTests(`../rules/${name}`, group, service.name, testNamespace), ['Run: promtool test rules monitoring/prometheus/tests/*.test.yml']), kind: 'yaml', generator: ID });
  }
  const usage = backingUsage(context.services);
  const backing = backingAlerts(plan, usage, options);
  if (backing) {
    groups.push(backing);
    files.push({
      path: `${RULES_DIR}/backing-services-alerts.rules.yml`,
      content: renderRuleFile(source, [backing], ['Backing services found in the plan, watched through their exporters (postgres_exporter, redis_exporter…).']),
      kind: 'prometheus-rules',
      generator: ID,
      evidence: context.services.flatMap((s) => s.evidence.filter((e) => e.fact.startsWith('backing:'))).slice(0, 5),
      notes: [`backing services: ${[...usage.keys()].join(', ')}`],
    });
  }
  files.push({
    path: 'monitoring/alertmanager/alertmanager.yml',
    content: renderYaml(source, alertmanagerConfig(plan, options), [
      `Routes by severity: page → ${options.incidentTool} (escalation lives there) and mirrored to Slack; ticket → Slack.`,
      `Secrets are files under ${options.secretsDir}, mounted from a Secret; nothing sensitive is inline. Needs Alertmanager 0.25+.`,
    ]),
    kind: 'alertmanager',
    generator: ID,
    notes: [`pages → ${options.incidentTool}, tickets → Slack; page inhibits ticket per service; TargetDown inhibits the rest`],
  });
  files.push(...alertRunbooks(plan, groups, usage, source));
  return files;
}
