/**
 * The provider-neutral pipeline model. Every CI renderer (GitHub Actions, GitLab CI, …) reads this
 * and nothing else from the plan, so the stages, commands, cache keys, path filters, image names and
 * hooks agree across providers. The model only states facts the plan shows: no test step is invented
 * when the plan has no test command, no toolchain is guessed for a language we cannot set up.
 */
import { joinPath } from '../../core/repo/repo-fs.js';
import type { Evidence, ProjectPlan, ServicePlan } from '../../plan/schema.js';
import { dockerfilePathFor } from '../dockerfile/paths.js';
import { imageName } from './images.js';
import { toolchainFor, type Toolchain } from './toolchains.js';

export type CloudOidc = 'aws' | 'gcp' | 'azure' | 'none';
export type EnvironmentName = 'staging' | 'production';

export interface PipelineOptions {
  defaultBranch: string;
  /** Prefix of the git tags that release to production (`v` → v1.2.3). */
  tagPrefix: string;
  cloud: CloudOidc;
  deployHook: string;
  rollbackHook: string;
}

/** A shell command run in a directory (repo-relative, '' is the root). */
export interface Command {
  name: string;
  run: string;
  workingDirectory: string;
}

/** Install, lint/test and build on the runner, with a dependency cache keyed on the lockfile. */
export interface VerifyStage {
  toolchain: Toolchain;
  runtimeVersion: string;
  /**
   * Repo-relative files whose hash keys the cache: the lockfile, or the manifests when the plan has
   * none (pom.xml, *.csproj, Cargo.toml…); at most two (GitLab's cache:key:files limit).
   */
  lockfiles: string[];
  /** Cache directories inside the workspace, and the env vars that point the tool at them (`{root}` = the checkout dir, see toolchains.ts envValue). */
  cachePaths: string[];
  cacheEnv: Record<string, string>;
  commands: Command[];
}

export interface ImageStage {
  /** `<plan>-<service>`: the repository name under the registry. */
  name: string;
  dockerfile: string;
  context: string;
}

export interface DeployStage {
  environment: EnvironmentName;
  /** When it runs: `branch` = pushes to the default branch, `tag` = release tags. */
  trigger: 'branch' | 'tag';
  /** Route the smoke test requests, or null when the service has none to probe. */
  smokePath: string | null;
}

export interface ServicePipeline {
  service: string;
  kind: ServicePlan['kind'];
  /** Repo-relative paths whose changes trigger this service's pipeline (monorepo path filters). */
  paths: string[];
  verify: VerifyStage | null;
  image: ImageStage;
  deploys: DeployStage[];
  /** Why a stage is missing or shaped the way it is, for `generate --explain`. */
  notes: string[];
  evidence: Evidence[];
}

export interface Pipeline {
  project: string;
  monorepo: boolean;
  options: PipelineOptions;
  services: ServicePipeline[];
}

/**
 * Repo-relative lockfiles of the service. Lockfiles live where the install runs (build.context). Go
 * plans carry no lockfile: go.sum and go.mod together pin the module graph.
 */
export function lockfilePaths(service: ServicePlan): string[] {
  const lockfile = service.packageManager?.lockfile;
  if (lockfile) return [joinPath(service.build.context, lockfile)];
  if (service.language === 'go') return [joinPath(service.build.context, 'go.sum'), joinPath(service.build.context, 'go.mod')];
  return [];
}

function pathFilters(service: ServicePlan, all: readonly ServicePlan[]): string[] {
  const dirs = [service.path, ...service.build.workspacePackages];
  const paths = dirs.map((dir) => (dir === '' ? '**' : `${dir}/**`));
  paths.push(...lockfilePaths(service));
  paths.push(dockerfilePathFor(service, all));
  return [...new Set(paths)];
}

