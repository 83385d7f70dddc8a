/**
 * package.json as the Node detector reads it. Real manifests are messy (a `workspaces` object, a
 * dependency map with a number in it, `bin` as a string), so every field `.catch`es to "absent"
 * instead of failing the whole file: one odd field must not hide the rest.
 */
import { z } from 'zod';
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { lineOf } from '../shared/text.js';

const StringMap = z
  .record(z.string(), z.unknown())
  .transform((m) => Object.fromEntries(Object.entries(m).filter((e): e is [string, string] => typeof e[1] === 'string')))
  .optional()
  .catch(undefined);

const OptionalString = z.string().optional().catch(undefined);

export const PackageJsonSchema = z.object({
  name: OptionalString,
  version: OptionalString,
  private: z.boolean().optional().catch(undefined),
  type: OptionalString,
  main: OptionalString,
  module: OptionalString,
  bin: z.union([z.string(), z.record(z.string(), z.unknown())]).optional().catch(undefined),
  exports: z.unknown().optional(),
  scripts: StringMap,
  dependencies: StringMap,
  devDependencies: StringMap,
  optionalDependencies: StringMap,
  peerDependencies: StringMap,
  workspaces: z
    .union([z.array(z.string()), z.object({ packages: z.array(z.string()).optional().catch(undefined) })])
    .optional()
    .catch(undefined),
  packageManager: OptionalString,
  engines: StringMap,
  volta: StringMap,
  prisma: z.object({ schema: OptionalString }).optional().catch(undefined),
});

/** What the detector uses from one package.json, normalised. */
export interface Manifest {
  /** Repo-relative path of the package.json. */
  file: string;
  dir: string;
  text: string;
  name: string | null;
  private: boolean;
  /** 'module' when `"type": "module"`. */
  type: 'module' | 'commonjs';
  main: string | null;
  module: string | null;
  hasBin: boolean;
  hasExports: boolean;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  /** Workspace globs, or null when the manifest declares none. */
  workspaces: string[] | null;
  packageManager: string | null;
  engines: Record<string, string>;
  volta: Record<string, string>;
  prismaSchema: string | null;
}

/** Reads `<dir>/package.json`; null when it is missing, broken (RepoFs records why) or not an object. */
export function readManifest(repo: RepoFs, dir: string): Manifest | null {
  const file = joinPath(dir, 'package.json');
  const raw = repo.readJson(file);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const parsed = PackageJsonSchema.safeParse(raw);
  if (!parsed.success) return null;
  const pkg = parsed.data;
  const ws = pkg.workspaces;
  return {
    file,
    dir,
    text: repo.readText(file) ?? '',
    name: pkg.name?.trim() || null,
    private: pkg.private === true,
    type: pkg.type === 'module' ? 'module' : 'commonjs',
    main: pkg.main?.trim() || null,
    module: pkg.module?.trim() || null,
    hasBin: pkg.bin !== undefined,
    hasExports: pkg.exports !== undefined,
    scripts: pkg.scripts ?? {},
    dependencies: pkg.dependencies ?? {},
    devDependencies: pkg.devDependencies ?? {},
    optionalDependencies: pkg.optionalDependencies ?? {},
    peerDependencies: pkg.peerDependencies ?? {},
    workspaces: Array.isArray(ws) ? ws : ws?.packages ?? null,
    packageManager: pkg.packageManager?.trim() || null,
    engines: pkg.engines ?? {},
    volta: pkg.volta ?? {},
    prismaSchema: pkg.prisma?.schema ?? null,
  };
}

/** Every dependency name (runtime, dev, optional) with its version spec. */
export function allDependencies(m: Manifest): Record<string, string> {
  return { ...m.peerDependencies, ...m.optionalDependencies, ...m.devDependencies, ...m.dependencies };
}

/** Line of a `"key":` entry in the manifest (a script, a dependency, a field), for evidence. */
export function manifestLine(m: Manifest, key: string): number | undefined {
  const escaped = key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return lineOf(m.text, new RegExp(`"${escaped}"\\s*:`));
}
