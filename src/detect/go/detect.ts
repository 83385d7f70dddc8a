/**
 * Go detector. A directory with go.mod is a service when the module has a main package (root
 * main.go or cmd/<name>/), a library otherwise; a go.work directory is a workspace root whose
 * members are detected in their own directories. plan() returns one ServicePlan per binary.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { log } from '../../core/logger.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addBackingService, addEvidence, addFeature, addWarning, blankService } from '../../plan/service.js';
import { backingFromDependency, linkBackingEnvVars } from '../shared/backing.js';
import { applyRecipePort, serviceRecipe } from '../shared/container-recipe.js';
import { addEnvFromExampleFiles } from '../shared/env-vars.js';
import { applyHealthRoute } from '../shared/health.js';
import { isLoopback } from '../shared/procfile.js';
import { DEFAULT_VERSIONS, toolVersion } from '../shared/versions.js';
import type { Detection } from '../types.js';
import { cgoNeeds } from './cgo.js';
import { applyChecks } from './checks.js';
import { recordGoEnvReads } from './env.js';
import { frameworkOfImport, type GoFramework } from './frameworks/index.js';
import { compareGoTags, goVersionTag, type GoDirective } from './go-mod.js';
import { goHealthRoutes } from './health.js';
import { goMigrate } from './migrate.js';
import { goBuildContext, loadGoMod, loadGoWork, usedModuleDirs, type GoBuildContext, type GoModule } from './module.js';
import { findBinaries, importClosure, readModuleSource, type GoBinary, type GoFile, type GoModuleSource } from './packages.js';
import { findGoPort } from './port.js';

interface GoDetectionData {
  source: GoModuleSource;
}

export function detect(repo: RepoFs, dir: string): Detection | null {
  const mod = repo.isFile(joinPath(dir, 'go.mod')) ? loadGoMod(repo, dir) : null;
  if (mod) {
    const source = readModuleSource(repo, dir);
    const binaries = findBinaries(source, mod.module);
    if (binaries.length > 0) {
      const data: GoDetectionData = { source };
      return { role: 'service', reason: `go.mod module ${mod.module} with main package ${binaries.map((b) => b.target).join(', ')}`, data };
    }
  }
  if (repo.isFile(joinPath(dir, 'go.work'))) {
    const work = loadGoWork(repo, dir);
    if (work) {
      const members = usedModuleDirs(repo, { dir, work });
      return { role: 'workspace-root', reason: `go.work uses ${members.join(', ') || 'no module'}`, data: { tools: ['go-work'] } };
    }
  }
  if (mod) return { role: 'library', reason: `go.mod module ${mod.module} has no main package` };
  return null;
}

/** Binaries that are tools of the repo rather than processes to deploy (when there are several). */
const MIGRATE_BINARY = /^migrat(e|ions?|or)$/;
const TOOL_BINARY = /^(seed(er)?|gen|generate|codegen|mockgen|tools?|cli|admin-cli|bench|loadtest|docs?)$|(-cli|ctl)$/;

export function plan(repo: RepoFs, dir: string, detection: Detection): ServicePlan[] {
  const goMod = loadGoMod(repo, dir);
  if (!goMod) return [];
  const source = (detection.data as GoDetectionData | undefined)?.source ?? readModuleSource(repo, dir);
  const mod: GoModule = { dir, goModFile: joinPath(dir, 'go.mod'), goMod, source };
  const ctx = goBuildContext(repo, mod);
  const all = findBinaries(source, goMod.module);
  let deployable = all.length > 1 ? all.filter((b) => !MIGRATE_BINARY.test(b.name) && !TOOL_BINARY.test(b.name)) : all;
  if (deployable.length === 0) deployable = all;
  const migrateBinary = all.find((b) => MIGRATE_BINARY.test(b.name) && !deployable.includes(b))?.name ?? null;
  for (const b of all) if (!deployable.includes(b)) log.debug(`go: ${b.target} in ${dir || '.'} is a tool binary, not a service`);
  return deployable.map((bin) => planBinary(repo, mod, ctx, bin, { single: deployable.length === 1, migrateBinary }));
}

