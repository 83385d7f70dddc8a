/**
 * CircleCI renderer: one `.circleci/config.yml` (version 2.1) with jobs per service and one
 * workflow. CircleCI runs a job on tags only when every job up its chain has a tag filter, so each
 * job carries explicit branch/tag filters. Production waits on an approval job, and deploy jobs
 * run in a context named after the environment: contexts hold the environment's variables, restrict
 * who may run it, and are what makes CircleCI issue the OIDC token the cloud login uses.
 *
 * Monorepos get dynamic configuration (dynamic.ts): a setup workflow picks the services whose paths
 * changed and continues with a second file holding these jobs, one gated workflow per service.
 */
import { stringify } from 'yaml';
import type { DeployStage, Pipeline, ServicePipeline, VerifyStage } from '../model.js';
import { deployScript, rollbackScript, smokeScript, urlVariable } from '../hooks.js';
import { envValue } from '../toolchains.js';
import { IMAGES as GITLAB_IMAGES } from '../gitlab/render.js';
import { CIRCLECI_CONTINUE_PATH, CIRCLECI_PATH, parameterName, setupConfig, tagFilter } from './dynamic.js';

type Json = Record<string, unknown>;
type Step = Json | string;

export interface CircleciOptions {
  registry: string | null;
}

export { CIRCLECI_CONTINUE_PATH, CIRCLECI_PATH } from './dynamic.js';

/** cimg/base has git (checkout), curl and the Docker CLI with buildx; monthly tags never move. */
export const IMAGES = { base: 'cimg/base:2024.12', trivy: GITLAB_IMAGES.trivy } as const;

const WORKDIR = '~/project';

/** `$REGISTRY` (a project or context variable) unless the registry was given. */
function imageRepo(service: ServicePipeline, options: CircleciOptions): string {
  return `${options.registry ?? '${REGISTRY}'}/${service.image.name}`;
}

function registryHost(options: CircleciOptions): string {
  return options.registry ? options.registry.split('/')[0]! : '"${REGISTRY%%/*}"';
}

function run(name: string, command: string, extra: Json = {}): Json {
  return { run: { name, command, ...extra } };
}

function verifyJob(service: ServicePipeline, verify: VerifyStage): Json {
  const image = verify.toolchain.image;
  const cacheKey = `v1-${service.service}-${verify.toolchain.runtime}-${verify.lockfiles.map((f) => `{{ checksum "${f}" }}`).join('-')}`;
  // environment: values are not shell-expanded; $BASH_ENV makes the cache dirs absolute for every step.
  const exports = Object.entries(verify.cacheEnv).map(([name, value]) => `echo "export ${name}=${envValue(value, '$PWD')}" >> "$BASH_ENV"`);
  const steps: Step[] = ['checkout', { restore_cache: { keys: [cacheKey, `v1-${service.service}-${verify.toolchain.runtime}-`] } }];
  if (exports.length > 0) steps.push(run('Point the package manager at the cache', exports.join('\n')));
  if (verify.toolchain.corepack) steps.push(run('Enable Corepack', 'corepack enable'));
  const setup = [...verify.toolchain.containerSetup, ...verify.toolchain.setup];
  if (setup.length > 0) steps.push(run('Set up the toolchain', `${setup.join('\n')}\n`));
  for (const command of verify.commands) steps.push(run(command.name, command.run, command.workingDirectory === '' ? {} : { working_directory: `${WORKDIR}/${command.workingDirectory}` }));
  steps.push({ save_cache: { key: cacheKey, paths: verify.cachePaths } });
  return { docker: [{ image }], resource_class: 'medium', working_directory: WORKDIR, steps };
}

