/**
 * bun.lock, bun's text lockfile (JSONC: comments and trailing commas). `packages` maps an install
 * path (`express`, `body-parser/debug` for a nested copy) to `[ "name@version", registry, {deps}, hash ]`;
 * `workspaces` holds each workspace's declared dependencies. The binary bun.lockb is not readable.
 */
import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { isSemverLike } from '../versions/semver.js';
import { keyLines, markDevByReach, parseProblem, recordOf } from './shared.js';
import type { LockedPackage, LockfileContext, LockfileResult } from './types.js';

const KEY_LINE = /^\s*"((?:[^"\\]|\\.)+)":\s*\[/;

/** `@scope/a/b` → [`@scope/a`, `b`]: scoped names keep their own slash. */
function segments(key: string): string[] {
  const out: string[] = [];
  const parts = key.split('/');
  for (let i = 0; i < parts.length; i++) out.push(parts[i]!.startsWith('@') && i + 1 < parts.length ? `${parts[i]}/${parts[++i]}` : parts[i]!);
  return out;
}

export function parseBunLock(ctx: LockfileContext): LockfileResult {
  const errors: ParseError[] = [];
  const lock = recordOf(parseJsonc(ctx.text, errors, { allowTrailingComma: true }));
  if (errors.length > 0) return { packages: [], problems: [parseProblem(ctx.file, 'bun.lock (JSONC)', `syntax error at offset ${errors[0]!.offset}`)] };
  const lines = keyLines(ctx.text, KEY_LINE);
  const nodes = new Map<string, LockedPackage>();
  const deps = new Map<string, string[]>();
  for (const [key, value] of Object.entries(recordOf(lock.packages))) {
    if (!Array.isArray(value) || typeof value[0] !== 'string') continue;
    const spec = value[0];
    const at = spec.lastIndexOf('@');
    if (at <= 0) continue;
    const name = spec.slice(0, at);
    const version = spec.slice(at + 1);
    if (!isSemverLike(version)) continue; // workspace:, github:, file: …
    nodes.set(key, { ecosystem: 'npm', name, version, direct: false, dev: false, file: ctx.file, line: lines.get(key) ?? 1 });
    const meta = recordOf(value[2]);
    deps.set(key, [...Object.keys(recordOf(meta.dependencies)), ...Object.keys(recordOf(meta.optionalDependencies))]);
  }
  // bun resolves a dependency like node does: the nearest nested copy, then the hoisted one.
  const resolve = (from: string, name: string): string | null => {
    const parts = segments(from);
    for (let k = parts.length; k >= 0; k--) {
      const candidate = [...parts.slice(0, k), name].join('/');
      if (nodes.has(candidate)) return candidate;
    }
    return null;
  };
  const edges = new Map<string, string[]>();
  for (const [key, names] of deps) edges.set(key, names.flatMap((n) => resolve(key, n) ?? []));
  const prod: string[] = [];
  for (const ws of Object.values(recordOf(lock.workspaces)).map(recordOf)) {
    for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies']) {
      for (const name of Object.keys(recordOf(ws[field]))) {
        const node = nodes.get(name);
        if (!node) continue;
        node.direct = true;
        if (field !== 'devDependencies') prod.push(name);
      }
    }
  }
  markDevByReach(nodes, edges, prod);
  return { packages: [...nodes.values()], problems: [] };
}