function planBinary(repo: RepoFs, mod: GoModule, ctx: GoBuildContext, bin: GoBinary, opts: { single: boolean; migrateBinary: string | null }): ServicePlan {
  const runtimeEvidence: Array<[string, string, number | undefined]> = [];
  const runtime = goRuntime(repo, mod, ctx, (f, n, l) => runtimeEvidence.push([f, n, l]));
  const service = blankService({ name: bin.name, path: mod.dir, language: 'go', runtime });
  for (const [f, n, l] of runtimeEvidence) addEvidence(service, 'runtime', f, n, l);
  if (service.runtime.source === 'default') addWarning(service, `No Go version in go.mod, go.work or .tool-versions; using the default ${DEFAULT_VERSIONS.go}.`);
  const closure = importClosure(bin.pkg, ctx.localModules, [...ctx.localModules.keys()]);
  const files = closure.flatMap((p) => p.files);

  // Framework and port.
  const frameworks = importedFrameworks(files);
  const port = findGoPort(files, frameworks.map((f) => f.framework));
  if (port.listening) {
    const top = frameworks[0];
    if (top) {
      service.framework = top.framework.id;
      addEvidence(service, 'framework', top.file, `imports ${top.path}`, top.line);
    }
    service.port.value = port.port;
    service.port.envVar = port.envVar;
    service.port.bindAddress = port.bindAddress;
    for (const e of port.evidence) addEvidence(service, 'port', e.file, e.note, e.line);
    applyRecipePort(service, serviceRecipe(repo, mod.dir, [bin.name, mod.dir.split('/').pop() ?? '']));
    if (isLoopback(port.bindAddress)) {
      addWarning(service, `${bin.name} binds ${port.bindAddress}, which is unreachable from outside its container; listen on 0.0.0.0 (or ":port").`);
    }
    applyHealthRoute(service, goHealthRoutes(repo, files));
  } else {
    service.kind = 'worker';
    addEvidence(service, 'start', bin.pkg.files[0]?.file ?? mod.goModFile, `${bin.target} never starts a listener (no ListenAndServe, Run, Start, Listen or net.Listen): a worker`);
  }

  recordGoEnvReads(service, files);
  addEnvFromExampleFiles(repo, mod.dir, service);
  addBacking(service, mod, files, opts.single);

  // cgo decides the build flags and the base images.
  const cgo = cgoNeeds(files, mod, opts.single);
  for (const need of cgo) addEvidence(service, 'build', need.file, need.note, need.line);
  if (cgo.length > 0) {
    addFeature(service, 'cgo');
    service.build.systemPackages.push('build-essential');
  }

  // Build layout.
  service.build.context = ctx.context;
  service.build.workspacePackages = ctx.workspacePackages;
  service.build.target = bin.target;
  service.build.artifact = bin.name;
  service.build.outputDir = 'bin';
  for (const e of ctx.evidence) addEvidence(service, 'build', e.file, e.note, e.line);
  if (ctx.workspace) addFeature(service, 'go-workspace');
  const goSum = joinPath(mod.dir, 'go.sum');
  service.packageManager = { name: 'go', lockfile: repo.isFile(goSum) ? joinPath(ctx.moduleFromContext, 'go.sum') : null, version: null };
  if (!repo.isFile(goSum) && mod.goMod.requires.length > 0) addWarning(service, `${goSum} is missing: dependency checksums are not pinned.`);

  const cd = ctx.moduleFromContext === '' ? '' : `cd ${ctx.moduleFromContext} && `;
  const env = cgo.length > 0 ? 'CGO_ENABLED=1' : 'CGO_ENABLED=0';
  const goBuild = (name: string, target: string): string => `${env} go build -trimpath -ldflags="-s -w" -o bin/${name} ${target}`;
  service.commands.install = `${cd}go mod download`;
  service.commands.build = `${cd}${goBuild(bin.name, bin.target)}`;
  if (opts.migrateBinary) service.commands.build += ` && ${goBuild(opts.migrateBinary, `./cmd/${opts.migrateBinary}`)}`;
  service.commands.start = `./bin/${bin.name}`;
  applyChecks(repo, service, mod.dir, mod.goModFile, cd);
  addEvidence(service, 'build', mod.goModFile, `module ${mod.goMod.module}, main package ${bin.target}`, mod.goMod.moduleLine);
  addEvidence(service, 'start', bin.pkg.files.find((f) => /(^|\/)main\.go$/.test(f.file))?.file ?? bin.pkg.files[0]?.file ?? mod.goModFile, `package main in ${bin.target} builds the ${bin.name} binary`);

  const sql = service.backingServices.find((b) => ['postgres', 'mysql', 'mariadb', 'sqlserver', 'sqlite'].includes(b.kind)) ?? null;
  const migrate = goMigrate(repo, mod, files, opts.migrateBinary, { kind: sql?.kind ?? null, envVar: sql?.envVar ?? null });
  if (migrate) {
    service.commands.migrate = migrate.command;
    addEvidence(service, 'migrate', migrate.evidence.file, migrate.evidence.note, migrate.evidence.line);
  }
  return service;
}

