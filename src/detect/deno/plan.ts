/**
 * The ServicePlan of a Deno server: runtime version, deno.lock, the start command resolved from the
 * tasks (or built from the entry file), port and bind address from the source, env reads, health
 * routes, and the Fresh build.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, addWarning, blankService } from '../../plan/service.js';
import { linkBackingEnvVars } from '../shared/backing.js';
import { recordEnvRead } from '../shared/env-vars.js';
import { applyHealthRoute, findHealthRoutes } from '../shared/health.js';
import { isLoopback } from '../shared/procfile.js';
import { sourceFiles } from '../shared/source-files.js';
import { lineOf } from '../shared/text.js';
import { DEFAULT_VERSIONS, toolVersion, versionFile, versionToTag } from '../shared/versions.js';
import type { DenoDetection } from './detect.js';
import { denoFramework, freshHealthRoutes } from './frameworks/web.js';
import { DENO_DEFAULT_PORT, SOURCE_EXTENSIONS, denoEnvReads, findListen } from './source.js';
import { parseDenoCommand } from './tasks.js';

export function planDeno(repo: RepoFs, dir: string, name: string, detection: DenoDetection): ServicePlan {
  const { config, task } = detection;
  const service = blankService({ name, path: dir, language: 'deno', runtime: { name: 'deno', version: DEFAULT_VERSIONS.deno, source: 'default' } });
  runtime(repo, dir, service);
  const entryFile = detection.entry && !/^(https?|jsr|npm):/.test(detection.entry) ? detection.entry.replace(/^\.\//, '') : null;
  const sources = [...new Set([...(entryFile ? [joinPath(dir, entryFile)] : []), ...sourceFiles(repo, dir, { extensions: SOURCE_EXTENSIONS })])];
  const framework = denoFramework(repo, dir, config, sources);
  service.framework = framework?.id ?? null;
  if (framework) addEvidence(service, 'framework', framework.file, framework.note);

  // Start: the resolved task's own command, so deno (not the task runner) is PID 1.
  if (task) {
    service.commands.start = task.command;
    addEvidence(service, 'start', config.file, `"${task.task}": resolved to ${task.command}`, lineOf(config.text, `"${task.task}"`));
  } else if (entryFile) {
    service.commands.start = `deno run ${permissions(repo, sources, framework?.id === 'fresh', Object.values(config.imports))} ${entryFile}`;
    addEvidence(service, 'start', joinPath(dir, entryFile), 'no start task: run the server entry with the permissions its code uses');
  }
  service.build.target = entryFile ?? detection.entry;
  if (service.build.target) addEvidence(service, 'build', config.file, `entry ${service.build.target}`);

  install(repo, dir, service, entryFile);
  if (config.tasks.build !== undefined) {
    service.commands.build = 'deno task build';
    addEvidence(service, 'build', config.file, `"build": "${config.tasks.build}"`, lineOf(config.text, '"build"'));
    if (framework?.id === 'fresh') service.build.outputDir = '_fresh';
  }

  port(repo, dir, config.file, service, sources, framework?.id === 'fresh');
  for (const file of sources) {
    const text = repo.readText(file);
    if (text === null || !text.includes('Deno.env')) continue;
    for (const read of denoEnvReads(text)) recordEnvRead(service, { ...read, file });
  }
  if (!applyHealthRoute(service, findHealthRoutes(repo, sources)) && framework?.id === 'fresh') applyHealthRoute(service, freshHealthRoutes(repo, dir));
  linkBackingEnvVars(service);
  if (!service.commands.start) addWarning(service, 'No start task or server entry found; set commands.start in the plan.');
  return service;
}

/** .dvmrc, then .tool-versions / mise.toml `deno`; otherwise Deno 2 with a warning. */
function runtime(repo: RepoFs, dir: string, service: ServicePlan): void {
  const hint = versionFile(repo, dir, ['.dvmrc']) ?? toolVersion(repo, dir, ['deno']);
  const tag = hint ? versionToTag(hint.version) : null;
  if (hint && tag) {
    service.runtime = { name: 'deno', version: tag, source: hint.file };
    addEvidence(service, 'runtime', hint.file, `deno ${hint.version}`, hint.line);
    return;
  }
  addWarning(service, `No Deno version found (.dvmrc, .tool-versions, mise.toml); using Deno ${DEFAULT_VERSIONS.deno}.`);
}

