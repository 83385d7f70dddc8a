/**
 * Rust detector. A Cargo package with a binary target is a service (one ServicePlan per binary
 * that is not a repo tool), a library-only crate is a library, and a virtual manifest (or a
 * [workspace] root whose own package has no binary) is a workspace root whose members are
 * detected in their own directories.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { log } from '../../core/logger.js';
import type { BackingServiceKind, ServicePlan } from '../../plan/schema.js';
import { addBackingService, addEnv, addEvidence, addFeature, addWarning, blankService } from '../../plan/service.js';
import { addBackingFromDependencies, linkBackingEnvVars } from '../shared/backing.js';
import { applyRecipePort, serviceRecipe } from '../shared/container-recipe.js';
import { addEnvFromExampleFiles } from '../shared/env-vars.js';
import { applyHealthRoute, findHealthRoutes, HEALTH_PATHS } from '../shared/health.js';
import { isLoopback } from '../shared/procfile.js';
import { matchAll } from '../shared/text.js';
import type { Detection } from '../types.js';
import { readCargo, resolveWorkspaceDep, type CargoBin, type CargoDep, type CargoManifest } from './cargo.js';
import { applyChecks } from './checks.js';
import { configLookup } from './config-files.js';
import { envyFields, recordRustEnvReads } from './env.js';
import { frameworkOfCrate, type RustFramework } from './frameworks/index.js';
import { relative, rustMigrate } from './migrate.js';
import { nativeNeeds } from './native.js';
import { findRustPort } from './port.js';
import { RustResolver } from './resolve.js';
import { binSources, type RustFile } from './source.js';
import { rustRuntime } from './toolchain.js';
import { findWorkspace, pathDependencies, workspaceMembers, type CargoWorkspace } from './workspace.js';

interface RustDetectionData {
  manifest: CargoManifest;
}

export function detect(repo: RepoFs, dir: string): Detection | null {
  const manifest = readCargo(repo, dir);
  if (!manifest) return null;
  const data: RustDetectionData = { manifest };
  const bins = manifest.bins.map((b) => b.name).join(', ');
  if (manifest.workspace && (!manifest.pkg || manifest.bins.length === 0)) {
    const members = workspaceMembers(repo, manifest);
    return { role: 'workspace-root', reason: `Cargo workspace with members ${members.join(', ') || '(none found)'}`, data: { tools: ['cargo-workspace'] } };
  }
  if (!manifest.pkg) return null;
  if (manifest.bins.length === 0) return { role: 'library', reason: `crate ${manifest.pkg.name} has no binary target` };
  if (TEST_CRATE.test(manifest.pkg.name)) return { role: 'library', reason: `crate ${manifest.pkg.name} is test tooling` };
  return { role: 'service', reason: `crate ${manifest.pkg.name} with binary ${bins}`, data };
}

/** Crates that exist to run tests (smoke tests, test databases, fixtures), not to be deployed. */
const TEST_CRATE = /(^|[-_])(tests?|testing|smoke[-_]?tests?|test[-_]?(db|utils?|support|helpers?)|fixtures?|bench(es|marks?)?|e2e)$/;

/** Binaries that are repo tooling rather than processes to deploy (when a package has several). */
const TOOL_BIN = /^(migrat(e|ion|ions|or)|seed(er)?|gen|generate|codegen|xtask|cli|bench|schema|openapi|dump|import|export|setup|init)$|(-cli|ctl)$/;

export function plan(repo: RepoFs, dir: string, detection: Detection): ServicePlan[] {
  const manifest = (detection.data as RustDetectionData | undefined)?.manifest ?? readCargo(repo, dir);
  if (!manifest?.pkg) return [];
  const ws = findWorkspace(repo, dir, manifest);
  const pathDeps = pathDependencies(repo, manifest, ws);
  let bins = manifest.bins.length > 1 ? manifest.bins.filter((b) => !TOOL_BIN.test(b.name) || b.name === manifest.pkg?.defaultRun) : manifest.bins;
  if (bins.length === 0) bins = manifest.bins;
  for (const b of manifest.bins) if (!bins.includes(b)) log.debug(`rust: bin ${b.name} in ${dir || '.'} is a tool, not a service`);
  return bins.map((bin) => planBin(repo, manifest, bin, ws, pathDeps));
}

