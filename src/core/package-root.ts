/**
 * The devsquad package's own root directory (where package.json, rules/ and dist/ live), found by
 * walking up from this module. Data files are located from here rather than by a fixed number of
 * `../` from each module, so the same code works from src/ (tests), from dist/ (tsc output) and from
 * the single-file bundle the CLI loads.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | null = null;

export function packageRoot(): string {
  if (cached !== null) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && isDevsquadManifest(manifest)) return (cached = dir);
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`devsquad: cannot find its package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

function isDevsquadManifest(file: string): boolean {
  try {
    return (JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: unknown }).name === 'devsquad';
  } catch {
    return false;
  }
}

/** A path inside the package: `packagePath('rules', 'code')`. */
export function packagePath(...segments: string[]): string {
  return path.join(packageRoot(), ...segments);
}
