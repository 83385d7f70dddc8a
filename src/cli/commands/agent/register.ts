/** Registers `devsquad agent`; the command itself lives in index.ts (lazily imported). */
import { Option, type Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';

export function registerAgent(program: Command, { io, setExit, collect }: CommandWiring): void {
  program
    .command('agent')
    .description('Run one agent task (see devsquad agents), dry run unless --write or --out')
    .argument('<agent>', 'infrastructure, security or monitoring')
    .argument('<task>', 'a task of that agent, e.g. dockerfile, audit, slo_sla')
    .argument('[path]', 'repository to run it on', '.')
    .addOption(new Option('--input <key=value>', 'set a task input (repeatable); values are JSON when they parse').argParser(collect))
    .option('--write', 'write the validated files into the repository')
    .option('--out <dir>', 'write the validated files under another directory')
    .option('--force', 'overwrite files you wrote or edited (a backup is kept)')
    .option('--json', 'print the AgentResult as JSON')
    .option('--db <path>', 'run database (default: DEVSQUAD_DB, else <path>/.devsquad/devsquad.db)')
    .option('--no-db', 'do not record a run')
    .addHelpText('after', `
Exit codes: 0 the task succeeded; 1 it failed; 5 --write left a file you edited alone; 130 cancelled.

Examples:
  devsquad agent infrastructure dockerfile . --input nonRootUid=10001
  devsquad agent security secrets_scan . --json --no-db`)
    .action(async (agentName: string, task: string, path: string, opts: Record<string, unknown>) => {
      if (task === 'terraform') (await import('../../../validate/terraform-hcl.js')).prewarmHclParser();
      const { agent } = await import('./index.js');
      const { db, ...rest } = opts;
      setExit(await agent({ agent: agentName, task, path, ...rest, ...(typeof db === 'string' ? { db } : {}), dbPersist: db !== false }, io));
    });
}
