/** Registers `devsquad gate`; the command itself lives in index.ts (lazily imported). */
import type { Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';

export function registerGate(program: Command, { io, setExit }: CommandWiring): void {
  program
    .command('gate')
    .description('Score a repository (or a stored run) with the quality gate; exits 1 when it blocks')
    .argument('[path]', 'repository to run production-ready on, in memory, and score', '.')
    .option('--run <id>', 're-score a stored run instead (its artifacts, findings and steps)')
    .option('--policy <file>', 'gate policy (YAML: weights, threshold, what blocks; see docs/commands/gate.md)')
    .option('--json', 'print the score, checks, blockers and recommendations as JSON')
    .option('--db <path>', 'run database (for --run; with a path, also records the run)')
    .addHelpText('after', `
Exit codes: 0 passed; 1 blocked; 3 a bad policy file.

Examples:
  devsquad gate .
  devsquad gate --run r1abc2def --policy gate.yaml --json`)
    .action(async (path: string, opts: Record<string, unknown>) => {
      const { gate } = await import('./index.js');
      setExit(await gate({ path, ...opts }, io));
    });
}
