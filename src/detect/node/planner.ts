/**
 * plan(): builds the ServicePlan of one Node package. Order matters: the package manager and the
 * start script come first (the start entry is scanned first), then the framework decides what it
 * owns (kind, start, output, default port), then the generic steps fill in what is left: start,
 * build, port, health, env, backing services, migrations, features and the workspace context.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, addFeature, addWarning, blankService } from '../../plan/service.js';
import { addBackingFromDependencies, linkBackingEnvVars } from '../shared/backing.js';
import { addEnvFromExampleFiles, recordEnvRead } from '../shared/env-vars.js';
import { applyHealthRoute, findHealthRoutes } from '../shared/health.js';
import type { Detection } from '../types.js';
import type { NodeDetectionData } from './classify.js';
import { classifyPackage } from './classify.js';
import type { NodeContext } from './context.js';
import { setStart } from './context.js';
import { applyDatabase } from './database.js';
import { FRAMEWORKS } from './frameworks/index.js';
import type { NodeFramework } from './frameworks/index.js';
import { detectPackageManager, installCommand, runScript } from './package-managers.js';
import { applyChecks } from './checks.js';
import { findListenSites } from './port.js';
import { applyPort } from './ports.js';
import { bunRuntime, nodeRuntime, usesBunRuntime } from './runtime.js';
import { collectSources, scanEnvReads } from './scan.js';
import type { Manifest } from './schema.js';
import { allDependencies, manifestLine, readManifest } from './schema.js';
import { findStartScript } from './scripts.js';
import { resolveStart } from './start.js';
import { applyWorkspace, workspaceBuild } from './workspace-plan.js';
import { findWorkspaceRoot } from './workspaces.js';

/** Dependencies with native addons: the deps stage needs python3, make and a C++ compiler. */
const NATIVE_MODULES = new Set([
  'bcrypt', 'sharp', 'better-sqlite3', 'sqlite3', 'canvas', 'node-gyp', 'argon2', 'cpu-features', 'node-pty', 'bufferutil',
  'utf-8-validate', 're2', 'usb', 'serialport', '@serialport/bindings-cpp', 'zeromq', 'libxmljs', 'libxmljs2', 'kerberos',
  'leveldown', 'isolated-vm', 'deasync', 'farmhash', 'microtime', 'node-rdkafka', 'grpc', 'oracledb', 'ibm_db', 'odbc',
  'node-sass', 'fsevents', 'dtrace-provider', 'raw-socket', 'diskusage', '@mapbox/node-pre-gyp', 'node-pre-gyp', 'nan', 'ffi-napi', 'ref-napi',
]);

const ADDRESS_VAR = /(URL|URI|DSN|HOST|HOSTNAME|ADDR|ADDRESS|SERVERS|BROKERS|NODES?|ENDPOINT|CONNECTION_STRING|BUCKET)$/;

export function planPackage(repo: RepoFs, dir: string, detection: Detection): ServicePlan[] {
  const manifest = readManifest(repo, dir);
  if (!manifest) return [];
  return [buildPlan({ repo, dir, manifest, deps: allDependencies(manifest), workspace: findWorkspaceRoot(repo, dir), detection })];
}

/** What a project-level builder (Nx) decides instead of the package's scripts. */
export interface PlanOverrides {
  start?: { command: string; file: string; note: string } | null;
  build?: { command: string; file: string; note: string } | null;
  /** Build output relative to the service dir (replaces the framework's when set). */
  outputDir?: string | null;
  artifact?: string | null;
  workspacePackages?: string[];
}

export interface PlanInput {
  repo: RepoFs;
  dir: string;
  manifest: Manifest;
  deps: Record<string, string>;
  workspace: NodeContext['workspace'];
  detection: Detection;
  overrides?: PlanOverrides;
}

