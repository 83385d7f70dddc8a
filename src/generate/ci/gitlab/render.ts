/**
 * GitLab CI renderer: one `.gitlab-ci.yml` with jobs per service (`<service>:verify`, `:build`,
 * `:scan`, `:release`, `:deploy-staging`, …). GitLab filters paths per job (`rules:changes`), so a
 * monorepo needs no separate files. `needs:` lets each service's chain run as soon as its own
 * previous job is done instead of waiting for the whole stage.
 *
 * The build job pushes the image under the commit SHA so the scan job can pull it (jobs share no
 * Docker daemon); the release job adds the branch/tag name only on the default branch and on tags.
 * With a cloud, deploy and rollback jobs authenticate with a GitLab ID token (oidc.ts).
 */
import { stringify } from 'yaml';
import type { DeployStage, Pipeline, ServicePipeline, VerifyStage } from '../model.js';
import { deployScript, rollbackScript, smokeScript, urlVariable } from '../hooks.js';
import { envValue } from '../toolchains.js';
import { gitlabCloudAuth } from './oidc.js';

type Json = Record<string, unknown>;

export interface GitlabOptions {
  registry: string | null;
}

export const STAGES = ['verify', 'build', 'scan', 'release', 'staging', 'production', 'rollback'] as const;

/** Pinned images the jobs run in (tags, since GitLab has no digest bump tooling by default; see readme). */
export const IMAGES = {
  docker: 'docker:27.5',
  dind: 'docker:27.5-dind',
  trivy: 'aquasec/trivy:0.70.0',
  deploy: 'alpine:3.21',
} as const;

const ON_DEFAULT = '$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH';
const ON_MR = '$CI_PIPELINE_SOURCE == "merge_request_event"';

function onTag(pipeline: Pipeline): string {
  return `$CI_COMMIT_TAG =~ /^${pipeline.options.tagPrefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}/`;
}

/**
 * Path filter of a monorepo service. Every job of the service carries the same filter on branch
 * pipelines, so `needs:` never points at a job that was filtered out.
 */
function changesFor(pipeline: Pipeline, service: ServicePipeline): Json {
  // GitLab's documented recursive glob is `dir/**/*`.
  const paths = service.paths.map((p) => (p.endsWith('**') ? `${p}/*` : p));
  return pipeline.monorepo ? { changes: [...paths, '.gitlab-ci.yml'] } : {};
}

/** Runs on merge requests, the default branch and release tags; path-filtered in monorepos. */
function everyPipeline(pipeline: Pipeline, service: ServicePipeline): Json[] {
  const changes = changesFor(pipeline, service);
  return [{ if: onTag(pipeline) }, { if: ON_MR, ...changes }, { if: ON_DEFAULT, ...changes }];
}

function imageRepo(service: ServicePipeline, options: GitlabOptions): string {
  return `${options.registry ?? '$CI_REGISTRY_IMAGE'}/${service.image.name}`;
}

function registryLogin(options: GitlabOptions): string {
  return options.registry
    ? `printf '%s' "$REGISTRY_PASSWORD" | docker login --username "$REGISTRY_USERNAME" --password-stdin ${options.registry.split('/')[0]}`
    : 'printf \'%s\' "$CI_REGISTRY_PASSWORD" | docker login --username "$CI_REGISTRY_USER" --password-stdin "$CI_REGISTRY"';
}

function dockerJob(options: GitlabOptions): Json {
  return {
    image: IMAGES.docker,
    services: [IMAGES.dind],
    variables: { DOCKER_TLS_CERTDIR: '/certs' },
    before_script: [registryLogin(options)],
  };
}

function verifyJob(pipeline: Pipeline, service: ServicePipeline, verify: VerifyStage): Json {
  const image = verify.toolchain.image;
  const variables: Json = {};
  for (const [name, value] of Object.entries(verify.cacheEnv)) variables[name] = envValue(value, '$CI_PROJECT_DIR');
  const script: string[] = [...verify.toolchain.containerSetup, ...verify.toolchain.setup];
  if (verify.toolchain.corepack) script.push('corepack enable');
  for (const command of verify.commands) {
    script.push(command.workingDirectory === '' ? command.run : `(cd "${command.workingDirectory}" && ${command.run})`);
  }
  return {
    stage: 'verify',
    image,
    variables,
    cache: { key: { files: verify.lockfiles, prefix: `${service.service}-${verify.toolchain.runtime}` }, paths: verify.cachePaths },
    script,
    timeout: '20m',
    rules: everyPipeline(pipeline, service),
  };
}

function deployJob(pipeline: Pipeline, service: ServicePipeline, deploy: DeployStage, options: GitlabOptions): Json {
  const script = [deployScript('ERROR: ')];
  const variables: Json = {
    DEPLOY_HOOK: pipeline.options.deployHook,
    ENVIRONMENT: deploy.environment,
    SERVICE: service.service,
    IMAGE: `${imageRepo(service, options)}:$CI_COMMIT_SHA`,
  };
  if (deploy.smokePath !== null) {
    const variable = urlVariable(service.service);
    Object.assign(variables, { BASE_URL: `$${variable}`, URL_VARIABLE: variable, HEALTH_PATH: deploy.smokePath });
    script.push(smokeScript('ERROR: '));
  }
  const rule = deploy.trigger === 'branch' ? { if: ON_DEFAULT, ...changesFor(pipeline, service) } : { if: onTag(pipeline), when: 'manual' };
  const auth = gitlabCloudAuth(pipeline.options.cloud, IMAGES.deploy);
  return {
    stage: deploy.environment,
    image: auth?.image ?? IMAGES.deploy,
    needs: [`${service.service}:scan`, `${service.service}:release`],
    variables,
    environment: { name: deploy.environment },
    // One deployment per environment and service at a time.
    resource_group: `${service.service}-${deploy.environment}`,
    interruptible: false,
    // With a cloud: an ID token for its federation, exchanged for short-lived credentials before the hook runs.
    ...(auth ? { id_tokens: auth.idTokens, before_script: [...auth.deployTools, ...auth.login] } : { before_script: ['apk add --no-cache curl'] }),
    script,
    timeout: '20m',
    // A manual production job blocks the pipeline until someone approves it.
    ...(deploy.trigger === 'tag' ? { allow_failure: false } : {}),
    rules: [rule],
  };
}

