/**
 * Node (or Bun) version for the image: .nvmrc, .node-version, volta, .tool-versions / mise.toml,
 * then engines.node; the service dir first, then up to the repository root (a monorepo pins it once
 * at the root). An open range such as `>=18` takes the default LTS line when it satisfies it,
 * rather than an end-of-life floor.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { DEFAULT_VERSIONS, toolVersion, versionFile, versionToTag } from '../shared/versions.js';
import type { Manifest } from './schema.js';
import { manifestLine } from './schema.js';

export interface RuntimeChoice {
  runtime: ServicePlan['runtime'];
  evidence: { file: string; line?: number; note: string } | null;
  warning: string | null;
}

export function nodeRuntime(repo: RepoFs, dir: string, manifests: readonly Manifest[]): RuntimeChoice {
  const file = versionFile(repo, dir, ['.nvmrc', '.node-version']);
  if (file) {
    const tag = versionToTag(file.version);
    if (tag) return found(tag, file.file, file.line, `${file.file.slice(file.file.lastIndexOf('/') + 1)}: ${file.version}`);
  }
  for (const m of manifests) {
    const volta = m.volta.node;
    const tag = volta ? versionToTag(volta) : null;
    if (tag) return found(tag, m.file, manifestLine(m, 'volta'), `volta.node ${volta}`);
  }
  const tool = toolVersion(repo, dir, ['nodejs', 'node']);
  if (tool) {
    const tag = versionToTag(tool.version);
    if (tag) return found(tag, tool.file, tool.line, `node ${tool.version} in ${tool.file}`);
  }
  for (const m of manifests) {
    const range = m.engines.node;
    const tag = range ? tagForRange(range, DEFAULT_VERSIONS.node) : null;
    if (tag) return found(tag, m.file, manifestLine(m, 'engines'), `engines.node "${range}"`);
  }
  return {
    runtime: { name: 'node', version: DEFAULT_VERSIONS.node, source: 'default' },
    evidence: null,
    warning: `No Node version pinned (.nvmrc, .node-version, engines.node, volta); using Node ${DEFAULT_VERSIONS.node}.`,
  };
}

export function bunRuntime(repo: RepoFs, dir: string, manifests: readonly Manifest[], pinned: string | null): RuntimeChoice {
  const pmFile = manifests.find((m) => m.packageManager?.startsWith('bun@'));
  if (pinned && pmFile) return found(pinned, pmFile.file, manifestLine(pmFile, 'packageManager'), `packageManager bun@${pinned}`, 'bun');
  const file = versionFile(repo, dir, ['.bun-version']);
  const fileTag = file ? versionToTag(file.version) : null;
  if (file && fileTag) return found(fileTag, file.file, file.line, `.bun-version: ${file.version}`, 'bun');
  const tool = toolVersion(repo, dir, ['bun']);
  const toolTag = tool ? versionToTag(tool.version) : null;
  if (tool && toolTag) return found(toolTag, tool.file, tool.line, `bun ${tool.version} in ${tool.file}`, 'bun');
  for (const m of manifests) {
    const range = m.engines.bun;
    const tag = range ? versionToTag(range) : null;
    if (tag) return found(tag, m.file, manifestLine(m, 'engines'), `engines.bun "${range}"`, 'bun');
  }
  return {
    runtime: { name: 'bun', version: DEFAULT_VERSIONS.bun, source: 'default' },
    evidence: null,
    warning: `No Bun version pinned (packageManager, .bun-version); using Bun ${DEFAULT_VERSIONS.bun}.`,
  };
}

function found(version: string, file: string, line: number | undefined, note: string, name = 'node'): RuntimeChoice {
  const evidence = line === undefined ? { file, note } : { file, line, note };
  return { runtime: { name, version, source: file }, evidence, warning: null };
}

/**
 * An image tag for an engines range: `20.x`, `^20.11`, `~20.11.1` pin a line; `>=18` or
 * `>=18 <23` take the default line when it fits, else the lower bound.
 */
export function tagForRange(range: string, fallback: string): string | null {
  const r = range.trim();
  // `||` alternatives: the last one is the newest the project supports.
  const alternatives = r.split('||').map((s) => s.trim()).filter(Boolean);
  const chosen = alternatives[alternatives.length - 1] ?? r;
  const lower = /^>=?\s*v?(\d+)(?:\.\d+)*/.exec(chosen);
  if (lower) {
    const min = Number(lower[1]);
    const upper = /<\s*v?(\d+)/.exec(chosen);
    const max = upper ? Number(upper[1]) : Infinity;
    const def = Number.parseInt(fallback, 10);
    if (def >= min && def < max) return fallback;
    return versionToTag(chosen);
  }
  return versionToTag(chosen);
}

/** Whether a project runs on Bun: a bun lockfile or packageManager, or bun-only start scripts. */
export function usesBunRuntime(repo: RepoFs, dir: string, rootDir: string, manifest: Manifest): boolean {
  for (const at of dir === rootDir ? [dir] : [dir, rootDir]) {
    if (repo.isFile(joinPath(at, 'bun.lock')) || repo.isFile(joinPath(at, 'bun.lockb')) || repo.isFile(joinPath(at, 'bunfig.toml'))) return true;
  }
  if (manifest.packageManager?.startsWith('bun@')) return true;
  return /^bun\s/.test(manifest.scripts.start ?? '') || '@types/bun' in manifest.devDependencies || 'bun-types' in manifest.devDependencies;
}
