/**
 * Jenkins renderer: one declarative `Jenkinsfile`. Each service is a stage with sequential inner
 * stages (verify, image, deploy staging, deploy production) guarded by `when { changeset … }` in
 * monorepos, so a change builds only the services it touches. Production waits on an `input`
 * step and only runs for release tags; a failed deploy or smoke test runs the rollback hook in the
 * stage's `post { failure { … } }`. Credentials come from Jenkins' credential store through
 * withCredentials and reach the shell as env vars, never interpolated into Groovy strings.
 *
 * With a cloud, deploy and rollback bind an "OpenID Connect id token" credential (the OpenID Connect
 * Provider plugin, `oidc-provider`) instead of a credentials file and exchange it for short-lived
 * credentials with the same commands as GitLab (../cloud-login.ts).
 *
 * Needs the Pipeline, Docker Pipeline and Credentials Binding plugins (standard on most installs).
 */
import type { DeployStage, Pipeline, ServicePipeline, VerifyStage } from '../model.js';
import { CLOUD_CLI, CLOUD_VARIABLES, cloudLogin, ID_TOKEN_VARIABLE, type Cloud } from '../cloud-login.js';
import { deployScript, rollbackScript, smokeScript, urlVariable } from '../hooks.js';
import { envValue } from '../toolchains.js';
import { IMAGES as GITLAB_IMAGES } from '../gitlab/render.js';

export interface JenkinsOptions {
  registry: string | null;
}

export const JENKINSFILE_PATH = 'Jenkinsfile';

/** Credential ids the pipeline expects in Jenkins (documented in the readme). */
export const CREDENTIALS = {
  registry: 'registry-credentials',
  deploy: (env: string) => `deploy-${env}`,
  /** An "OpenID Connect id token" credential whose audience is the cloud's (docs/targets/ci.md). */
  oidc: (cloud: Cloud) => `${cloud}-oidc-token`,
} as const;

/** Role session name: Jenkins' build number (JOB_NAME may hold characters AWS rejects). */
const SESSION = 'jenkins-$BUILD_NUMBER';

const IMAGES = { trivy: GITLAB_IMAGES.trivy } as const;