function verifyStage(service: ServicePlan, notes: string[]): VerifyStage | null {
  const toolchain = toolchainFor(service);
  if (!toolchain) {
    const checks = [service.commands.lint, service.commands.test].filter((c): c is string => c !== null);
    const skipped = checks.length > 0 ? ` (the repo's ${checks.map((c) => `\`${c}\``).join(' and ')} is not run in CI)` : '';
    notes.push(`no install/test job for ${service.language}${service.packageManager ? ` (${service.packageManager.name})` : ''}: devsquad has no runner toolchain for it; the image build still installs and builds${skipped}`);
    return null;
  }
  const checksOnly = !toolchain.buildOnRunner;
  if (checksOnly && !service.commands.lint && !service.commands.test) {
    notes.push('no install/test job: the plan records no lint or test command (devsquad does not invent one), and the image build installs and compiles');
    return null;
  }
  // Node needs its lockfile (npm ci fails without one); the other toolchains key the cache on their manifests when there is none.
  const lockfiles = lockfilePaths(service);
  const keyFiles = lockfiles.length > 0 ? lockfiles : toolchain.manifests.slice(0, 2);
  if (keyFiles.length === 0) {
    notes.push('no install/test job: without a lockfile there is nothing stable to key a cache on, and the install would not be reproducible');
    return null;
  }
  if (lockfiles.length === 0) notes.push(`dependency cache keyed on ${keyFiles.join(' and ')}: the plan has no lockfile, so installs resolve versions afresh (commit one to pin them)`);
  const commands: Command[] = [];
  const dir = service.build.context;
  const install = toolchain.install ?? service.commands.install;
  if (install) commands.push({ name: toolchain.install ? 'Install dependencies (with dev dependencies)' : 'Install dependencies', run: install, workingDirectory: dir });
  // Lint first (fast, fails early), then test, then build: the order a developer runs them in.
  if (service.commands.lint) commands.push({ name: 'Lint', run: service.commands.lint, workingDirectory: dir });
  if (service.commands.test) commands.push({ name: 'Test', run: service.commands.test, workingDirectory: dir });
  if (service.commands.build && toolchain.buildOnRunner) commands.push({ name: 'Build', run: service.commands.build, workingDirectory: dir });
  const missing = [service.commands.lint ? null : 'lint', service.commands.test ? null : 'test'].filter((m): m is string => m !== null);
  if (missing.length > 0) notes.push(`no ${missing.join('/')} step: the plan records no ${missing.join(' or ')} command, and devsquad does not invent one`);
  if (checksOnly && service.commands.build) notes.push('the build command runs in the image build only (its output paths are the image\'s)');
  if (commands.length === 0) return null;
  return {
    toolchain,
    runtimeVersion: service.runtime.version,
    lockfiles: keyFiles,
    cachePaths: toolchain.cache.paths,
    cacheEnv: toolchain.cache.env,
    commands,
  };
}

function deployStages(service: ServicePlan, notes: string[]): DeployStage[] {
  let smokePath: string | null = null;
  if (service.kind === 'static') smokePath = service.health.path ?? '/';
  else if (service.kind === 'server') smokePath = service.health.path;
  if (smokePath === null) notes.push(service.kind === 'worker' ? 'no smoke test: a worker serves no HTTP route' : 'no smoke test: the plan has no health route to probe');
  return [
    { environment: 'staging', trigger: 'branch', smokePath },
    { environment: 'production', trigger: 'tag', smokePath },
  ];
}

export function buildPipeline(plan: ProjectPlan, services: readonly ServicePlan[], options: PipelineOptions): Pipeline {
  const out: ServicePipeline[] = [];
  for (const service of services) {
    const notes: string[] = [];
    const evidence = service.evidence.filter((e) => ['install', 'build', 'test', 'lint', 'health', 'packageManager'].includes(e.fact));
    out.push({
      service: service.name,
      kind: service.kind,
      paths: pathFilters(service, plan.services),
      verify: verifyStage(service, notes),
      image: { name: imageName(plan, service), dockerfile: dockerfilePathFor(service, plan.services), context: service.build.context },
      deploys: deployStages(service, notes),
      notes,
      evidence,
    });
  }
  return { project: plan.name, monorepo: plan.services.length > 1, options, services: out };
}
