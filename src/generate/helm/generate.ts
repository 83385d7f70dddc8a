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
import { inputs, type HelmInputs } from './inputs.js';
import { valuesSchema } from './schema.js';
import { chartTemplates } from './templates.js';
import { ENVIRONMENTS, chartValues, environmentValues, SCALING } from './values.js';

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
  // The chart renders rolling updates; blue-green and canary are the kubernetes family's (strategy input).
  const k8s = kubernetesInputs.parse({ ...options, strategy: 'rolling' });
  const built = services.map((s) => build(plan, s, k8s));
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

  add('values.yaml', yamlFile(header, chartValues(plan, built, options), [
    'Defaults: the same objects as deploy/kubernetes/ (probes, securityContext, resources from the plan).',
    'Environment files (values-dev.yaml, values-staging.yaml, values-prod.yaml) override these; secret values go in',
    `a git-ignored ${SECRET_FILES} file, never here. values.schema.json describes every key.`,
  ]), { evidence: built.flatMap((b) => b.evidence), notes: built.flatMap((b) => b.notes.map((n) => `${b.service.name}: ${n}`)) });

  for (const environment of ENVIRONMENTS) {
    const scaling = SCALING[environment];
    add(`values-${environment}.yaml`, yamlFile(header, environmentValues(built, options, environment), [
      `${environment}: ${scaling.min}-${scaling.max} replicas per service.`,
      `helm upgrade --install ${chart} ${dir} -n ${chart}-${environment} --create-namespace -f ${dir}/values-${environment}.yaml -f secrets-${environment}.yaml`,
    ]));
  }

  add('values.schema.json', `${JSON.stringify(valuesSchema(`Values of the ${chart} chart`), null, 2)}\n`);
  add('.helmignore', `${header}\n# Patterns helm package leaves out of the chart archive.\n.git/\n.DS_Store\n*.swp\n*.bak\n*.tmp\n*.orig\n${SECRET_FILES}\n`);
  add('.gitignore', `${header}\n# Secret values for helm -f: never commit them.\n${SECRET_FILES}\n`);
  const templateSource = headerComment('', source).trim();
  for (const [name, content] of Object.entries(chartTemplates(plan, templateSource))) add(`templates/${name}`, content);
  return files;
}
