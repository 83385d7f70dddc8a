/** Helpers the lockfile parsers share: line lookup, sibling paths, graph walks and problems. */
import type { ScanProblem } from '../../types.js';
import type { LockedPackage, LockfileContext } from './types.js';

/** Map of the first line (1-based) each matching key appears on: `re` must capture the key in group 1. */
export function keyLines(text: string, re: RegExp): Map<string, number> {
  const lines = new Map<string, number>();
  let n = 0;
  for (const line of text.split('\n')) {
    n++;
    const m = re.exec(line);
    if (m?.[1] !== undefined && !lines.has(m[1])) lines.set(m[1], n);
  }
  return lines;
}

export function sibling(file: string, name: string): string {
  const slash = file.lastIndexOf('/');
  return slash >= 0 ? `${file.slice(0, slash)}/${name}` : name;
}

export function parseProblem(file: string, format: string, reason: string): ScanProblem {
  return { code: 'DSQ_ERR_MANIFEST_PARSE', file, message: `Could not parse ${file} as ${format}: ${reason}; its dependencies were not checked` };
}

export function errorText(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'unknown error';
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function recordOf(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

export function stringKeys(value: unknown): string[] {
  return Object.keys(recordOf(value));
}

/** package.json's dependency names beside a lockfile: prod and dev. */
export function packageJsonDeps(ctx: LockfileContext): { prod: Set<string>; dev: Set<string> } | null {
  const text = ctx.readText(sibling(ctx.file, 'package.json'));
  if (text === null) return null;
  try {
    const pkg = recordOf(JSON.parse(text));
    return {
      prod: new Set([...stringKeys(pkg.dependencies), ...stringKeys(pkg.optionalDependencies), ...stringKeys(pkg.peerDependencies)]),
      dev: new Set(stringKeys(pkg.devDependencies)),
    };
  } catch {
    return null;
  }
}

/**
 * Marks dev-only packages by walking the dependency graph from the production roots: a package
 * reachable from a production dependency is not dev-only, whatever else also needs it.
 */
export function markDevByReach(nodes: Map<string, LockedPackage>, edges: Map<string, string[]>, prodRoots: Iterable<string>): void {
  const reached = new Set<string>();
  const stack = [...prodRoots];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reached.has(id)) continue;
    reached.add(id);
    for (const next of edges.get(id) ?? []) if (!reached.has(next)) stack.push(next);
  }
  for (const [id, pkg] of nodes) pkg.dev = !reached.has(id);
}
