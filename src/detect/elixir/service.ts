/**
 * The parts of an Elixir ServicePlan every kind shares: runtime version, Mix as the package manager,
 * the release build and start, env reads from config and lib, backing services from Hex deps, and the
 * migration command.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, addFeature, addWarning, blankService } from '../../plan/service.js';
import { addBackingFromDependencies } from '../shared/backing.js';
import { recordEnvRead } from '../shared/env-vars.js';
import { sourceFiles } from '../shared/source-files.js';
import { matchAll } from '../shared/text.js';
import { DEFAULT_VERSIONS, toolVersion, versionToTag } from '../shared/versions.js';
import { elixirEnvReads } from './env.js';
import { hasDep, type ElixirProject } from './project.js';
import { applyChecks } from './checks.js';

export function elixirService(repo: RepoFs, project: ElixirProject, name: string, framework: string | null): ServicePlan {
  const { dir, mix, mixFile } = project;
  const service = blankService({ name, path: dir, language: 'elixir', runtime: { name: 'elixir', version: DEFAULT_VERSIONS.elixir, source: 'default' } });
  service.framework = framework;
  runtime(repo, project, service);

  const lockfile = joinPath(dir, 'mix.lock');
  const locked = repo.isFile(lockfile);
  service.packageManager = { name: 'mix', lockfile: locked ? lockfile : null, version: null };
  addEvidence(service, 'packageManager', locked ? lockfile : mixFile, locked ? 'mix.lock' : 'mix.exs without mix.lock');
  // --check-locked (Elixir 1.14+) fails the build when mix.lock is out of date instead of updating it.
  const checkLocked = locked && compareVersions(service.runtime.version, '1.14') >= 0;
  service.commands.install = `mix deps.get --only prod${checkLocked ? ' --check-locked' : ''}`;
  addEvidence(service, 'install', locked ? lockfile : mixFile, locked ? 'locked production dependencies' : 'no mix.lock');
  if (!locked) addWarning(service, 'No mix.lock: the image resolves dependency versions at build time. Commit mix.lock for reproducible builds.');

  // A release is the production artifact: self-contained, started with bin/<name> start.
  const release = mix.releases[0] ?? project.app ?? name.replace(/-/g, '_');
  addFeature(service, 'mix-release');
  service.build.artifact = release;
  service.build.target = mix.releases.length > 0 ? release : null;
  service.commands.build = 'mix release';
  addEvidence(service, 'build', mixFile, mix.releases.length > 0 ? `releases: [${release}: …]` : `release named after the app :${release}`);
  service.commands.start = `bin/${release} start`;
  applyChecks(repo, service, project);
  addEvidence(service, 'start', mixFile, `mix release ${release} → bin/${release} start`);

  // Umbrella deps live in each app's mix.exs: evidence points at the file that declares them.
  for (const file of new Set(project.deps.map((d) => d.file))) {
    const deps = project.deps.filter((d) => d.file === file);
    addBackingFromDependencies(service, 'hex', deps.map((d) => d.name), file, (n) => deps.find((d) => d.name === n)?.line);
  }
  envReads(repo, project, service);
  migrate(repo, project, service, release);
  return service;
}

/** .tool-versions / mise.toml `elixir` (exact), then mix.exs `elixir: "~> 1.15"` (→ 1.15), else the default. */
function runtime(repo: RepoFs, project: ElixirProject, service: ServicePlan): void {
  const tool = toolVersion(repo, project.dir, ['elixir']);
  const toolTag = tool ? versionToTag(tool.version) : null;
  if (tool && toolTag) {
    const erlang = toolVersion(repo, project.dir, ['erlang']);
    service.runtime = { name: 'elixir', version: toolTag, source: tool.file };
    addEvidence(service, 'runtime', tool.file, `elixir ${tool.version}${erlang ? ` (erlang ${erlang.version})` : ''}`, tool.line);
    return;
  }
  const constraint = project.mix.elixir;
  const tag = constraint ? versionToTag(constraint)?.split('.').slice(0, 2).join('.') : null;
  if (constraint && tag) {
    service.runtime = { name: 'elixir', version: tag, source: project.mixFile };
    addEvidence(service, 'runtime', project.mixFile, `elixir: "${constraint}"`, project.mix.elixirLine ?? undefined);
    return;
  }
  addWarning(service, `No Elixir version found (.tool-versions, mise.toml, mix.exs elixir:); using Elixir ${DEFAULT_VERSIONS.elixir} on Erlang/OTP ${DEFAULT_VERSIONS.erlang}.`);
}

/** Config evaluated in production (config.exs, prod.exs, runtime.exs) and the app sources. */
function envReads(repo: RepoFs, project: ElixirProject, service: ServicePlan): void {
  const configs = ['config/config.exs', 'config/prod.exs', 'config/runtime.exs'].map((f) => joinPath(project.dir, f));
  const files = [...configs, ...project.appDirs.flatMap((d) => sourceFiles(repo, d, { extensions: ['ex'] }))];
  for (const file of files) {
    const text = repo.readText(file);
    if (text === null || !text.includes('System.')) continue;
    for (const read of elixirEnvReads(text)) {
      // The release start script sets these itself.
      if (/^RELEASE_(NAME|NODE|ROOT|VSN|TMP|MODE|COMMAND|PROG|SYS_CONFIG|VM_ARGS|REMOTE_VM_ARGS|DISTRIBUTION|BOOT_SCRIPT|BOOT_SCRIPT_CLEAN)$/.test(read.name)) continue;
      recordEnvRead(service, { ...read, file });
    }
  }
}

/**
 * A release has no Mix, so migrations run through the release module Phoenix generates
 * (lib/<app>/release.ex with `def migrate`); without one, `mix ecto.migrate` from a build image.
 */
function migrate(repo: RepoFs, project: ElixirProject, service: ServicePlan, release: string): void {
  if (!hasDep(project, 'ecto_sql')) return;
  for (const appDir of project.appDirs) {
    for (const file of repo.glob(['lib/**/release.ex'], { cwd: appDir })) {
      const text = repo.readText(file);
      if (text === null) continue;
      const mod = matchAll(text, /defmodule\s+([\w.]+)\s+do/g)[0];
      const fn = matchAll(text, /\bdef\s+migrate\b/g)[0];
      if (!mod || !fn) continue;
      service.commands.migrate = `bin/${release} eval "${mod.match[1]}.migrate"`;
      addEvidence(service, 'migrate', file, fn.text, fn.line);
      return;
    }
  }
  service.commands.migrate = 'mix ecto.migrate';
  const dep = hasDep(project, 'ecto_sql');
  addEvidence(service, 'migrate', dep?.file ?? project.mixFile, 'ecto_sql without a release module: mix ecto.migrate', dep?.line);
}

function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
