/** Registers `devsquad agents`; the command itself lives in index.ts (lazily imported). */
import type { Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';

export function registerAgents(program: Command, { io, setExit }: CommandWiring): void {
  program
    .command('agents')
    .description('List the agents, their tasks and each task\'s inputs (key, type, default)')
    .option('--json', 'print them as JSON')
    .action(async (opts: { json?: boolean }) => {
      const { agents } = await import('./index.js');
      setExit(agents(opts, io));
    });
}
