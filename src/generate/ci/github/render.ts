/**
 * GitHub Actions renderer: one workflow per service (`.github/workflows/<service>-pipeline.yml`).
 * GitHub path filters work per workflow, not per job, so a workflow per service is what lets a
 * monorepo build only the services a change touches, with its own concurrency group and its own
 * rollback; a matrix over services would rebuild all of them on every change.
 */
import { stringify } from 'yaml';
import type { DeployStage, Pipeline, ServicePipeline, VerifyStage } from '../model.js';
import { ACTIONS, usesRef, type PinnedAction } from './actions.js';
import { deployScript, rollbackScript, smokeScript, urlVariable } from '../hooks.js';
import { otpFor } from '../languages.js';
import { envValue } from '../toolchains.js';

type Json = Record<string, unknown>;

export interface GithubOptions {
  /** Registry prefix images are pushed under; null = GHCR under the repository owner. */
  registry: string | null;
}

const RUNNER = 'ubuntu-latest';

export function workflowPath(service: ServicePipeline): string {
  return `.github/workflows/${service.service}-pipeline.yml`;
}

function uses(action: PinnedAction, name: string, extra: Json = {}): Json {
  return { name, uses: usesRef(action), ...extra };
}

function checkout(): Json {
  // No job here pushes to git, so the token is not left in .git/config for later steps to read.
  return uses(ACTIONS.checkout, 'Check out', { with: { 'persist-credentials': false } });
}

function workingDirectory(dir: string): Json {
  return dir === '' ? {} : { 'working-directory': dir };
}

/** The setup action of the verify job's runtime (Rust uses the runner's rustup: see the toolchain's setup commands). */
function setupStep(verify: VerifyStage): Json | null {
  const v = verify.runtimeVersion;
  switch (verify.toolchain.runtime) {
    case 'node':
      return uses(ACTIONS.setupNode, 'Set up Node.js', { with: { 'node-version': v } });
    case 'bun':
      // The action caches only the bun binary; the dependency cache below is the one every provider shares.
      return uses(ACTIONS.setupBun, 'Set up Bun', { with: { 'bun-version': v } });
    case 'go':
      return uses(ACTIONS.setupGo, 'Set up Go', { with: { 'go-version': v, cache: false } });
    case 'python':
      return uses(ACTIONS.setupPython, 'Set up Python', { with: { 'python-version': v } });
    case 'java':
      return uses(ACTIONS.setupJava, 'Set up Java', { with: { distribution: 'temurin', 'java-version': v } });
    case 'ruby':
      // The dependency cache below is the same on every provider, so not the action's bundler-cache.
      return uses(ACTIONS.setupRuby, 'Set up Ruby', { with: { 'ruby-version': v, 'bundler-cache': false } });
    case 'php':
      return uses(ACTIONS.setupPhp, 'Set up PHP', { with: { 'php-version': v, tools: 'composer:v2', coverage: 'none' } });
    case 'dotnet':
      return uses(ACTIONS.setupDotnet, 'Set up .NET', { with: { 'dotnet-version': /^\d+\.\d+$/.test(v) ? `${v}.x` : v } });
    case 'elixir':
      return uses(ACTIONS.setupBeam, 'Set up Elixir', { with: { 'elixir-version': v, 'otp-version': otpFor(v) } });
    case 'deno':
      return uses(ACTIONS.setupDeno, 'Set up Deno', { with: { 'deno-version': v } });
    case 'rust':
      return null;
  }
}

function verifyJob(service: ServicePipeline, verify: VerifyStage): Json {
  const env: Json = {};
  for (const [name, value] of Object.entries(verify.cacheEnv)) env[name] = envValue(value, '${{ github.workspace }}');
  const setup = setupStep(verify);
  const cacheKey = `${service.service}-${verify.toolchain.runtime}`;
  const hashes = verify.lockfiles.map((f) => `'${f}'`).join(', ');
  const steps: Json[] = [checkout(), ...(setup ? [setup] : [])];
  if (verify.toolchain.corepack) steps.push({ name: 'Enable Corepack', run: 'corepack enable' });
  for (const command of verify.toolchain.setup) steps.push({ name: 'Set up the toolchain', run: command });
  steps.push(
    uses(ACTIONS.cache, 'Cache dependencies', {
      with: {
        path: verify.cachePaths.join('\n'),
        key: `\${{ runner.os }}-${cacheKey}-\${{ hashFiles(${hashes}) }}`,
        'restore-keys': `\${{ runner.os }}-${cacheKey}-`,
      },
    }),
  );
  for (const command of verify.commands) steps.push({ name: command.name, ...workingDirectory(command.workingDirectory), run: command.run });
  return { name: verify.toolchain.buildOnRunner ? 'Install and build' : 'Install, lint and test', 'runs-on': RUNNER, 'timeout-minutes': 20, permissions: { contents: 'read' }, env, steps };
}

