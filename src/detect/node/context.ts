/**
 * What the Node planner knows about one package while it builds its ServicePlan, and the small
 * helpers framework modules use to record their decisions with evidence.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, addWarning } from '../../plan/service.js';
import type { PackageManagerInfo } from './package-managers.js';
import { binCommand } from './package-managers.js';
import type { ListenSite } from './port.js';
import type { SourceSet } from './scan.js';
import type { Manifest } from './schema.js';
import { manifestLine } from './schema.js';
import type { ParsedRun } from './scripts.js';
import type { WorkspaceMember, WorkspaceRoot } from './workspaces.js';

/** What detect() needs: cheap facts about a package. */
export interface PackageInfo {
  repo: RepoFs;
  dir: string;
  manifest: Manifest;
  /** Every dependency (runtime, dev, optional, peer) with its version spec. */
  deps: Record<string, string>;
}

export interface PortDefault {
  value: number;
  envVar: string | null;
  file: string;
  line?: number;
  note: string;
}

export interface NodeContext extends PackageInfo {
  service: ServicePlan;
  pm: PackageManagerInfo;
  workspace: { root: WorkspaceRoot; member: WorkspaceMember } | null;
  /** The service runs on Bun rather than Node. */
  bun: boolean;
  sources: SourceSet;
  listen: ListenSite[];
  /** The production-looking start script, parsed. */
  startScript: ParsedRun | null;
  /** The framework's own port when the code does not listen itself. */
  defaultPort: PortDefault | null;
  /** Set once a framework or the planner decided the start command. */
  startDecided: boolean;
}

export function hasDep(info: PackageInfo, name: string): boolean {
  return Object.hasOwn(info.deps, name);
}

export function hasAnyDep(info: PackageInfo, names: readonly string[]): boolean {
  return names.some((n) => Object.hasOwn(info.deps, n));
}

/** The first existing file among candidates, relative to the package dir (repo-relative result). */
export function firstFile(info: PackageInfo, candidates: readonly string[]): string | null {
  for (const c of candidates) {
    const file = joinPath(info.dir, c);
    if (info.repo.isFile(file)) return file;
  }
  return null;
}

/** `next.config.js|mjs|ts|cjs` → the first that exists. */
export function configFile(info: PackageInfo, stem: string, exts: readonly string[] = ['js', 'mjs', 'cjs', 'ts', 'mts']): string | null {
  return firstFile(info, exts.map((e) => `${stem}.${e}`));
}

export function setFramework(ctx: NodeContext, id: string, dep: string): void {
  ctx.service.framework = id;
  addEvidence(ctx.service, 'framework', ctx.manifest.file, `depends on ${dep}${ctx.deps[dep] ? ` ${ctx.deps[dep]}` : ''}`, manifestLine(ctx.manifest, dep));
}

export function setStart(ctx: NodeContext, command: string, file: string, note: string, line?: number): void {
  ctx.service.commands.start = command;
  ctx.startDecided = true;
  addEvidence(ctx.service, 'start', file, note, line);
}

/** A package binary as the start command (see binCommand for why not `npm start`). */
export function startBin(ctx: NodeContext, bin: string, args: string): string {
  return binCommand(ctx.pm, bin, args, { hoisted: ctx.workspace !== null });
}

/** Uses the start script when it runs node / bun / tsx directly (a custom server): true when it did. */
export function useScriptStart(ctx: NodeContext): boolean {
  const s = ctx.startScript;
  if (!s || !s.command || !(s.kind === 'node' || s.kind === 'bun' || s.kind === 'tsx')) return false;
  setStart(ctx, s.command, ctx.manifest.file, `"${s.script}": "${s.text}"`, s.line);
  if (s.droppedEnvFile) {
    addWarning(ctx.service, `"${s.script}" loads a .env file, which is not in the image; the env file option was dropped from the start command: pass the variables as env instead.`);
  }
  return true;
}

export function setDefaultPort(ctx: NodeContext, value: number, envVar: string | null, file: string, note: string, line?: number): void {
  ctx.defaultPort = line === undefined ? { value, envVar, file, note } : { value, envVar, file, line, note };
}
