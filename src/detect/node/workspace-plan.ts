/**
 * A workspace member's plan: built from the workspace root (the lockfile and sibling packages live
 * there), with the internal packages it depends on listed, installed once at the root, and its build
 * scoped to itself and its internal dependencies: turbo or nx when the repo uses them, else the
 * package manager's own filter.
 */
import { addEvidence } from '../../plan/service.js';
import type { NodeContext } from './context.js';
import { execCommand } from './package-managers.js';
import { manifestLine } from './schema.js';
import { relativePath } from './tsconfig.js';
import type { WorkspaceMember } from './workspaces.js';
import { internalDependencies } from './workspaces.js';

export function applyWorkspace(ctx: NodeContext): void {
  if (!ctx.workspace) return;
  const { root } = ctx.workspace;
  const { service, manifest } = ctx;
  service.build.context = root.dir;
  const internal = internalDependencies(root, manifest);
  service.build.workspacePackages = internal.map((m) => m.dir).sort();
  addEvidence(service, 'build', root.patternFile ?? root.manifest?.file ?? manifest.file, `workspace member of ${root.dir || 'the repository root'} (${root.tools.join(', ')}): built from the workspace root`);
  for (const dep of internal) {
    const direct = dep.name !== null && manifestLine(manifest, dep.name);
    addEvidence(service, 'build', direct ? manifest.file : dep.manifest.file, `needs workspace package ${dep.name ?? dep.dir} (${dep.dir})`, direct || undefined);
  }
  addEvidence(service, 'install', ctx.pm.lockfile ?? root.manifest?.file ?? manifest.file, `${service.commands.install} at the workspace root`);
}

/** The member's build, scoped to it and the internal packages it needs; null when nothing builds. */
export function workspaceBuild(ctx: NodeContext): string | null {
  if (!ctx.workspace) return null;
  const { root } = ctx.workspace;
  const { manifest, pm } = ctx;
  const internal = internalDependencies(root, manifest);
  const building = internal.filter((m) => hasBuild(m));
  const own = manifest.scripts.build !== undefined;
  if (!own && building.length === 0) return null;
  const name = manifest.name ?? relativePath(root.dir, ctx.dir);
  const where = root.patternFile ?? manifest.file;
  let command: string;
  let note: string;
  if (root.turbo) {
    command = execCommand(pm, 'turbo', `run build --filter=${name}...`);
    note = 'turbo builds the member and its workspace dependencies';
  } else if (root.nx && own) {
    command = execCommand(pm, 'nx', `run ${name}:build`);
    note = 'nx builds the project and the projects it depends on';
  } else if (pm.name === 'pnpm') {
    command = `pnpm --filter ${name}... run build`;
    note = 'pnpm builds the member and its workspace dependencies (the ... selector)';
  } else {
    const steps = [...building, ...(own ? [{ dir: ctx.dir, name: manifest.name, manifest } satisfies WorkspaceMember] : [])];
    command = steps.map((m) => scopedScript(ctx, m)).join(' && ');
    note = building.length > 0 ? 'builds the workspace dependencies first, then the member' : 'build scoped to the member';
  }
  addEvidence(ctx.service, 'build', own ? manifest.file : where, `${note}${own ? ` ("build": "${manifest.scripts.build}")` : ''}`, own ? manifestLine(manifest, 'build') : undefined);
  return command;
}

function hasBuild(m: WorkspaceMember): boolean {
  const script = m.manifest.scripts.build;
  return script !== undefined && !/^\s*(echo|exit|true)\b/.test(script);
}

function scopedScript(ctx: NodeContext, m: WorkspaceMember): string {
  const rootDir = ctx.workspace!.root.dir;
  switch (ctx.pm.name) {
    case 'yarn':
      return `yarn workspace ${m.name ?? relativePath(rootDir, m.dir)} run build`;
    case 'bun':
      return `bun run --filter ${m.name ?? `./${relativePath(rootDir, m.dir)}`} build`;
    default:
      return `npm run build --workspace ${relativePath(rootDir, m.dir)}`;
  }
}