/** A Groovy single-quoted string: no interpolation, so `$VAR` reaches the shell untouched. */
function q(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `sh '''…'''`: the script verbatim, shell variables expanded by the shell, not by Groovy. */
function sh(script: string, indent: string): string {
  const body = script.replace(/\\/g, '\\\\').replace(/'''/g, "\\'\\'\\'").trimEnd();
  return `${indent}sh '''\n${body.split('\n').map((l) => `${indent}  ${l}`).join('\n')}\n${indent}'''`;
}

function indentBlock(lines: string[], indent: string): string {
  return lines.map((l) => (l === '' ? '' : `${indent}${l}`)).join('\n');
}

function imageRepo(service: ServicePipeline, options: JenkinsOptions): string {
  return `${options.registry ?? '${REGISTRY}'}/${service.image.name}`;
}

function verifyStage(service: ServicePipeline, verify: VerifyStage): string[] {
  const image = verify.toolchain.image;
  // Groovy double quotes: ${WORKSPACE} is interpolated by Jenkins, the rest of the value is literal.
  const env = Object.entries(verify.cacheEnv).map(([name, value]) => `${name} = "${envValue(value.replace(/[\\"$]/g, '\\$&'), '${WORKSPACE}')}"`);
  const steps: string[] = [];
  if (verify.toolchain.corepack) steps.push(sh('corepack enable', ''));
  const setup = [...verify.toolchain.containerSetup, ...verify.toolchain.setup];
  if (setup.length > 0) steps.push('// Set up the toolchain', sh(setup.join('\n'), ''));
  for (const command of verify.commands) {
    const run = command.workingDirectory === '' ? command.run : `cd ${JSON.stringify(command.workingDirectory)}\n${command.run}`;
    steps.push(`// ${command.name}`, sh(run, ''));
  }
  return [
    `stage(${q(`${service.service}: verify`)}) {`,
    '  agent {',
    '    docker {',
    `      image ${q(image)}`,
    // Same workspace as the rest of the build: checkout and caches are shared.
    '      reuseNode true',
    '    }',
    '  }',
    ...(env.length > 0 ? ['  // Package caches inside the workspace survive between builds on the same agent.', '  environment {', ...env.map((e) => `    ${e}`), '  }'] : []),
    '  options { timeout(time: 20, unit: \'MINUTES\') }',
    '  steps {',
    indentBlock(steps.join('\n').split('\n'), '    '),
    '  }',
    '}',
  ];
}

function imageStage(pipeline: Pipeline, service: ServicePipeline, options: JenkinsOptions): string[] {
  const repo = imageRepo(service, options);
  const context = service.image.context === '' ? '.' : service.image.context;
  const host = options.registry ? options.registry.split('/')[0]! : '"${REGISTRY%%/*}"';
  const script = [
    `printf '%s' "$REGISTRY_PASSWORD" | docker login --username "$REGISTRY_USERNAME" --password-stdin ${host}`,
    'docker buildx create --use --driver docker-container',
    `docker buildx build --file "${service.image.dockerfile}" --cache-from "type=registry,ref=${repo}:buildcache" --cache-to "type=registry,ref=${repo}:buildcache,mode=max" --tag "${repo}:$GIT_COMMIT" --push "${context}"`,
    `docker run --rm --env TRIVY_USERNAME="$REGISTRY_USERNAME" --env TRIVY_PASSWORD="$REGISTRY_PASSWORD" ${IMAGES.trivy} image --exit-code 1 --severity CRITICAL,HIGH --ignore-unfixed "${repo}:$GIT_COMMIT"`,
    `if [ -n "\${TAG_NAME:-}" ] || [ "\${BRANCH_NAME:-}" = "${pipeline.options.defaultBranch}" ]; then`,
    `  docker buildx imagetools create --tag "${repo}:\${TAG_NAME:-$BRANCH_NAME}" "${repo}:$GIT_COMMIT"`,
    'fi',
  ].join('\n');
  return [
    `stage(${q(`${service.service}: image`)}) {`,
    '  options { timeout(time: 40, unit: \'MINUTES\') }',
    '  steps {',
    `    withCredentials([usernamePassword(credentialsId: ${q(CREDENTIALS.registry)}, usernameVariable: 'REGISTRY_USERNAME', passwordVariable: 'REGISTRY_PASSWORD')]) {`,
    sh(script, '      '),
    '    }',
    '  }',
    '}',
  ];
}

function deployStage(pipeline: Pipeline, service: ServicePipeline, deploy: DeployStage, options: JenkinsOptions): string[] {
  const tag = `${pipeline.options.tagPrefix}*`;
  const when = deploy.trigger === 'branch' ? [`  when { branch ${q(pipeline.options.defaultBranch)} }`] : [`  when {`, `    tag ${q(tag)}`, '    beforeInput true', '  }'];
  const deployLines = [`export IMAGE="${imageRepo(service, options)}:$GIT_COMMIT"`, deployScript('ERROR: ').trimEnd()];
  if (deploy.smokePath !== null) {
    const variable = urlVariable(service.service);
    deployLines.push(`export BASE_URL="\${${variable}:-}" URL_VARIABLE=${variable} HEALTH_PATH="${deploy.smokePath}"`, smokeScript('ERROR: ').trimEnd());
  }
  const cloud = pipeline.options.cloud;
  // Without a cloud, the deploy hook reads DEPLOY_CREDENTIALS (a kubeconfig or cloud credentials file) for its environment.
  const withDeployCredentials = (body: string, indent: string): string =>
    cloud === 'none'
      ? [`${indent}withCredentials([file(credentialsId: ${q(CREDENTIALS.deploy(deploy.environment))}, variable: 'DEPLOY_CREDENTIALS')]) {`, sh(body, `${indent}  `), `${indent}}`].join('\n')
      : withIdToken(cloud, body, indent);
  return [
    `stage(${q(`${service.service}: deploy ${deploy.environment}`)}) {`,
    ...when,
    ...(deploy.trigger === 'tag' ? ['  input {', `    message ${q(`Deploy ${service.service} to production?`)}`, "    ok 'Deploy'", '  }'] : []),
    '  options { timeout(time: 20, unit: \'MINUTES\') }',
    '  environment {',
    `    DEPLOY_HOOK = ${q(pipeline.options.deployHook)}`,
    `    ROLLBACK_HOOK = ${q(pipeline.options.rollbackHook)}`,
    `    ENVIRONMENT = ${q(deploy.environment)}`,
    `    SERVICE = ${q(service.service)}`,
    '  }',
    '  steps {',
    withDeployCredentials(deployLines.join('\n'), '    '),
    '  }',
    '  post {',
    '    failure {',
    withDeployCredentials(rollbackScript('ERROR: '), '      '),
    '    }',
    '  }',
    '}',
  ];
}

/**
 * The id token bound as an env var (Jenkins masks its value in the log) and exchanged before the
 * hook, in the same shell so the hook inherits the credentials. Jenkins runs `sh` with -x: tracing
 * is off while the credentials are assigned, so their values never reach the log.
 */
function withIdToken(cloud: Cloud, body: string, indent: string): string {
  const cli = CLOUD_CLI[cloud];
  const login = [
    'set +x',
    `command -v ${cli} >/dev/null || { echo 'ERROR: the ${cli} CLI is not on this agent (needed for the OIDC login)' >&2; exit 1; }`,
    // gcloud and az keep their login in the home directory: a temporary one per build on a shared agent.
    ...(cloud === 'gcp' ? ['CLOUDSDK_CONFIG="$(mktemp -d)"', 'export CLOUDSDK_CONFIG', 'trap \'rm -rf "$CLOUDSDK_CONFIG" "${GCP_OIDC_DIR:-$CLOUDSDK_CONFIG}"\' EXIT'] : []),
    ...(cloud === 'azure' ? ['AZURE_CONFIG_DIR="$(mktemp -d)"', 'export AZURE_CONFIG_DIR', 'trap \'rm -rf "$AZURE_CONFIG_DIR"\' EXIT'] : []),
    ...cloudLogin(cloud, SESSION),
    'set -x',
  ];
  return [
    `${indent}withCredentials([string(credentialsId: ${q(CREDENTIALS.oidc(cloud))}, variable: ${q(ID_TOKEN_VARIABLE[cloud])})]) {`,
    sh(`${login.join('\n')}\n${body}`, `${indent}  `),
    `${indent}}`,
  ].join('\n');
}

function changesetWhen(pipeline: Pipeline, service: ServicePipeline): string[] {
  if (!pipeline.monorepo) return [];
  const patterns = [...service.paths, JENKINSFILE_PATH];
  // Tag builds have no changeset: release every service on a tag.
  return ['  when {', '    anyOf {', '      buildingTag()', ...patterns.map((p) => `      changeset ${q(p)}`), '    }', '  }'];
}

export function renderJenkinsfile(pipeline: Pipeline, options: JenkinsOptions, header: string): string {
  const stages: string[] = [];
  for (const service of pipeline.services) {
    const inner: string[] = [];
    if (service.verify) inner.push(...verifyStage(service, service.verify));
    inner.push(...imageStage(pipeline, service, options));
    for (const deploy of service.deploys) inner.push(...deployStage(pipeline, service, deploy, options));
    stages.push(`stage(${q(service.service)}) {`, ...changesetWhen(pipeline, service), '  stages {', indentBlock(inner.join('\n').split('\n'), '    '), '  }', '}');
  }
  const lines = [
    'pipeline {',
    '  agent any',
    '  options {',
    "    timeout(time: 90, unit: 'MINUTES')",
    '    disableConcurrentBuilds()',
    "    buildDiscarder(logRotator(numToKeepStr: '50'))",
    '  }',
    ...(options.registry ? [] : ['  // REGISTRY (registry.example.com/team) comes from the Jenkins global or folder environment.']),
    ...(pipeline.options.cloud === 'none'
      ? []
      : [`  // ${CLOUD_VARIABLES[pipeline.options.cloud].join(', ')} come from the Jenkins global or folder environment (identifiers, not secrets).`]),
    '  stages {',
    indentBlock(stages.join('\n').split('\n'), '    '),
    '  }',
    '}',
  ];
  return `${header}\n${lines.join('\n')}\n`;
}
