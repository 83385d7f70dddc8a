/**
 * Deno web frameworks: Fresh (file-system routes, `deno task build` into _fresh/), Hono and Oak
 * (plain servers started with Deno.serve / app.listen). Recognised from the import map in deno.json
 * and from import specifiers in the source.
 */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import { joinPath } from '../../../core/repo/repo-fs.js';
import type { HealthFinding } from '../../shared/health.js';
import { HEALTH_PATHS } from '../../shared/health.js';
import type { DenoConfig } from '../config.js';

export type DenoFramework = 'fresh' | 'hono' | 'oak';

const SPECIFIERS: Array<[DenoFramework, RegExp]> = [
  ['fresh', /(\$fresh\/|jsr:@fresh\/core|deno\.land\/x\/fresh@)/],
  ['hono', /(jsr:@hono\/hono|npm:hono\b|deno\.land\/x\/hono@)/],
  ['oak', /(jsr:@oak\/oak|deno\.land\/x\/oak@|npm:@oakserver\/oak)/],
];

export function denoFramework(repo: RepoFs, dir: string, config: DenoConfig, sources: readonly string[]): { id: DenoFramework; file: string; note: string } | null {
  if (repo.isFile(joinPath(dir, 'fresh.gen.ts'))) return { id: 'fresh', file: joinPath(dir, 'fresh.gen.ts'), note: 'fresh.gen.ts (Fresh route manifest)' };
  for (const [id, re] of SPECIFIERS) {
    for (const [key, value] of Object.entries(config.imports)) {
      if (re.test(value) || re.test(key)) return { id, file: config.file, note: `"${key}": "${value}"` };
    }
  }
  for (const file of sources) {
    const text = repo.readText(file);
    if (text === null) continue;
    for (const [id, re] of SPECIFIERS) if (re.test(text)) return { id, file, note: `imports ${id}` };
  }
  return null;
}

/** Fresh maps routes/health.ts to /health (and routes/api/health.ts to /api/health). */
export function freshHealthRoutes(repo: RepoFs, dir: string): HealthFinding[] {
  const found: HealthFinding[] = [];
  for (const file of repo.glob(['routes/**/*.{ts,tsx,js,jsx}'], { cwd: joinPath(dir, '') })) {
    const rel = file.slice(dir === '' ? 0 : dir.length + 1).replace(/^routes/, '').replace(/\.(tsx?|jsx?)$/, '').replace(/\/index$/, '');
    if ((HEALTH_PATHS as readonly string[]).includes(rel)) found.push({ path: rel, file, line: 1, text: `Fresh route file ${file}` });
  }
  return found;
}