function imageJob(service: ServicePipeline, options: GithubOptions, hasVerify: boolean): Json {
  const registry = options.registry ?? 'ghcr.io/${{ github.repository_owner }}';
  const host = options.registry ? options.registry.split('/')[0]! : 'ghcr.io';
  const local = `local/${service.image.name}:scan`;
  const context = service.image.context === '' ? '.' : service.image.context;
  const cache = { 'cache-from': `type=gha,scope=${service.service}`, 'cache-to': `type=gha,mode=max,scope=${service.service}` };
  const onPush = "github.event_name == 'push'";
  const login = options.registry
    ? { registry: host, username: '${{ secrets.REGISTRY_USERNAME }}', password: '${{ secrets.REGISTRY_PASSWORD }}' }
    : { registry: host, username: '${{ github.actor }}', password: '${{ secrets.GITHUB_TOKEN }}' };
  const permissions: Json = { contents: 'read', 'security-events': 'write' };
  if (!options.registry) permissions.packages = 'write';
  return {
    name: 'Build, scan and push the image',
    ...(hasVerify ? { needs: ['verify'] } : {}),
    'runs-on': RUNNER,
    'timeout-minutes': 30,
    permissions,
    outputs: { image: '${{ steps.names.outputs.image }}', digest: '${{ steps.push.outputs.digest }}' },
    steps: [
      checkout(),
      // Registry paths must be lowercase, and owners often are not: lowercase once, reuse everywhere.
      { name: 'Image name', id: 'names', env: { IMAGE: `${registry}/${service.image.name}` }, run: 'echo "image=${IMAGE,,}" >> "$GITHUB_OUTPUT"' },
      uses(ACTIONS.setupBuildx, 'Set up Docker Buildx'),
      uses(ACTIONS.metadata, 'Image tags and labels', {
        id: 'meta',
        with: {
          images: '${{ steps.names.outputs.image }}',
          tags: ['type=ref,event=branch', 'type=ref,event=pr', 'type=semver,pattern={{version}}', 'type=sha'].join('\n'),
        },
      }),
      uses(ACTIONS.buildPush, 'Build the image for scanning', {
        with: { context, file: service.image.dockerfile, load: true, push: false, tags: local, ...cache },
      }),
      uses(ACTIONS.trivy, 'Scan the image (SARIF report)', {
        with: { 'scan-type': 'image', 'image-ref': local, format: 'sarif', output: 'trivy-results.sarif', 'ignore-unfixed': true, 'exit-code': '0' },
      }),
      uses(ACTIONS.uploadSarif, 'Upload the scan to code scanning', {
        if: '${{ !cancelled() }}',
        with: { sarif_file: 'trivy-results.sarif', category: `image-${service.service}` },
      }),
      uses(ACTIONS.trivy, 'Fail on fixable critical or high vulnerabilities', {
        with: { 'scan-type': 'image', 'image-ref': local, format: 'table', severity: 'CRITICAL,HIGH', 'ignore-unfixed': true, 'exit-code': '1' },
      }),
      uses(ACTIONS.login, 'Log in to the registry', { if: onPush, with: login }),
      uses(ACTIONS.buildPush, 'Push the image', {
        id: 'push',
        if: onPush,
        with: { context, file: service.image.dockerfile, push: true, tags: '${{ steps.meta.outputs.tags }}', labels: '${{ steps.meta.outputs.labels }}', 'cache-from': cache['cache-from'] },
      }),
    ],
  };
}

function cloudAuth(pipeline: Pipeline): Json[] {
  switch (pipeline.options.cloud) {
    case 'aws':
      return [uses(ACTIONS.awsCredentials, 'Authenticate to AWS (OIDC)', { with: { 'role-to-assume': '${{ vars.AWS_ROLE_ARN }}', 'aws-region': '${{ vars.AWS_REGION }}' } })];
    case 'gcp':
      return [uses(ACTIONS.gcpAuth, 'Authenticate to Google Cloud (OIDC)', { with: { workload_identity_provider: '${{ vars.GCP_WORKLOAD_IDENTITY_PROVIDER }}', service_account: '${{ vars.GCP_SERVICE_ACCOUNT }}' } })];
    case 'azure':
      return [uses(ACTIONS.azureLogin, 'Authenticate to Azure (OIDC)', { with: { 'client-id': '${{ vars.AZURE_CLIENT_ID }}', 'tenant-id': '${{ vars.AZURE_TENANT_ID }}', 'subscription-id': '${{ vars.AZURE_SUBSCRIPTION_ID }}' } })];
    case 'none':
      return [];
  }
}

