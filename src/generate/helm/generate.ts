/**
 * One Helm chart per project at deploy/helm/<project>/ with a values block per service (services.<name>),
 * so one `helm upgrade --install` deploys the whole application and services can still be tuned or
 * disabled one by one. Values come from the kubernetes family's objects (values.ts), templates only
 * place them (templates.ts). Pure: the same plan and inputs give the same bytes.
 */
import { Document } from 'yaml';
import type { GenerateContext, GeneratedFile } from '../types.js';
import { headerComment } from '../types.js';
import { build, deployable } from '../kubernetes/generate.js';
import { inputs as kubernetesInputs } from '../kubernetes/inputs.js';
import { projectName } from '../kubernetes/names.js';
import type { Json } from '../kubernetes/render.js';
import { strategySummary } from '../kubernetes/strategy/plan.js';
import { inputs, type HelmInputs } from './inputs.js';
import { valuesSchema } from './schema.js';
import { strategyTemplates } from './strategy-templates.js';
import { prodStrategyValues, strategyValues, usesStrategies } from './strategy-values.js';
import { chartTemplates } from './templates.js';
import { ENVIRONMENTS, chartValues, environmentValues, rollingUpdateOf, SCALING } from './values.js';

export { inputs, type HelmInputs };

const GENERATOR = 'helm';
const YAML_OPTIONS = { lineWidth: 0, indentSeq: true } as const;

/** Secret values files users keep beside the chart: never committed, never packaged. */
const SECRET_FILES = 'secrets-*.yaml';

export function chartDir(context: GenerateContext): string {
  return `deploy/helm/${projectName(context.plan)}`;
}

function yamlFile(header: string, object: Json, comment?: string[]): string {
  const doc = new Document(object, { aliasDuplicateObjects: false });
  doc.commentBefore = [` ${header.replace(/^# /, '')}`, ...(comment ?? []).map((l) => ` ${l}`)].join('\n');
  return doc.toString(YAML_OPTIONS);
}

export function generate(context: GenerateContext, options: HelmInputs): GeneratedFile[] {
  const { plan } = context;
  const services = deployable(context.services);
  if (services.length === 0) return [];
  // Values come from the rolling objects; with blue-green or canary the strategy block per service says
  // what the templates make of them (strategy-values.ts), and the templates render every strategy.
  const k8s = kubernetesInputs.parse({ ...options, strategy: 'rolling' });
  const built = services.map((s) => build(plan, s, k8s));
  const strategies = usesStrategies(options) ? new Map(built.map((b) => [b.service.name, strategyValues(b.service, options, rollingUpdateOf(b))])) : null;
  const strategyBlocks = strategies ? new Map([...strategies].map(([name, v]) => [name, v.values])) : undefined;
  const prodBlocks = new Map<string, Json>();
  for (const [name, v] of strategies ?? []) {
    const prod = prodStrategyValues(v.strategy);
    if (prod) prodBlocks.set(name, prod);
  }
  const dir = chartDir(context);
  const chart = projectName(plan);
  const source = `the plan for ${plan.name}`;
  const header = headerComment('#', source);
  const files: GeneratedFile[] = [];
  const add = (path: string, content: string, extra: Partial<GeneratedFile> = {}): void => {
    files.push({ path: `${dir}/${path}`, content, kind: path === '.gitignore' ? 'text' : 'helm', generator: GENERATOR, ...extra });
  };
  const names = built.map((b) => b.service.name);
  const usesSleep = k8s.preStopSeconds > 0;

  add('Chart.yaml', yamlFile(header, {
    apiVersion: 'v2',
    name: chart,
    description: `${plan.name}: ${names.join(', ')} (one values block per service under services.<name>).`,
    type: 'application',
    version: options.chartVersion,
    appVersion: options.tag,
    // The preStop `sleep` action needs Kubernetes 1.30; the trailing -0 admits pre-release cluster versions.
    ...(usesSleep ? { kubeVersion: '>=1.30.0-0' } : {}),
    keywords: [...new Set(built.map((b) => b.service.framework ?? b.service.language))].sort(),
  }), { notes: [`One chart for the project with services.${names[0] ?? '<name>'}… values blocks: one release deploys every service; object names are the service names, so install one release per namespace.`] });

  const strategyNotes = [...(strategies?.values() ?? [])].flatMap((v) => [strategySummary(v.strategy), ...(v.strategy.fallback ? [v.strategy.fallback] : [])]);
  add('values.yaml', yamlFile(header, chartValues(plan, built, options, strategyBlocks), [
    'Defaults: the same objects as deploy/kubernetes/ (probes, securityContext, resources from the plan).',
    'Environment files (values-dev.yaml, values-staging.yaml, values-prod.yaml) override these; secret values go in',
    `a git-ignored ${SECRET_FILES} file, never here. values.schema.json describes every key.`,
    ...(strategies ? ['services.<name>.strategy: type rolling | blue-green | canary, rollouts (Argo Rollouts or two Deployments + Service switch); NOTES.txt prints how to release and roll back.'] : []),
  ]), { evidence: built.flatMap((b) => b.evidence), notes: [...built.flatMap((b) => b.notes.map((n) => `${b.service.name}: ${n}`)), ...strategyNotes] });

  for (const environment of ENVIRONMENTS) {
    const scaling = SCALING[environment];
    const prod = environment === 'prod' && prodBlocks.size > 0;
    add(`values-${environment}.yaml`, yamlFile(header, environmentValues(built, options, environment, prod ? prodBlocks : undefined), [
      `${environment}: ${scaling.min}-${scaling.max} replicas per service.`,
      ...(prod ? ['Production releases: canary 10% until promoted, then 25% and 50% for 120 s each; blue-green keeps the previous pods 300 s.'] : []),
      `helm upgrade --install ${chart} ${dir} -n ${chart}-${environment} --create-namespace -f ${dir}/values-${environment}.yaml -f secrets-${environment}.yaml`,
    ]));
  }

  add('values.schema.json', `${JSON.stringify(valuesSchema(`Values of the ${chart} chart`, strategies !== null), null, 2)}\n`);
  add('.helmignore', `${header}\n# Patterns helm package leaves out of the chart archive.\n.git/\n.DS_Store\n*.swp\n*.bak\n*.tmp\n*.orig\n${SECRET_FILES}\n`);
  add('.gitignore', `${header}\n# Secret values for helm -f: never commit them.\n${SECRET_FILES}\n`);
  const templateSource = headerComment('', source).trim();
  const templates = chartTemplates(plan, templateSource, strategies ? strategyTemplates(chart) : undefined);
  for (const [name, content] of Object.entries(templates)) add(`templates/${name}`, content);
  return files;
}
