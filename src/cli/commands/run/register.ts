/** Registers `devsquad run`; the command itself lives in index.ts (lazily imported). */
import { Option, type Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';

export function registerRun(program: Command, { io, setExit, collect }: CommandWiring): void {
  program
    .command('run')
    .description('Run a workflow of agent tasks (production-ready, containerize, ci-cd, kubernetes, security-audit, observability, or yours) with a quality gate')
    .argument('<workflow>', 'workflow name: a built-in or one in .devsquad/workflows/')
    .argument('[path]', 'repository to run it on', '.')
    .option('--write', 'write the validated files into the repository')
    .option('--out <dir>', 'write the validated files under another directory')
    .option('--force', 'overwrite files you wrote or edited (a backup is kept in .devsquad/backups/)')
    .option('--json', 'print { run, steps, files, findings, gate } as JSON')
    .option('--db <path>', 'run database (default: DEVSQUAD_DB, else <path>/.devsquad/devsquad.db)')
    .option('--no-db', 'do not record the run')
    .addOption(new Option('--input <step.key=value>', 'set a step input, e.g. dockerfile.nonRootUid=10001 (repeatable)').argParser(collect))
    .option('--timeout <duration>', 'per-step timeout when the step sets none (90s, 5m)')
    .option('--concurrency <n>', 'steps run at the same time (default 4)')
    .option('--fresh', 'do not reuse the inputs earlier runs on this repository recorded')
    .option('--policy <file>', 'quality gate policy (YAML, see docs/commands/gate.md)')
    .addHelpText('after', `
Exit codes: 0 the run succeeded and the gate passed; 1 the gate blocked or a step failed or timed out;
5 --write left a file you edited alone; 130 cancelled (Ctrl-C or devsquad runs cancel).

Examples:
  devsquad run production-ready .                 dry run: every step, the gate, nothing written
  devsquad run production-ready . --write
  devsquad run containerize ../shop --json --db /tmp/runs.db
  devsquad run ci-cd . --input ci-cd.providers='["gitlab"]'`)
    .action(async (workflow: string, path: string, opts: Record<string, unknown>) => {
      // A built-in workflow with Terraform: its parser warms up on another core while the rest loads.
      const { BUILTIN_WORKFLOWS } = await import('../../../orchestrate/workflows/builtin.js');
      if (BUILTIN_WORKFLOWS.find((w) => w.name === workflow)?.steps.some((s) => s.task === 'terraform')) {
        (await import('../../../validate/terraform-hcl.js')).prewarmHclParser();
      }
      const { run } = await import('./index.js');
      const { db, ...rest } = opts;
      setExit(await run({ workflow, path, ...rest, ...(typeof db === 'string' ? { db } : {}), dbPersist: db !== false }, io));
    });
}