/**
 * Deno 2: `deno install --entrypoint <entry>` caches the entry's whole module graph (URL, jsr: and
 * npm: imports alike); Deno 1.x has `deno cache <entry>`. `--frozen` fails when deno.lock is stale.
 */
function install(repo: RepoFs, dir: string, service: ServicePlan, entry: string | null): void {
  const lockfile = joinPath(dir, 'deno.lock');
  const locked = repo.isFile(lockfile);
  service.packageManager = { name: 'deno', lockfile: locked ? lockfile : null, version: null };
  const major = Number.parseInt(service.runtime.version, 10);
  const frozen = locked ? ' --frozen' : '';
  if (major >= 2) service.commands.install = entry ? `deno install${frozen} --entrypoint ${entry}` : `deno install${frozen}`;
  else if (entry) service.commands.install = `deno cache${frozen} ${entry}`;
  if (service.commands.install) addEvidence(service, 'install', locked ? lockfile : joinPath(dir, 'deno.json'), locked ? 'deno.lock: frozen install' : 'no deno.lock');
  if (!locked) addWarning(service, 'No deno.lock: dependency versions are resolved at build time. Commit deno.lock for reproducible builds.');
}

function port(repo: RepoFs, dir: string, configFile: string, service: ServicePlan, sources: readonly string[], fresh: boolean): void {
  const command = service.commands.start ? parseDenoCommand(service.commands.start) : null;
  if (command?.subcommand === 'serve') {
    service.port = { value: command.port ?? DENO_DEFAULT_PORT, envVar: null, bindAddress: null };
    addEvidence(service, 'port', configFile, command.port ? `deno serve --port ${command.port}` : `deno serve listens on ${DENO_DEFAULT_PORT} by default`);
    return;
  }
  for (const file of sources) {
    const text = repo.readText(file);
    if (text === null) continue;
    const found = findListen(text);
    if (!found) continue;
    service.port = { value: found.port, envVar: found.envVar, bindAddress: found.bindAddress };
    addEvidence(service, 'port', file, found.text, found.line);
    if (isLoopback(found.bindAddress)) addWarning(service, `The server binds ${found.bindAddress}, which is unreachable from outside the container; use hostname: "0.0.0.0".`);
    return;
  }
  if (fresh) {
    const config = ['fresh.config.ts', 'main.ts'].map((f) => joinPath(dir, f)).find((f) => /\bport\s*:\s*\d/.test(repo.readText(f) ?? ''));
    const value = config ? Number(/\bport\s*:\s*(\d{2,5})/.exec(repo.readText(config) ?? '')?.[1]) : DENO_DEFAULT_PORT;
    service.port = { value, envVar: null, bindAddress: null };
    addEvidence(service, 'port', config ?? joinPath(dir, 'fresh.gen.ts'), config ? `port: ${value}` : `Fresh listens on ${DENO_DEFAULT_PORT} by default`);
  }
}

/** Least privilege for a generated `deno run`: network always, env/read/write when the code uses them. */
function permissions(repo: RepoFs, sources: readonly string[], fresh: boolean, imports: readonly string[]): string {
  if (fresh) return '-A';
  const text = sources.map((f) => repo.readText(f) ?? '').join('\n');
  const flags = ['--allow-net'];
  const npm = imports.some((i) => i.startsWith('npm:')) || /["']npm:/.test(text);
  if (npm || /\bDeno\.env\b/.test(text)) flags.push('--allow-env');
  if (npm || /\bDeno\.(readTextFile|readFile|open|readDir|stat|cwd)\b|\bserve(Dir|File)\s*\(/.test(text)) flags.push('--allow-read');
  if (/\bDeno\.(writeTextFile|writeFile|mkdir|remove|create)\b/.test(text)) flags.push('--allow-write');
  if (npm) flags.push('--allow-sys');
  return flags.join(' ');
}