function rollbackJob(pipeline: Pipeline, service: ServicePipeline, deploy: DeployStage): Json {
  const trigger = deploy.trigger === 'branch' ? { if: ON_DEFAULT, ...changesFor(pipeline, service) } : { if: onTag(pipeline) };
  const auth = gitlabCloudAuth(pipeline.options.cloud, IMAGES.deploy);
  return {
    stage: 'rollback',
    image: auth?.image ?? IMAGES.deploy,
    needs: [`${service.service}:deploy-${deploy.environment}`],
    variables: { ROLLBACK_HOOK: pipeline.options.rollbackHook, ENVIRONMENT: deploy.environment, SERVICE: service.service },
    environment: { name: deploy.environment, action: 'access' },
    resource_group: `${service.service}-${deploy.environment}`,
    interruptible: false,
    ...(auth ? { id_tokens: auth.idTokens, before_script: [...auth.cliTools, ...auth.login] } : {}),
    script: [rollbackScript('ERROR: ')],
    timeout: '15m',
    rules: [{ ...trigger, when: 'on_failure' }],
  };
}

function serviceJobs(pipeline: Pipeline, service: ServicePipeline, options: GitlabOptions): Json {
  const name = service.service;
  const repo = imageRepo(service, options);
  const context = service.image.context === '' ? '.' : service.image.context;
  const jobs: Json = {};
  if (service.verify) jobs[`${name}:verify`] = verifyJob(pipeline, service, service.verify);
  jobs[`${name}:build`] = {
    stage: 'build',
    ...dockerJob(options),
    ...(service.verify ? { needs: [`${name}:verify`] } : { needs: [] }),
    script: [
      'docker buildx create --use --driver docker-container',
      `docker buildx build --file "${service.image.dockerfile}" --cache-from "type=registry,ref=${repo}:buildcache" --cache-to "type=registry,ref=${repo}:buildcache,mode=max" --tag "${repo}:$CI_COMMIT_SHA" --push "${context}"`,
    ],
    timeout: '30m',
    rules: everyPipeline(pipeline, service),
  };
  jobs[`${name}:scan`] = {
    stage: 'scan',
    image: { name: IMAGES.trivy, entrypoint: [''] },
    needs: [`${name}:build`],
    variables: options.registry
      ? { TRIVY_USERNAME: '$REGISTRY_USERNAME', TRIVY_PASSWORD: '$REGISTRY_PASSWORD' }
      : { TRIVY_USERNAME: '$CI_REGISTRY_USER', TRIVY_PASSWORD: '$CI_REGISTRY_PASSWORD' },
    script: [
      `trivy image --format json --output "trivy-${name}.json" "${repo}:$CI_COMMIT_SHA"`,
      `trivy image --exit-code 1 --severity CRITICAL,HIGH --ignore-unfixed "${repo}:$CI_COMMIT_SHA"`,
    ],
    artifacts: { when: 'always', paths: [`trivy-${name}.json`], expire_in: '30 days' },
    timeout: '15m',
    rules: everyPipeline(pipeline, service),
  };
  jobs[`${name}:release`] = {
    stage: 'release',
    ...dockerJob(options),
    needs: [`${name}:scan`],
    script: [`docker buildx imagetools create --tag "${repo}:\${CI_COMMIT_TAG:-$CI_COMMIT_REF_SLUG}" "${repo}:$CI_COMMIT_SHA"`],
    timeout: '10m',
    interruptible: false,
    rules: [{ if: onTag(pipeline) }, { if: ON_DEFAULT, ...changesFor(pipeline, service) }],
  };
  for (const deploy of service.deploys) jobs[`${name}:deploy-${deploy.environment}`] = deployJob(pipeline, service, deploy, options);
  for (const deploy of service.deploys) jobs[`${name}:rollback-${deploy.environment}`] = rollbackJob(pipeline, service, deploy);
  return jobs;
}

export function renderGitlab(pipeline: Pipeline, options: GitlabOptions, header: string): string {
  const document: Json = {
    stages: [...STAGES],
    workflow: {
      rules: [
        { if: ON_MR },
        // A branch with an open merge request runs the merge request pipeline only, not both.
        { if: '$CI_COMMIT_BRANCH && $CI_OPEN_MERGE_REQUESTS', when: 'never' },
        { if: ON_DEFAULT },
        { if: onTag(pipeline) },
      ],
    },
    // New commits on a merge request cancel its running pipeline (with "auto-cancel redundant pipelines").
    default: { interruptible: true },
  };
  for (const service of pipeline.services) Object.assign(document, serviceJobs(pipeline, service, options));
  return `${header}\n${stringify(document, { lineWidth: 0, aliasDuplicateObjects: false })}`;
}
