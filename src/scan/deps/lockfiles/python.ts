/**
 * poetry.lock, uv.lock (TOML) and Pipfile.lock (JSON). Direct dependencies come from the manifest
 * beside the lockfile (pyproject.toml, Pipfile) or, for uv, from the project's own entry in the lock.
 */
import { parse as parseToml } from 'smol-toml';
import { normalizeName } from '../osv/match.js';
import { errorText, isRecord, keyLines, markDevByReach, parseProblem, recordOf, sibling, stringKeys } from './shared.js';
import type { LockedPackage, LockfileContext, LockfileResult } from './types.js';

const NAME_LINE = /^name\s*=\s*"([^"]+)"/;
const pyName = (n: string): string => normalizeName('PyPI', n);

function readToml(text: string | null): Record<string, unknown> | null {
  if (text === null) return null;
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch {
    return null;
  }
}

/** Names from PEP 508 strings (`requests>=2; python_version>"3"`). */
function pep508Names(list: unknown): string[] {
  return (Array.isArray(list) ? list : []).flatMap((s) => {
    const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(String(s));
    return m ? [pyName(m[1]!)] : [];
  });
}

/** Direct prod/dev names declared in pyproject.toml (PEP 621, PEP 735 groups, Poetry tables). */
function pyprojectDeps(ctx: LockfileContext): { prod: Set<string>; dev: Set<string> } | null {
  const py = readToml(ctx.readText(sibling(ctx.file, 'pyproject.toml')));
  if (!py) return null;
  const project = recordOf(py.project);
  const poetry = recordOf(recordOf(py.tool).poetry);
  const prod = new Set([...pep508Names(project.dependencies), ...Object.values(recordOf(project['optional-dependencies'])).flatMap(pep508Names), ...stringKeys(poetry.dependencies).map(pyName)]);
  prod.delete('python');
  const dev = new Set([
    ...Object.values(recordOf(py['dependency-groups'])).flatMap(pep508Names),
    ...stringKeys(poetry['dev-dependencies']).map(pyName),
    ...Object.values(recordOf(poetry.group)).flatMap((g) => stringKeys(recordOf(g).dependencies).map(pyName)),
    ...pep508Names(recordOf(recordOf(py.tool).uv)['dev-dependencies']),
  ]);
  return { prod, dev };
}

function tomlOrProblem(ctx: LockfileContext, format: string): { ok: unknown } | LockfileResult {
  try {
    return { ok: parseToml(ctx.text) };
  } catch (error) {
    return { packages: [], problems: [parseProblem(ctx.file, format, errorText(error))] };
  }
}

export function parsePoetryLock(ctx: LockfileContext): LockfileResult {
  const parsed = tomlOrProblem(ctx, 'poetry.lock (TOML)');
  if ('problems' in parsed) return parsed;
  const lock = recordOf(parsed.ok);
  const lines = keyLines(ctx.text, NAME_LINE);
  const manifest = pyprojectDeps(ctx);
  const packages: LockedPackage[] = [];
  for (const entry of (Array.isArray(lock.package) ? lock.package : []).map(recordOf)) {
    if (typeof entry.name !== 'string' || typeof entry.version !== 'string') continue;
    if (recordOf(entry.source).type === 'directory' || recordOf(entry.source).type === 'git') continue;
    const n = pyName(entry.name);
    const groups = Array.isArray(entry.groups) ? entry.groups.map(String) : null;
    const dev = entry.category === 'dev' || (groups !== null && !groups.includes('main')) || (manifest !== null && manifest.dev.has(n) && !manifest.prod.has(n));
    packages.push({ ecosystem: 'PyPI', name: entry.name, version: entry.version, direct: manifest ? manifest.prod.has(n) || manifest.dev.has(n) : false, dev, file: ctx.file, line: lines.get(entry.name) ?? 1 });
  }
  return { packages, problems: [] };
}

export function parseUvLock(ctx: LockfileContext): LockfileResult {
  const parsed = tomlOrProblem(ctx, 'uv.lock (TOML)');
  if ('problems' in parsed) return parsed;
  const lock = recordOf(parsed.ok);
  const lines = keyLines(ctx.text, NAME_LINE);
  const nodes = new Map<string, LockedPackage>();
  const edges = new Map<string, string[]>();
  const prodRoots: string[] = [];
  const direct = new Set<string>();
  const depNames = (v: unknown): string[] => (Array.isArray(v) ? v.map((d) => pyName(String(recordOf(d).name ?? ''))) : []);
  for (const entry of (Array.isArray(lock.package) ? lock.package : []).map(recordOf)) {
    if (typeof entry.name !== 'string') continue;
    const n = pyName(entry.name);
    const source = recordOf(entry.source);
    const optional = Object.values(recordOf(entry['optional-dependencies'])).flatMap(depNames);
    edges.set(n, [...depNames(entry.dependencies), ...optional]);
    // The project itself (and workspace members) are editable or virtual sources: their deps are direct.
    if ('editable' in source || 'virtual' in source || (isRecord(entry.source) && 'directory' in source)) {
      const prod = [...depNames(entry.dependencies), ...optional];
      prodRoots.push(...prod);
      for (const d of [...prod, ...Object.values(recordOf(entry['dev-dependencies'])).flatMap(depNames)]) direct.add(d);
      continue;
    }
    if (typeof entry.version !== 'string') continue;
    nodes.set(n, { ecosystem: 'PyPI', name: entry.name, version: entry.version, direct: false, dev: false, file: ctx.file, line: lines.get(entry.name) ?? 1 });
  }
  for (const [n, pkg] of nodes) pkg.direct = direct.has(n);
  if (direct.size > 0) markDevByReach(nodes, edges, prodRoots);
  return { packages: [...nodes.values()], problems: [] };
}

export function parsePipfileLock(ctx: LockfileContext): LockfileResult {
  let lock: Record<string, unknown>;
  try {
    lock = recordOf(JSON.parse(ctx.text));
  } catch (error) {
    return { packages: [], problems: [parseProblem(ctx.file, 'Pipfile.lock (JSON)', errorText(error))] };
  }
  const pipfile = readToml(ctx.readText(sibling(ctx.file, 'Pipfile')));
  const declared = pipfile ? new Set([...stringKeys(pipfile.packages), ...stringKeys(pipfile['dev-packages'])].map(pyName)) : null;
  const lines = keyLines(ctx.text, /^\s*"([^"]+)":\s*\{/);
  const packages: LockedPackage[] = [];
  const prodNames = new Set(stringKeys(lock.default).map(pyName));
  for (const section of ['default', 'develop'] as const) {
    for (const [name, value] of Object.entries(recordOf(lock[section]))) {
      const v = recordOf(value).version;
      if (typeof v !== 'string' || !v.startsWith('==')) continue;
      if (section === 'develop' && prodNames.has(pyName(name))) continue;
      packages.push({ ecosystem: 'PyPI', name, version: v.replace(/^==+/, ''), direct: declared ? declared.has(pyName(name)) : false, dev: section === 'develop', file: ctx.file, line: lines.get(name) ?? 1 });
    }
  }
  return { packages, problems: [] };
}
