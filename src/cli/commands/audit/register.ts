/** Registers `devsquad audit` on the program; the command itself lives in index.ts (lazily imported). */
import { Option, type Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';

export function registerAudit(program: Command, { io, setExit, collect }: CommandWiring): void {
  program
    .command('audit')
    .description('Find security problems: source code (OWASP Top 10), secrets, vulnerable dependencies, infrastructure as code')
    .argument('[path]', 'repository to audit', '.')
    .addOption(new Option('--only <scanners>', 'scanners, comma separated: code, secrets, deps, iac (default: all)').argParser(collect))
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'sarif']).default('table'))
    .option('--output <file>', 'write the report to this file (atomically) instead of stdout')
    .addOption(new Option('--fail-on <severity>', 'exit 1 when an unsuppressed finding is at or above this severity').choices(['critical', 'high', 'medium', 'low', 'info', 'none']).default('high'))
    .option('--baseline <file>', 'baseline of accepted findings (default: .devsquad/audit-baseline.json in the repository)')
    .option('--update-baseline', 'write the current findings to the baseline, accepting them')
    .option('--vuln-db <path>', 'dependencies: a directory or zip of OSV JSON records (offline) instead of the OSV API')
    .option('--osv-api <url>', 'dependencies: OSV API base URL (default https://api.osv.dev)')
    .option('--history', 'secrets: also scan git history for secrets deleted but still committed')
    .option('--allow-problems', 'exit 0 even when a scanner could not finish (an unparseable lockfile, an unreachable API)')
    .addHelpText('after', `
Suppress one finding with a comment on its line or the line above, in any comment syntax:
  // devsquad-ignore: DSQ-JS-0031 -- input is an enum checked above

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above --fail-on, 2 usage,
3 bad input or an incomplete audit (scanner problems; see --allow-problems). Docs: docs/commands/audit.md

Scans of 150 source files or more use worker threads (one per spare core, up to 3); the findings are
the same as on one thread. DEVSQUAD_SCAN_THREADS=N sets the number of threads (1: none).

Examples:
  devsquad audit                                 all scanners, a table on the terminal
  devsquad audit . --only code,secrets --fail-on medium
  devsquad audit --format sarif --output devsquad.sarif
  devsquad audit --update-baseline               accept today's findings; fail only on new ones`)
    .action(async (path: string, opts: Record<string, unknown>) => {
      const { audit } = await import('./index.js');
      setExit(await audit({ path, ...opts }, io));
    });
}