function imageJob(pipeline: Pipeline, service: ServicePipeline, options: CircleciOptions): Json {
  const repo = imageRepo(service, options);
  const context = service.image.context === '' ? '.' : service.image.context;
  const credentials = options.registry ? 'REGISTRY_USERNAME / REGISTRY_PASSWORD' : 'REGISTRY, REGISTRY_USERNAME / REGISTRY_PASSWORD';
  return {
    docker: [{ image: IMAGES.base }],
    resource_class: 'medium',
    working_directory: WORKDIR,
    steps: [
      'checkout',
      // The remote Docker engine keeps layers between runs of this job (docker layer caching).
      { setup_remote_docker: { docker_layer_caching: true } },
      run('Log in to the registry', `# needs ${credentials} (project settings or a context)\nprintf '%s' "$REGISTRY_PASSWORD" | docker login --username "$REGISTRY_USERNAME" --password-stdin ${registryHost(options)}\n`),
      run('Build and push the image (BuildKit, registry cache)', [
        'docker buildx create --use --driver docker-container',
        `docker buildx build --file "${service.image.dockerfile}" --cache-from "type=registry,ref=${repo}:buildcache" --cache-to "type=registry,ref=${repo}:buildcache,mode=max" --tag "${repo}:$CIRCLE_SHA1" --push "${context}"`,
      ].join('\n') + '\n', { no_output_timeout: '30m' }),
      run('Scan the image (fails on fixable critical or high vulnerabilities)', [
        `docker run --rm --env TRIVY_USERNAME="$REGISTRY_USERNAME" --env TRIVY_PASSWORD="$REGISTRY_PASSWORD" ${IMAGES.trivy} image --exit-code 1 --severity CRITICAL,HIGH --ignore-unfixed "${repo}:$CIRCLE_SHA1"`,
      ].join('\n') + '\n', { no_output_timeout: '15m' }),
      run('Tag the branch or release', `if [ -n "$CIRCLE_TAG" ] || [ "$CIRCLE_BRANCH" = "$DEFAULT_BRANCH" ]; then\n  docker buildx imagetools create --tag "${repo}:\${CIRCLE_TAG:-$CIRCLE_BRANCH}" "${repo}:$CIRCLE_SHA1"\nfi\n`, { environment: { DEFAULT_BRANCH: pipeline.options.defaultBranch } }),
    ],
  };
}

/** OIDC login from the context's variables: the token CircleCI issues to jobs that use a context. */
function cloudLogin(pipeline: Pipeline): Json[] {
  const token = 'mkdir -p "$HOME/.oidc"\nprintf \'%s\' "$CIRCLE_OIDC_TOKEN_V2" > "$HOME/.oidc/token"\n';
  switch (pipeline.options.cloud) {
    case 'aws':
      // The AWS CLI and SDKs assume AWS_ROLE_ARN (a context variable) with this token on their own.
      return [run('Authenticate to AWS (OIDC)', `${token}echo "export AWS_WEB_IDENTITY_TOKEN_FILE=$HOME/.oidc/token" >> "$BASH_ENV"\n`)];
    case 'gcp':
      return [run('Authenticate to Google Cloud (OIDC, workload identity federation)', [
        token.trimEnd(),
        'cat > "$HOME/.oidc/gcp.json" <<EOF',
        '{"type":"external_account","audience":"//iam.googleapis.com/$GCP_WORKLOAD_IDENTITY_PROVIDER","subject_token_type":"urn:ietf:params:oauth:token-type:jwt","token_url":"https://sts.googleapis.com/v1/token","service_account_impersonation_url":"https://iamcredentials.googleapis.com/v1/projects/-/serviceAccounts/$GCP_SERVICE_ACCOUNT:generateAccessToken","credential_source":{"file":"$HOME/.oidc/token"}}',
        'EOF',
        'echo "export GOOGLE_APPLICATION_CREDENTIALS=$HOME/.oidc/gcp.json" >> "$BASH_ENV"',
      ].join('\n') + '\n')];
    case 'azure':
      // Azure SDKs and `az login --federated-token` read the workload identity variables.
      return [run('Authenticate to Azure (OIDC)', `${token}echo "export AZURE_FEDERATED_TOKEN_FILE=$HOME/.oidc/token" >> "$BASH_ENV"\n`)];
    case 'none':
      return [];
  }
}

function deployJob(pipeline: Pipeline, service: ServicePipeline, deploy: DeployStage, options: CircleciOptions): Json {
  const environment: Json = { DEPLOY_HOOK: pipeline.options.deployHook, ROLLBACK_HOOK: pipeline.options.rollbackHook, ENVIRONMENT: deploy.environment, SERVICE: service.service };
  const steps: Step[] = ['checkout', ...cloudLogin(pipeline)];
  steps.push(run(`Deploy to ${deploy.environment}`, `export IMAGE="${imageRepo(service, options)}:$CIRCLE_SHA1"\n${deployScript('ERROR: ')}`));
  if (deploy.smokePath !== null) {
    const variable = urlVariable(service.service);
    steps.push(run('Smoke test', `export BASE_URL="\${${variable}:-}" URL_VARIABLE=${variable} HEALTH_PATH="${deploy.smokePath}"\n${smokeScript('ERROR: ')}`));
  }
  // Runs only when a step above failed: the deploy or its smoke test.
  steps.push(run('Roll back', rollbackScript('ERROR: '), { when: 'on_fail' }));
  return { docker: [{ image: IMAGES.base }], resource_class: 'small', working_directory: WORKDIR, environment, steps };
}