function permissionsFor(pipeline: Pipeline): Json {
  return pipeline.options.cloud === 'none' ? { contents: 'read' } : { contents: 'read', 'id-token': 'write' };
}

function condition(pipeline: Pipeline, deploy: DeployStage): string {
  return deploy.trigger === 'branch'
    ? `github.event_name == 'push' && github.ref == 'refs/heads/${pipeline.options.defaultBranch}'`
    : `github.event_name == 'push' && startsWith(github.ref, 'refs/tags/${pipeline.options.tagPrefix}')`;
}

function deployJob(pipeline: Pipeline, service: ServicePipeline, deploy: DeployStage): Json {
  const steps: Json[] = [checkout(), ...cloudAuth(pipeline)];
  steps.push({
    name: `Deploy to ${deploy.environment}`,
    env: {
      DEPLOY_HOOK: pipeline.options.deployHook,
      ENVIRONMENT: deploy.environment,
      SERVICE: service.service,
      IMAGE: '${{ needs.image.outputs.image }}@${{ needs.image.outputs.digest }}',
    },
    run: deployScript('::error::'),
  });
  if (deploy.smokePath !== null) {
    const variable = urlVariable(service.service);
    steps.push({
      name: 'Smoke test',
      env: { BASE_URL: `\${{ vars.${variable} }}`, URL_VARIABLE: variable, ENVIRONMENT: deploy.environment, HEALTH_PATH: deploy.smokePath },
      run: smokeScript('::error::'),
    });
  }
  return {
    name: `Deploy to ${deploy.environment}`,
    needs: ['image'],
    if: condition(pipeline, deploy),
    'runs-on': RUNNER,
    'timeout-minutes': 20,
    // Production waits for the reviewers set on the `production` environment (Settings → Environments).
    environment: deploy.environment,
    // One deployment per environment at a time; never cancel one half-way.
    concurrency: { group: `deploy-${service.service}-${deploy.environment}`, 'cancel-in-progress': false },
    permissions: permissionsFor(pipeline),
    steps,
  };
}

function rollbackJob(pipeline: Pipeline, service: ServicePipeline, deploy: DeployStage): Json {
  const deployId = `deploy-${deploy.environment}`;
  return {
    name: `Roll back ${deploy.environment}`,
    needs: [deployId],
    // Only when the deploy or its smoke test failed, not when an earlier job stopped the run.
    if: `failure() && needs.${deployId}.result == 'failure'`,
    'runs-on': RUNNER,
    'timeout-minutes': 15,
    environment: deploy.environment,
    concurrency: { group: `deploy-${service.service}-${deploy.environment}`, 'cancel-in-progress': false },
    permissions: permissionsFor(pipeline),
    steps: [
      checkout(),
      ...cloudAuth(pipeline),
      { name: 'Roll back', env: { ROLLBACK_HOOK: pipeline.options.rollbackHook, ENVIRONMENT: deploy.environment, SERVICE: service.service }, run: rollbackScript('::error::') },
    ],
  };
}

/** Adds the `# vX.Y.Z` comment after every pinned `uses:` (YAML libraries cannot place it inline). */
function commentVersions(text: string): string {
  const versions = new Map(Object.values(ACTIONS).map((a) => [usesRef(a), a.version] as const));
  return text.replace(/^(\s*(?:- )?uses: )(\S+)$/gm, (line, prefix: string, ref: string) => {
    const version = versions.get(ref);
    return version ? `${prefix}${ref} # ${version}` : line;
  });
}

export function renderWorkflow(pipeline: Pipeline, service: ServicePipeline, options: GithubOptions, header: string): string {
  const branches = [pipeline.options.defaultBranch];
  const paths = pipeline.monorepo ? { paths: [...service.paths, workflowPath(service)] } : {};
  const jobs: Json = {};
  if (service.verify) jobs.verify = verifyJob(service, service.verify);
  jobs.image = imageJob(service, options, service.verify !== null);
  for (const deploy of service.deploys) jobs[`deploy-${deploy.environment}`] = deployJob(pipeline, service, deploy);
  for (const deploy of service.deploys) jobs[`rollback-${deploy.environment}`] = rollbackJob(pipeline, service, deploy);
  const workflow = {
    name: `${service.service} pipeline`,
    on: {
      push: { branches, tags: [`${pipeline.options.tagPrefix}*`], ...paths },
      pull_request: { branches, ...paths },
    },
    permissions: { contents: 'read' },
    // A new push to a pull request supersedes the running check; pushes to main and tags queue instead.
    concurrency: { group: '${{ github.workflow }}-${{ github.ref }}', 'cancel-in-progress': "${{ github.event_name == 'pull_request' }}" },
    jobs,
  };
  return `${header}\n${commentVersions(stringify(workflow, { lineWidth: 0, aliasDuplicateObjects: false }))}`;
}