function planBin(repo: RepoFs, manifest: CargoManifest, bin: CargoBin, ws: CargoWorkspace | null, pathDeps: string[]): ServicePlan {
  const dir = manifest.dir;
  const pkg = manifest.pkg!;
  const runtime = rustRuntime(repo, manifest, ws?.root ?? null);
  const service = blankService({ name: bin.name, path: dir, language: 'rust', runtime: { name: 'rust', version: runtime.version, source: runtime.source } });
  if (runtime.evidence) addEvidence(service, 'runtime', runtime.evidence.file, runtime.evidence.note, runtime.evidence.line);
  if (runtime.warning) addWarning(service, runtime.warning);

  // Dependencies of the package and of the path crates it links, workspace inheritance resolved.
  const deps = [manifest, ...pathDeps.map((d) => readCargo(repo, d)).filter((m): m is CargoManifest => m !== null)].flatMap((m) =>
    m.deps.map((d) => ({ dep: resolveWorkspaceDep(d, ws?.root ?? null), manifest: m })),
  );
  const own = deps.filter((d) => d.manifest === manifest).map((d) => d.dep);

  const files = binSources(repo, manifest, bin, pathDeps);
  const envy = envyFields(files);
  const config = deps.some((d) => d.dep.name === 'config') ? configLookup(repo, dir, files) : null;
  const resolver = new RustResolver(files, envy, config);
  const frameworks = deps
    .map((d) => ({ fw: frameworkOfCrate(d.dep.name), ...d }))
    .filter((d): d is { fw: RustFramework; dep: CargoDep & { baseDir: 'member' | 'root' }; manifest: CargoManifest } => d.fw !== null)
    .sort((a, b) => b.fw.rank - a.fw.rank);
  const port = findRustPort(repo, dir, files, [...new Set(frameworks.map((f) => f.fw))], resolver);
  if (port.listening) {
    const top = frameworks[0];
    if (top) {
      service.framework = top.fw.id;
      addEvidence(service, 'framework', top.manifest.file, `depends on ${top.dep.key}`, top.dep.line);
    }
    service.port = { value: port.port, envVar: port.envVar, bindAddress: port.bindAddress };
    for (const e of port.evidence) addEvidence(service, 'port', e.file, e.note, e.line);
    if (service.framework === 'rocket') rocketAddress(service, files);
    applyRecipePort(service, serviceRecipe(repo, dir, [bin.name, pkg.name, dir.split('/').pop() ?? '']));
    for (const fw of new Set(frameworks.map((f) => f.fw))) if (fw.hostEnv) hostEnv(service, files, fw.hostEnv, fw.id);
    if (isLoopback(port.bindAddress)) {
      addWarning(service, `${bin.name} binds ${port.bindAddress}, which is unreachable from outside its container; bind 0.0.0.0.`);
    }
    applyHealthRoute(service, [...findHealthRoutes(repo, files.map((f) => f.file)), ...warpHealth(files)]);
  } else {
    service.kind = 'worker';
    addEvidence(service, 'start', bin.file, `bin ${bin.name} never binds a listener: a worker`);
  }

  recordRustEnvReads(service, files, envy);
  addEnvFromExampleFiles(repo, dir, service);
  addBacking(service, deps);

  // Build layout: workspace members build from the workspace root, where Cargo.lock and target/ live.
  const rootDir = ws ? ws.dir : dir;
  const context = ws ? ws.dir : commonAncestor([dir, ...pathDeps]);
  const lockfile = joinPath(rootDir, 'Cargo.lock');
  const locked = repo.isFile(lockfile);
  const natives = nativeNeeds(repo, manifest.file, own, manifest.buildDeps, locked ? { file: lockfile, pkg: pkg.name } : null);
  for (const need of natives) {
    for (const p of need.build) if (!service.build.systemPackages.includes(p)) service.build.systemPackages.push(p);
    addEvidence(service, 'build', need.file, need.note, need.line);
  }
  if (ws) addFeature(service, 'cargo-workspace');
  service.build.context = context;
  service.build.workspacePackages = pathDeps;
  service.build.target = bin.name;
  service.build.artifact = bin.name;
  service.build.outputDir = relative(dir, joinPath(rootDir, 'target/release'));
  service.packageManager = { name: 'cargo', lockfile: locked ? relative(context, lockfile) : null, version: null };
  if (!locked) addWarning(service, `No Cargo.lock next to ${joinPath(rootDir, 'Cargo.toml')}: dependencies resolve afresh on every build; commit Cargo.lock for reproducible builds.`);
  const lockFlag = locked ? ' --locked' : '';
  const manifestPath = !ws && context !== dir ? ` --manifest-path ${relative(context, manifest.file)}` : '';
  const selector = ws ? ` -p ${pkg.name}` : manifestPath;
  service.commands.install = `cargo fetch${lockFlag}${manifestPath}`;
  service.commands.build = `cargo build${lockFlag} --release${selector} --bin ${bin.name}`;
  service.commands.start = `./${bin.name}`;
  applyChecks(repo, service, files, { dir, manifestFile: manifest.file, rootDir, lockFlag, selector: ws ? ` -p ${pkg.name}` : manifestPath });
  addEvidence(service, 'build', manifest.file, `package ${pkg.name}, bin ${bin.name} (${bin.origin})`, pkg.line);
  addEvidence(service, 'start', bin.file, `the ${bin.name} binary (target/release/${bin.name}) copied into the image`);
  if (ws) addEvidence(service, 'build', ws.root.file, `workspace member: built from ${ws.dir || 'the repository root'}, where Cargo.lock and target/ live`);

  const migrate = rustMigrate(repo, dir, rootDir, own, files, manifest.file);
  if (migrate) {
    service.commands.migrate = migrate.command;
    addEvidence(service, 'migrate', migrate.evidence.file, migrate.evidence.note, migrate.evidence.line);
  }
  return service;
}

