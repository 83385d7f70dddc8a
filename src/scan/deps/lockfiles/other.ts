/**
 * Cargo.lock (TOML), Gemfile.lock (bundler's indentation format, read line by line), composer.lock
 * (JSON) and gradle.lockfile (one `group:artifact:version=configurations` per line).
 */
import { parse as parseToml } from 'smol-toml';
import { errorText, keyLines, markDevByReach, parseProblem, recordOf, sibling, stringKeys } from './shared.js';
import type { LockedPackage, LockfileContext, LockfileResult } from './types.js';

export function parseCargoLock(ctx: LockfileContext): LockfileResult {
  let lock: Record<string, unknown>;
  try {
    lock = parseToml(ctx.text) as Record<string, unknown>;
  } catch (error) {
    return { packages: [], problems: [parseProblem(ctx.file, 'Cargo.lock (TOML)', errorText(error))] };
  }
  const lines = keyLines(ctx.text, /^name\s*=\s*"([^"]+)"/);
  const direct = new Set<string>();
  const packages: LockedPackage[] = [];
  const entries = (Array.isArray(lock.package) ? lock.package : []).map(recordOf);
  for (const e of entries) {
    // Workspace members have no source; what they depend on is direct.
    if (e.source === undefined && Array.isArray(e.dependencies)) for (const d of e.dependencies) direct.add(String(d).split(' ')[0]!);
  }
  for (const e of entries) {
    if (typeof e.name !== 'string' || typeof e.version !== 'string' || typeof e.source !== 'string' || !e.source.startsWith('registry+')) continue;
    packages.push({ ecosystem: 'crates.io', name: e.name, version: e.version, direct: direct.has(e.name), dev: false, file: ctx.file, line: lines.get(e.name) ?? 1 });
  }
  return { packages, problems: [] };
}

/** Gems declared only inside `group :development` / `:test` blocks of the Gemfile. */
function gemfileDevGems(text: string | null): Set<string> {
  const dev = new Set<string>();
  if (text === null) return dev;
  let devDepth = 0;
  let depth = 0;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    const group = /^group\s+(.+?)\s+do\b/.exec(line);
    if (group) {
      depth++;
      if (!/:production|:default|"production"/.test(group[1]!) && devDepth === 0) devDepth = depth;
      continue;
    }
    if (/\bdo\b(\s*\|.*\|)?$/.test(line)) depth++;
    else if (line === 'end') {
      if (depth === devDepth) devDepth = 0;
      depth = Math.max(0, depth - 1);
    } else if (devDepth > 0) {
      const gem = /^gem\s+["']([^"']+)["']/.exec(line);
      if (gem) dev.add(gem[1]!);
    }
  }
  return dev;
}

export function parseGemfileLock(ctx: LockfileContext): LockfileResult {
  const nodes = new Map<string, LockedPackage>();
  const edges = new Map<string, string[]>();
  const direct: string[] = [];
  let section = '';
  let current: string | null = null;
  let n = 0;
  for (const raw of ctx.text.split('\n')) {
    n++;
    const line = raw.replace(/\r$/, '');
    if (/^[A-Z]/.test(line)) {
      section = line.trim();
      continue;
    }
    if (section === 'GEM' || section === 'GIT' || section === 'PATH') {
      const spec = /^ {4}([^\s(]+) \(([^)]+)\)$/.exec(line);
      const dep = /^ {6}([^\s(]+)/.exec(line);
      if (spec) {
        current = spec[1]!;
        // Platform gems: nokogiri (1.16.0-x86_64-linux).
        const version = spec[2]!.replace(/-(x86|x64|arm|aarch|universal|java|ruby|mingw|mswin|darwin|linux)[\w.-]*$/, '');
        if (section === 'GEM' && !nodes.has(current)) nodes.set(current, { ecosystem: 'RubyGems', name: current, version, direct: false, dev: false, file: ctx.file, line: n });
      } else if (dep && current) {
        edges.set(current, [...(edges.get(current) ?? []), dep[1]!]);
      }
    } else if (section === 'DEPENDENCIES') {
      const m = /^ {2}([^\s(!]+)/.exec(line);
      if (m) direct.push(m[1]!);
    }
  }
  if (nodes.size === 0 && !/^GEM$/m.test(ctx.text)) return { packages: [], problems: [parseProblem(ctx.file, 'Gemfile.lock', 'no GEM section')] };
  for (const d of direct) if (nodes.has(d)) nodes.get(d)!.direct = true;
  const devGems = gemfileDevGems(ctx.readText(sibling(ctx.file, 'Gemfile')));
  if (devGems.size > 0) markDevByReach(nodes, edges, direct.filter((d) => !devGems.has(d)));
  return { packages: [...nodes.values()], problems: [] };
}

export function parseComposerLock(ctx: LockfileContext): LockfileResult {
  let lock: Record<string, unknown>;
  try {
    lock = recordOf(JSON.parse(ctx.text));
  } catch (error) {
    return { packages: [], problems: [parseProblem(ctx.file, 'composer.lock (JSON)', errorText(error))] };
  }
  let manifest: Record<string, unknown> = {};
  try {
    manifest = recordOf(JSON.parse(ctx.readText(sibling(ctx.file, 'composer.json')) ?? '{}'));
  } catch {
    // a broken composer.json only loses the direct/transitive distinction
  }
  const declared = new Set([...stringKeys(manifest.require), ...stringKeys(manifest['require-dev'])].map((s) => s.toLowerCase()));
  const lines = keyLines(ctx.text, /^\s*"name":\s*"([^"]+)"/);
  const packages: LockedPackage[] = [];
  for (const [section, dev] of [['packages', false], ['packages-dev', true]] as const) {
    for (const e of (Array.isArray(lock[section]) ? lock[section] : []).map(recordOf)) {
      if (typeof e.name !== 'string' || typeof e.version !== 'string' || e.version.startsWith('dev-')) continue;
      packages.push({ ecosystem: 'Packagist', name: e.name, version: e.version.replace(/^v(?=\d)/, ''), direct: declared.has(e.name.toLowerCase()), dev, file: ctx.file, line: lines.get(e.name) ?? 1 });
    }
  }
  return { packages, problems: [] };
}

export function parseGradleLockfile(ctx: LockfileContext): LockfileResult {
  const packages: LockedPackage[] = [];
  let n = 0;
  for (const raw of ctx.text.split('\n')) {
    n++;
    const m = /^([^#\s:=]+):([^:=\s]+):([^:=\s]+)=(.*)$/.exec(raw.trim());
    if (!m) continue;
    const configurations = m[4]!.split(',').map((c) => c.trim()).filter(Boolean);
    const dev = configurations.length > 0 && configurations.every((c) => /^test|Test[A-Z]?|^androidTest/.test(c));
    // gradle.lockfile does not say which dependencies the build file declares.
    packages.push({ ecosystem: 'Maven', name: `${m[1]}:${m[2]}`, version: m[3]!, direct: false, dev, file: ctx.file, line: n });
  }
  return { packages, problems: [] };
}
