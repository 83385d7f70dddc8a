/** Registers `devsquad analyze` on the program; the command itself lives in index.ts (lazily imported). */
import type { Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';

export function registerAnalyze(program: Command, { io, setExit }: CommandWiring): void {
  program
    .command('analyze')
    .description('Detect every deployable service: stack, commands, port, health route, env vars, backing services')
    .argument('[path]', 'repository to analyse', '.')
    .option('--json', 'print the ProjectPlan as JSON (the schema in docs/plan.md)')
    .option('--explain', 'show the evidence (file:line) behind every fact and each directory verdict')
    .addHelpText('after', `
Examples:
  devsquad analyze
  devsquad analyze ../shop --explain
  devsquad analyze . --json > plan.json     edit it, then: devsquad generate --plan plan.json`)
    .action(async (path: string, opts: { json?: boolean; explain?: boolean }) => {
      const { analyze } = await import('./index.js');
      setExit(await analyze({ path, ...opts }, io));
    });
}