/** Rocket binds 127.0.0.1 unless told: the image must set ROCKET_ADDRESS=0.0.0.0. */
function rocketAddress(service: ServicePlan, files: readonly RustFile[]): void {
  if (service.port.bindAddress !== null && !isLoopback(service.port.bindAddress)) return;
  addEnv(service, { name: 'ROCKET_ADDRESS', required: false, secret: false, default: '0.0.0.0' });
  addEvidence(service, 'env:ROCKET_ADDRESS', files[0]?.file ?? service.path, 'Rocket binds 127.0.0.1 by default; ROCKET_ADDRESS=0.0.0.0 makes it reachable in a container');
}

/** A framework whose host env var defaults to localhost (trillium's HOST): 0.0.0.0 in the image. */
function hostEnv(service: ServicePlan, files: readonly RustFile[], host: { name: string; unless: RegExp }, framework: string): void {
  if (service.port.bindAddress !== null || files.some((f) => host.unless.test(f.code))) return;
  addEnv(service, { name: host.name, required: false, secret: false, default: '0.0.0.0' });
  addEvidence(service, `env:${host.name}`, files[0]?.file ?? service.path, `${framework} binds ${host.name} or localhost; ${host.name}=0.0.0.0 makes it reachable in a container`);
}

/** warp::path("health") and warp::path!("healthz") carry no leading slash. */
function warpHealth(files: readonly RustFile[]): Array<{ path: string; file: string; line: number; text: string }> {
  const out: Array<{ path: string; file: string; line: number; text: string }> = [];
  for (const f of files) {
    for (const m of matchAll(f.code, /\bpath!?\s*\(\s*"([\w-]+)"\s*\)/g)) {
      const path = `/${m.match[1] ?? ''}`;
      if ((HEALTH_PATHS as readonly string[]).includes(path)) out.push({ path, file: f.file, line: m.line, text: m.text });
    }
  }
  return out;
}

/** Database crates whose backend is chosen by a feature rather than by the crate name. */
const FEATURE_BACKENDS: Record<string, BackingServiceKind> = {
  postgres: 'postgres', 'sqlx-postgres': 'postgres', 'with-postgres': 'postgres', 'postgres-native-tls': 'postgres',
  mysql: 'mysql', 'sqlx-mysql': 'mysql', 'with-mysql': 'mysql',
  sqlite: 'sqlite', 'sqlx-sqlite': 'sqlite', 'with-sqlite': 'sqlite', 'sqlite-bundled': 'sqlite',
  mssql: 'sqlserver',
};
const FEATURE_CRATES = new Set(['sqlx', 'diesel', 'diesel-async', 'sea-orm', 'sea-query', 'deadpool-diesel']);

function addBacking(service: ServicePlan, deps: ReadonlyArray<{ dep: CargoDep; manifest: CargoManifest }>): void {
  for (const m of new Set(deps.map((d) => d.manifest))) {
    const mine = deps.filter((d) => d.manifest === m).map((d) => d.dep);
    const lineOf = (name: string): number | undefined => mine.find((d) => d.name === name)?.line;
    addBackingFromDependencies(service, 'cargo', mine.filter((d) => !FEATURE_CRATES.has(d.name)).map((d) => d.name), m.file, lineOf);
    for (const dep of mine) {
      if (!FEATURE_CRATES.has(dep.name)) continue;
      for (const feature of dep.features) {
        const kind = FEATURE_BACKENDS[feature];
        if (!kind) continue;
        addBackingService(service, kind, null);
        addEvidence(service, `backing:${kind}`, m.file, `${dep.key} with feature "${feature}"`, dep.line);
      }
    }
  }
  linkBackingEnvVars(service);
}

function commonAncestor(dirs: readonly string[]): string {
  const split = dirs.map((d) => (d === '' ? [] : d.split('/')));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((parts) => parts[n] === first[n])) n++;
  return first.slice(0, n).join('/');
}
