/**
 * yarn.lock, both formats. Classic (v1) is yarn's own indentation format, which no library parses,
 * so it is read line by line; berry (v2+) is YAML with a `__metadata` key. yarn.lock has no dev
 * marks: direct and dev-only come from package.json beside it and a walk of the dependency graph.
 */
import { parse as parseYaml } from 'yaml';
import { isSemverLike } from '../versions/semver.js';
import { errorText, markDevByReach, packageJsonDeps, parseProblem, recordOf, sibling } from './shared.js';
import type { LockedPackage, LockfileContext, LockfileResult } from './types.js';

interface Entry {
  descriptors: string[];
  version: string;
  deps: Array<[string, string]>;
  line: number;
}

function unquote(s: string): string {
  const t = s.trim();
  return t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/** `"@babel/core@^7.0.0"` → `@babel/core`. */
function nameOf(descriptor: string): string {
  const at = descriptor.indexOf('@', 1);
  return at > 0 ? descriptor.slice(0, at) : descriptor;
}

function parseClassic(text: string): Entry[] {
  const entries: Entry[] = [];
  let current: Entry | null = null;
  let inDeps = false;
  let n = 0;
  for (const raw of text.split('\n')) {
    n++;
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      if (!line.endsWith(':')) throw new Error(`line ${n}: expected "<package>@<range>:"`);
      current = { descriptors: line.slice(0, -1).split(',').map(unquote), version: '', deps: [], line: n };
      entries.push(current);
      inDeps = false;
    } else if (current && indent === 2) {
      const m = /^\s+(\S+)\s+(.*)$/.exec(line);
      inDeps = /^\s+(dependencies|optionalDependencies):$/.test(line);
      if (m && m[1] === 'version') current.version = unquote(m[2]!);
    } else if (current && indent >= 4 && inDeps) {
      const m = /^\s+("[^"]+"|\S+)\s+(.*)$/.exec(line);
      if (m) current.deps.push([unquote(m[1]!), unquote(m[2]!)]);
    }
  }
  return entries;
}

function parseBerry(text: string): Entry[] {
  const doc = recordOf(parseYaml(text, { uniqueKeys: false }));
  const lines = new Map<string, number>();
  let n = 0;
  for (const raw of text.split('\n')) {
    n++;
    if (/^\S.*:\s*$/.test(raw)) lines.set(unquote(raw.trim().slice(0, -1)), n);
  }
  const entries: Entry[] = [];
  for (const [key, value] of Object.entries(doc)) {
    if (key === '__metadata') continue;
    const entry = recordOf(value);
    // Workspaces and links are the project itself, not registry packages.
    if (entry.linkType === 'soft' || /@(workspace|link|portal|file):/.test(key)) continue;
    const deps: Array<[string, string]> = [];
    for (const field of ['dependencies', 'optionalDependencies']) {
      for (const [name, range] of Object.entries(recordOf(entry[field]))) deps.push([name, String(range)]);
    }
    entries.push({ descriptors: key.split(',').map((d) => d.trim()), version: String(entry.version ?? ''), deps, line: lines.get(key) ?? 1 });
  }
  return entries;
}

export function parseYarnLock(ctx: LockfileContext): LockfileResult {
  const berry = /^__metadata:/m.test(ctx.text);
  let entries: Entry[];
  try {
    entries = berry ? parseBerry(ctx.text) : parseClassic(ctx.text);
  } catch (error) {
    return { packages: [], problems: [parseProblem(ctx.file, berry ? 'yarn.lock (berry, YAML)' : 'yarn.lock (classic)', errorText(error))] };
  }
  const byDescriptor = new Map<string, string>();
  const nodes = new Map<string, LockedPackage>();
  const edges = new Map<string, string[]>();
  const descriptorKey = (name: string, range: string): string => (berry && !/^[a-z]+:/.test(range) ? `${name}@npm:${range}` : `${name}@${range}`);
  for (const e of entries) {
    const name = nameOf(e.descriptors[0] ?? '');
    if (!isSemverLike(e.version)) continue;
    const id = `${name}@${e.version}`;
    for (const d of e.descriptors) byDescriptor.set(d, id);
    if (!nodes.has(id)) nodes.set(id, { ecosystem: 'npm', name, version: e.version, direct: false, dev: false, file: ctx.file, line: e.line });
  }
  for (const e of entries) {
    const id = byDescriptor.get(e.descriptors[0] ?? '');
    if (!id) continue;
    const list = edges.get(id) ?? [];
    for (const [n, r] of e.deps) {
      const to = byDescriptor.get(descriptorKey(n, r));
      if (to) list.push(to);
    }
    edges.set(id, list);
  }
  const manifest = packageJsonDeps(ctx);
  if (manifest) {
    const text = ctx.readText(sibling(ctx.file, 'package.json')) ?? '{}';
    const pkg = recordOf(JSON.parse(text));
    const rootsOf = (field: string): string[] =>
      Object.entries(recordOf(pkg[field])).flatMap(([n, r]) => {
        const id = byDescriptor.get(descriptorKey(n, String(r)));
        return id ? [id] : [];
      });
    const prod = [...rootsOf('dependencies'), ...rootsOf('optionalDependencies'), ...rootsOf('peerDependencies')];
    const dev = rootsOf('devDependencies');
    for (const id of [...prod, ...dev]) nodes.get(id)!.direct = true;
    markDevByReach(nodes, edges, prod);
  }
  return { packages: [...nodes.values()], problems: [] };
}