interface ImportedFramework {
  framework: GoFramework;
  path: string;
  file: string;
  line: number;
}

/** Frameworks the binary imports, highest rank first, each with the first import that shows it. */
function importedFrameworks(files: readonly GoFile[]): ImportedFramework[] {
  const found = new Map<string, ImportedFramework>();
  for (const f of files) {
    for (const imp of f.imports) {
      const fw = frameworkOfImport(imp.path);
      if (fw && !found.has(fw.id)) found.set(fw.id, { framework: fw, path: imp.path, file: f.file, line: imp.line });
    }
  }
  return [...found.values()].sort((a, b) => b.framework.rank - a.framework.rank);
}

/**
 * Backing services from what the binary imports (so cmd/worker does not inherit cmd/api's
 * database); a module with a single binary also counts its direct go.mod requirements.
 */
function addBacking(service: ServicePlan, mod: GoModule, files: readonly GoFile[], single: boolean): void {
  for (const f of files) {
    for (const imp of f.imports) {
      const kind = backingFromDependency('go', imp.path);
      if (!kind) continue;
      addBackingService(service, kind, null);
      addEvidence(service, `backing:${kind}`, f.file, `imports ${imp.path}`, imp.line);
    }
  }
  if (single) {
    for (const req of mod.goMod.requires) {
      const kind = req.indirect ? null : backingFromDependency('go', req.path);
      if (!kind) continue;
      addBackingService(service, kind, null);
      addEvidence(service, `backing:${kind}`, mod.goModFile, `requires ${req.path}`, req.line);
    }
  }
  linkBackingEnvVars(service);
}

/** go.work (for members) then go.mod: the newer of `toolchain` and `go`; then .tool-versions. */
function goRuntime(repo: RepoFs, mod: GoModule, ctx: GoBuildContext, evidence: (file: string, note: string, line?: number) => void): ServicePlan['runtime'] {
  const sources: Array<{ file: string; directives: Array<GoDirective | null> }> = [];
  if (ctx.workspace) sources.push({ file: ctx.workspace.file, directives: [ctx.workspace.work.toolchain, ctx.workspace.work.go] });
  sources.push({ file: mod.goModFile, directives: [mod.goMod.toolchain, mod.goMod.go] });
  for (const { file, directives } of sources) {
    let best: { tag: string; d: GoDirective } | null = null;
    for (const d of directives) {
      const tag = d ? goVersionTag(d.value) : null;
      if (d && tag && (!best || compareGoTags(tag, best.tag) > 0)) best = { tag, d };
    }
    if (best) {
      evidence(file, `${best.d.value.startsWith('go') ? 'toolchain' : 'go'} ${best.d.value}`, best.d.line);
      return { name: 'go', version: best.tag, source: file };
    }
  }
  const tool = toolVersion(repo, mod.dir, ['golang', 'go']);
  const tag = tool ? goVersionTag(tool.version) : null;
  if (tool && tag) {
    evidence(tool.file, `go ${tool.version}`, tool.line);
    return { name: 'go', version: tag, source: tool.file };
  }
  return { name: 'go', version: DEFAULT_VERSIONS.go, source: 'default' };
}