export function buildPlan(input: PlanInput): ServicePlan {
  const { repo, dir, manifest, deps, workspace, detection, overrides } = input;
  const rootDir = workspace?.root.dir ?? dir;
  const rootManifest = workspace?.root.manifest ?? null;
  const pm = detectPackageManager(repo, dir, manifest, rootDir, rootManifest);
  const bun = usesBunRuntime(repo, dir, rootDir, manifest);
  const manifests = rootManifest ? [manifest, rootManifest] : [manifest];
  const runtime = bun ? bunRuntime(repo, dir, manifests, pm.name === 'bun' ? pm.version : null) : nodeRuntime(repo, dir, manifests);
  const name = manifest.name ?? (dir === '' ? repo.name : dir.slice(dir.lastIndexOf('/') + 1));
  const service = blankService({ name, path: dir, language: 'node', runtime: runtime.runtime });
  if (runtime.evidence) addEvidence(service, 'runtime', runtime.evidence.file, runtime.evidence.note, runtime.evidence.line);
  if (runtime.warning) addWarning(service, runtime.warning);

  service.packageManager = { name: pm.name, lockfile: pm.lockfile, version: pm.version };
  for (const e of pm.evidence) addEvidence(service, 'packageManager', e.file, e.note, e.line);
  for (const w of pm.warnings) addWarning(service, w);
  if (pm.corepack) addFeature(service, 'corepack');
  if (pm.berry) addFeature(service, 'yarn-berry');
  service.commands.install = installCommand(pm);
  addEvidence(service, 'install', pm.lockfile ?? manifest.file, `${service.commands.install}${pm.lockfile ? ` (lockfile ${pm.lockfile})` : ' (no lockfile)'}`);

  const startScript = findStartScript(manifest);
  const entry = startScript?.entry ? [joinPath(dir, startScript.entry.replace(/^\.\//, ''))] : [];
  const sources = collectSources(repo, dir, entry);
  const ctx: NodeContext = {
    repo, dir, manifest, deps, service, pm, workspace, bun, sources,
    listen: findListenSites(sources),
    startScript,
    defaultPort: null,
    startDecided: false,
  };

  const framework = chooseFramework(ctx, detection);
  framework?.apply(ctx);
  if (overrides?.outputDir !== undefined) service.build.outputDir = overrides.outputDir;
  if (overrides?.artifact !== undefined) service.build.artifact = overrides.artifact;
  if (overrides?.start && service.kind !== 'static') setStart(ctx, overrides.start.command, overrides.start.file, overrides.start.note);
  if (service.kind !== 'static' && !ctx.startDecided) resolveStart(ctx);
  applyBuild(ctx);
  if (overrides?.build) {
    service.commands.build = overrides.build.command;
    addEvidence(service, 'build', overrides.build.file, overrides.build.note);
  }
  applyPort(ctx, framework);
  if (service.kind !== 'static' && !framework?.health?.(ctx)) applyHealthRoute(service, findHealthRoutes(repo, sources.files));
  applyEnv(ctx);
  if (service.kind !== 'static') {
    addBackingFromDependencies(service, 'npm', Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }), manifest.file, (dep) => manifestLine(manifest, dep));
    applyDatabase(ctx);
    linkBackingEnvVars(service);
  }
  applyFeatures(ctx);
  applyWorkspace(ctx);
  if (overrides?.workspacePackages) service.build.workspacePackages = overrides.workspacePackages;
  const context = service.build.context;
  applyChecks(service, manifest, pm, context === dir ? null : { name: manifest.name ?? null, dir: context === '' ? dir : dir.slice(context.length + 1) });
  if (service.kind !== 'static' && service.commands.start === null) {
    addWarning(service, 'No start command found (no start script, server entry or Procfile); set commands.start in the plan.');
  }
  return service;
}

function chooseFramework(ctx: NodeContext, detection: Detection): NodeFramework | null {
  const data = detection.data as NodeDetectionData | undefined;
  const id = data && 'framework' in data ? data.framework : (classifyPackage(ctx).data as NodeDetectionData).framework;
  return FRAMEWORKS.find((f) => f.id === id || (id === 'react-router' && f.id === 'remix')) ?? null;
}

function applyBuild(ctx: NodeContext): void {
  const { service, manifest } = ctx;
  const script = manifest.scripts.build;
  if (ctx.workspace) {
    const scoped = workspaceBuild(ctx);
    if (scoped) service.commands.build = scoped;
  } else if (script !== undefined && !/^\s*(echo|exit|true)\b/.test(script)) {
    service.commands.build = runScript(ctx.pm, 'build');
    addEvidence(service, 'build', manifest.file, `"build": "${script}"`, manifestLine(manifest, 'build'));
  }
  if (!service.build.features.includes('prisma') && !('@prisma/client' in ctx.deps)) return;
  const generates = ['build', 'prebuild', 'postinstall', 'vercel-build'].some((s) => /prisma\s+generate/.test(manifest.scripts[s] ?? ''));
  if (generates) return;
  const schema = manifest.prismaSchema ?? (ctx.repo.isFile(joinPath(ctx.dir, 'prisma/schema.prisma')) ? 'prisma/schema.prisma' : null);
  const contextDir = ctx.workspace?.root.dir ?? ctx.dir;
  const schemaArg = schema && contextDir !== ctx.dir ? ` --schema ${joinPath(ctx.dir.slice(contextDir === '' ? 0 : contextDir.length + 1), schema)}` : '';
  const generate = `${ctx.pm.pnp ? 'yarn' : ctx.bun ? 'bunx' : 'npx'} prisma generate${schemaArg}`;
  service.commands.build = service.commands.build ? `${generate} && ${service.commands.build}` : generate;
  addEvidence(service, 'build', manifest.file, `@prisma/client needs prisma generate before the build`, manifestLine(manifest, '@prisma/client'));
}

function applyEnv(ctx: NodeContext): void {
  const { service } = ctx;
  const buildTime: string[] = [];
  for (const read of scanEnvReads(ctx.sources)) {
    const atBuild = read.buildTime || service.kind === 'static';
    recordEnvRead(service, { ...read, text: atBuild ? `${read.text} (build time: inlined by the bundler)` : read.text });
    if (atBuild && service.env.some((e) => e.name === read.name) && !buildTime.includes(read.name)) buildTime.push(read.name);
  }
  addEnvFromExampleFiles(ctx.repo, ctx.dir, service);
  // recordEnvRead links a backing service to any var with its prefix (PG_POOL_MAX → postgres); only
  // an address-like name (URL, HOST, …) carries the connection, so unlink the rest and relink below.
  for (const backing of service.backingServices) {
    if (backing.envVar !== null && !ADDRESS_VAR.test(backing.envVar)) backing.envVar = null;
  }
  if (buildTime.length > 0) {
    addWarning(service, `${buildTime.join(', ')} ${buildTime.length === 1 ? 'is' : 'are'} inlined at build time: pass ${buildTime.length === 1 ? 'it' : 'them'} as build arguments, not only as runtime env.`);
  }
}

function applyFeatures(ctx: NodeContext): void {
  const { service } = ctx;
  const tsconfig = ctx.repo.isFile(joinPath(ctx.dir, 'tsconfig.json'));
  if (tsconfig && 'typescript' in ctx.deps && service.commands.build !== null) {
    addFeature(service, 'typescript');
    addEvidence(service, 'build', joinPath(ctx.dir, 'tsconfig.json'), 'TypeScript sources compiled by the build');
  }
  const native = Object.keys({ ...ctx.manifest.dependencies, ...ctx.manifest.optionalDependencies }).filter((d) => NATIVE_MODULES.has(d)).sort();
  if (native.length > 0) {
    addFeature(service, 'native-modules');
    addEvidence(service, 'build', ctx.manifest.file, `native addon${native.length > 1 ? 's' : ''} ${native.join(', ')} need build tools (python3, make, g++) when no prebuilt binary fits`, manifestLine(ctx.manifest, native[0]!));
  }
}
