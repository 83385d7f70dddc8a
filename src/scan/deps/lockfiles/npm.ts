/**
 * package-lock.json (v1, v2, v3) and npm-shrinkwrap.json. v2/v3 list every installed copy under
 * `packages` keyed by its node_modules path (nested copies included) with `dev`/`devOptional` flags;
 * v1 nests `dependencies` objects. Links and the root entry are the project itself, not packages.
 */
import { errorText, isRecord, keyLines, packageJsonDeps, parseProblem, recordOf, stringKeys } from './shared.js';
import type { LockedPackage, LockfileContext, LockfileResult } from './types.js';

const KEY_LINE = /^\s*"((?:[^"\\]|\\.)+)":\s*\{/;

export function parsePackageLock(ctx: LockfileContext): LockfileResult {
  let lock: Record<string, unknown>;
  try {
    lock = recordOf(JSON.parse(ctx.text));
  } catch (error) {
    return { packages: [], problems: [parseProblem(ctx.file, 'JSON', errorText(error))] };
  }
  const lines = keyLines(ctx.text, KEY_LINE);
  const packages: LockedPackage[] = [];
  const version = typeof lock.lockfileVersion === 'number' ? lock.lockfileVersion : 1;
  if (isRecord(lock.packages)) {
    const root = recordOf(lock.packages['']);
    const direct = new Set([...stringKeys(root.dependencies), ...stringKeys(root.devDependencies), ...stringKeys(root.optionalDependencies), ...stringKeys(root.peerDependencies)]);
    for (const [key, value] of Object.entries(lock.packages)) {
      const entry = recordOf(value);
      const at = key.lastIndexOf('node_modules/');
      if (key === '' || at < 0 || entry.link === true) continue;
      const name = typeof entry.name === 'string' ? entry.name : key.slice(at + 'node_modules/'.length);
      if (typeof entry.version !== 'string') continue;
      // Workspace members are at node_modules/<name> too but resolve to a folder: links, skipped above.
      packages.push({
        ecosystem: 'npm', name, version: entry.version,
        direct: at === 0 && direct.has(name),
        dev: entry.dev === true || entry.devOptional === true,
        file: ctx.file, line: lines.get(key) ?? 1,
      });
    }
    return { packages, problems: [] };
  }
  if (version > 1) return { packages: [], problems: [parseProblem(ctx.file, `package-lock v${version}`, 'no "packages" object')] };
  const manifest = packageJsonDeps(ctx);
  const walk = (deps: unknown, depth: number): void => {
    for (const [name, value] of Object.entries(recordOf(deps))) {
      const entry = recordOf(value);
      if (typeof entry.version === 'string' && !/^(file|link):/.test(entry.version)) {
        // v1 records a GitHub dependency's commit as version: it is not a registry version.
        const registry = !entry.version.includes('/') && !entry.version.includes(':');
        if (registry) {
          packages.push({
            ecosystem: 'npm', name, version: entry.version,
            direct: depth === 0 && manifest !== null && (manifest.prod.has(name) || manifest.dev.has(name)),
            dev: entry.dev === true, file: ctx.file, line: lines.get(name) ?? 1,
          });
        }
      }
      walk(entry.dependencies, depth + 1);
    }
  };
  walk(lock.dependencies, 0);
  return { packages, problems: [] };
}
