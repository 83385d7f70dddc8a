/**
 * The package's own test and lint scripts as CI commands (commands.test / commands.lint). Only
 * scripts the package defines count: a CI step that runs a tool the repo never configured would fail
 * or, worse, pass without checking anything. `npm init` writes a "test" script that only fails; it is
 * a placeholder, not a test suite.
 */
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence } from '../../plan/service.js';
import type { PackageManagerInfo } from './package-managers.js';
import type { Manifest } from './schema.js';
import { manifestLine } from './schema.js';

const PLACEHOLDER = /^\s*echo\s+["']?Error: no test specified["']?\s*&&\s*exit\s+1\s*$/;

/** Scripts that do nothing useful in CI: the npm-init placeholder, or echo/exit/true only. */
function isPlaceholder(script: string): boolean {
  return PLACEHOLDER.test(script) || /^\s*(echo\b[^&|;]*|exit\s+0|true)\s*$/.test(script);
}

/**
 * `<pm> test` / `<pm> run lint`, scoped to the workspace member when the commands run at the
 * workspace root (build.context differs from the service dir).
 */
export function scriptCommand(pm: PackageManagerInfo, script: string, member: { name: string | null; dir: string } | null): string {
  const run = script === 'test' && pm.name !== 'bun' ? `${pm.name} test` : `${pm.name} run ${script}`;
  if (!member) return run;
  switch (pm.name) {
    case 'npm':
      return `npm run ${script} --workspace ${member.dir}`;
    case 'pnpm':
      return `pnpm --filter ${member.name ?? `./${member.dir}`} run ${script}`;
    case 'yarn':
      return member.name ? `yarn workspace ${member.name} run ${script}` : `(cd ${member.dir} && yarn run ${script})`;
    default:
      return `(cd ${member.dir} && ${run})`;
  }
}

export function applyChecks(service: ServicePlan, manifest: Manifest, pm: PackageManagerInfo, member: { name: string | null; dir: string } | null): void {
  for (const fact of ['test', 'lint'] as const) {
    const script = manifest.scripts[fact];
    if (script === undefined || isPlaceholder(script)) continue;
    service.commands[fact] = scriptCommand(pm, fact, member);
    addEvidence(service, fact, manifest.file, `"${fact}": "${script}"`, manifestLine(manifest, fact));
  }
}
