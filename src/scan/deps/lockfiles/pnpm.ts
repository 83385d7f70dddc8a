/**
 * pnpm-lock.yaml v5.x, v6.x and v9.x. Every YAML document is read (pnpm may write an environment
 * document before the lockfile proper). Keys: v5 `/name/1.2.3_peer`, v6 `/name@1.2.3(peer)`,
 * v9 `name@1.2.3` (with `snapshots` holding the graph). v5/v6 mark dev-only packages with `dev: true`;
 * v9 does not, so dev-only is computed by walking the graph from the importers' production dependencies.
 */
import { parseAllDocuments } from 'yaml';
import { isSemverLike } from '../versions/semver.js';
import { errorText, isRecord, keyLines, markDevByReach, parseProblem, recordOf } from './shared.js';
import type { LockedPackage, LockfileContext, LockfileResult } from './types.js';

const KEY_LINE = /^ {2}['"]?(.+?)['"]?:\s*$/;

function stripPeers(v: string): string {
  return v.replace(/\(.*$/, '').replace(/_.*$/, '');
}

/** `/@scope/name/1.0.0_peer` | `/name@1.0.0(peer)` | `name@1.0.0` → [name, version]. */
export function splitPnpmKey(key: string, major: number): [string, string] | null {
  const k = key.startsWith('/') ? key.slice(1) : key;
  if (major < 6) {
    const m = /^((?:@[^/]+\/)?[^/]+)\/([^/]+)$/.exec(k.replace(/\(.*$/, ''));
    return m ? [m[1]!, stripPeers(m[2]!)] : null;
  }
  const bare = k.replace(/\(.*$/, '');
  const at = bare.lastIndexOf('@');
  return at > 0 ? [bare.slice(0, at), bare.slice(at + 1)] : null;
}

function depVersion(value: unknown): string | null {
  const v = isRecord(value) ? value.version : value;
  return typeof v === 'string' ? v : v === undefined || v === null ? null : String(v);
}

export function parsePnpmLock(ctx: LockfileContext): LockfileResult {
  let docs: Record<string, unknown>[];
  try {
    const parsed = parseAllDocuments(ctx.text);
    const list = Array.isArray(parsed) ? parsed : [parsed];
    const broken = list.find((d) => d.errors.length > 0);
    if (broken) return { packages: [], problems: [parseProblem(ctx.file, 'YAML', errorText(broken.errors[0]))] };
    docs = list.map((d) => recordOf(d.toJS()));
  } catch (error) {
    return { packages: [], problems: [parseProblem(ctx.file, 'YAML', errorText(error))] };
  }
  const lines = keyLines(ctx.text, KEY_LINE);
  const packages: LockedPackage[] = [];
  for (const doc of docs) {
    if (!isRecord(doc.packages) && !isRecord(doc.importers)) continue;
    const major = Number.parseFloat(String(doc.lockfileVersion ?? '5')) || 5;
    // Importers: `.` and workspace members; v5 single projects keep them at the top level.
    const importers = isRecord(doc.importers) ? Object.values(doc.importers).map(recordOf) : [doc];
    const directIds = new Set<string>();
    const prodRoots = new Set<string>();
    const idOf = (name: string, version: string): string => `${name}@${stripPeers(version)}`;
    for (const imp of importers) {
      for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
        for (const [name, value] of Object.entries(recordOf(imp[field]))) {
          const v = depVersion(value);
          if (!v || v.startsWith('link:')) continue;
          directIds.add(idOf(name, v));
          if (field !== 'devDependencies') prodRoots.add(idOf(name, v));
        }
      }
    }
    const nodes = new Map<string, LockedPackage>();
    const edges = new Map<string, string[]>();
    let sawDevFlag = false;
    for (const [key, value] of Object.entries(recordOf(doc.packages))) {
      const split = splitPnpmKey(key, major);
      const entry = recordOf(value);
      if (!split) continue;
      const [name, rawVersion] = split;
      const version = typeof entry.version === 'string' && isSemverLike(entry.version) ? entry.version : rawVersion;
      if (!isSemverLike(version)) continue;
      if (typeof entry.dev === 'boolean') sawDevFlag = true;
      const id = `${name}@${version}`;
      if (nodes.has(id)) continue;
      const pkg: LockedPackage = { ecosystem: 'npm', name, version, direct: directIds.has(id), dev: entry.dev === true, file: ctx.file, line: lines.get(key) ?? 1 };
      nodes.set(id, pkg);
      packages.push(pkg);
    }
    if (!sawDevFlag) {
      const graph = isRecord(doc.snapshots) ? doc.snapshots : doc.packages;
      for (const [key, value] of Object.entries(recordOf(graph))) {
        const split = splitPnpmKey(key, major);
        if (!split) continue;
        const entry = recordOf(value);
        const from = `${split[0]}@${split[1]}`;
        const list = edges.get(from) ?? [];
        for (const field of ['dependencies', 'optionalDependencies']) {
          for (const [name, v] of Object.entries(recordOf(entry[field]))) list.push(idOf(name, String(v)));
        }
        edges.set(from, list);
      }
      markDevByReach(nodes, edges, prodRoots);
    }
  }
  return { packages, problems: [] };
}