/** The workflow entries of one service: verify → image → staging, and approval → production on tags. */
function serviceWorkflow(pipeline: Pipeline, service: ServicePipeline, options: CircleciOptions, jobs: Json): Json[] {
  const workflow: Json[] = [];
  const everyRef = { filters: { tags: { only: tagFilter(pipeline) } } };
  const onDefault = { filters: { branches: { only: pipeline.options.defaultBranch } } };
  const onTag = { filters: { branches: { ignore: '/.*/' }, tags: { only: tagFilter(pipeline) } } };
  const name = service.service;
  if (service.verify) {
    jobs[`${name}-verify`] = verifyJob(service, service.verify);
    workflow.push({ [`${name}-verify`]: { ...everyRef } });
  }
  jobs[`${name}-image`] = imageJob(pipeline, service, options);
  workflow.push({ [`${name}-image`]: { ...(service.verify ? { requires: [`${name}-verify`] } : {}), ...everyRef } });
  for (const deploy of service.deploys) {
    const job = `${name}-deploy-${deploy.environment}`;
    jobs[job] = deployJob(pipeline, service, deploy, options);
    if (deploy.trigger === 'branch') {
      workflow.push({ [job]: { requires: [`${name}-image`], context: [deploy.environment], ...onDefault } });
    } else {
      const hold = `${name}-approve-${deploy.environment}`;
      workflow.push({ [hold]: { type: 'approval', requires: [`${name}-image`], ...onTag } });
      workflow.push({ [job]: { requires: [hold], context: [deploy.environment], ...onTag } });
    }
  }
  return workflow;
}

function yamlText(header: string, document: Json): string {
  return `${header}\n${stringify(document, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}

/** One static config: every service's jobs in one workflow (single-service repos). */
export function renderCircleci(pipeline: Pipeline, options: CircleciOptions, header: string): string {
  const jobs: Json = {};
  const workflow = pipeline.services.flatMap((service) => serviceWorkflow(pipeline, service, options, jobs));
  return yamlText(header, { version: 2.1, jobs, workflows: { pipeline: { jobs: workflow } } });
}

/**
 * The continuation of a monorepo's dynamic config: the same jobs, one workflow per service, each
 * gated on the `run-<service>` parameter the setup workflow sets from the changed paths. Release
 * tags run every service (as on GitHub and GitLab): a tag releases the whole repository, whatever
 * its last commit touched.
 */
export function renderContinuation(pipeline: Pipeline, options: CircleciOptions, header: string): string {
  const jobs: Json = {};
  const parameters: Json = {};
  const workflows: Json = {};
  for (const service of pipeline.services) {
    const parameter = parameterName(service.service);
    parameters[parameter] = { type: 'boolean', default: false };
    const workflow = serviceWorkflow(pipeline, service, options, jobs);
    workflows[service.service] = { when: { or: [`<< pipeline.parameters.${parameter} >>`, '<< pipeline.git.tag >>'] }, jobs: workflow };
  }
  return yamlText(header, { version: 2.1, parameters, jobs, workflows });
}

export interface CircleciFile {
  path: string;
  content: string;
}

/**
 * Single-service repos: `.circleci/config.yml`. Monorepos: dynamic config, a setup workflow in
 * `.circleci/config.yml` (path-filtering orb) that continues with `.circleci/continue_config.yml`
 * running only the services whose paths changed.
 */
export function renderCircleciFiles(pipeline: Pipeline, options: CircleciOptions, header: string): CircleciFile[] {
  if (!pipeline.monorepo) return [{ path: CIRCLECI_PATH, content: renderCircleci(pipeline, options, header) }];
  return [
    { path: CIRCLECI_PATH, content: yamlText(header, setupConfig(pipeline)) },
    { path: CIRCLECI_CONTINUE_PATH, content: renderContinuation(pipeline, options, header) },
  ];
}
