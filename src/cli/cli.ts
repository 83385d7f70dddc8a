/**
 * The devsquad command line. Wires argv to plain async command functions (lazily imported so
 * `--help` stays instant), and catches every error in one place: catalogue errors print their code,
 * message and hint and exit with their documented code; anything else is an internal error (70).
 */
import { Command, CommanderError, Option } from 'commander';
import { DsqError, EXIT, isDsqError } from '../core/errors.js';
import { log } from '../core/logger.js';
import { colorEnabled, processIo, type Io } from './io.js';
import { VERSION } from './version.js';

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

export async function main(argv: string[], ioOverride?: Io): Promise<number> {
  const colorFlag = argv.includes('--no-color') ? false : undefined;
  const io = ioOverride ?? processIo(colorEnabled(process.stdout, colorFlag));
  if (argv.includes('--verbose') || argv.includes('-v')) log.level = 'debug';
  let exitCode = 0;
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    return report(error, io);
  }
}

function buildProgram(io: Io, setExit: (code: number) => void): Command {
  const program = new Command('devsquad')
    .description('A DevOps squad in a box: analyses a repository and writes validated deployment artifacts.')
    .version(VERSION, '--version', 'print the devsquad version')
    .option('-v, --verbose', 'print debug logs to stderr')
    .option('--no-color', 'never colour the output (NO_COLOR is honoured too)')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
    .exitOverride()
    .addHelpText('after', `
Examples:
  devsquad analyze .                       what services this repo has, how to build and run them
  devsquad analyze . --explain             the file and line behind every fact
  devsquad generate .                      dry run: show the Dockerfiles, .dockerignore and compose.yaml
  devsquad generate . --write              write them into the repository
  devsquad validate Dockerfile compose.yaml
Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage, 3 bad input, 4 nothing to do,
5 a file you edited was left alone, 70 internal error. Docs: docs/README.md`);

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
      const { analyze } = await import('./commands/analyze/index.js');
      setExit(await analyze({ path, ...opts }, io));
    });

  program
    .command('generate')
    .description('Generate artifacts from the analysis (dry run unless --write or --out)')
    .argument('[path]', 'repository to generate for (and write into with --write)', '.')
    .addOption(new Option('--only <families>', 'artifact families, comma separated: dockerfile, dockerignore, compose, ci, kubernetes, terraform').argParser(collect))
    .addOption(new Option('--service <names>', 'only these services (comma separated)').argParser(collect))
    .option('--plan <file>', 'use this plan (from analyze --json) instead of analysing')
    .option('--write', 'write the files into the repository')
    .option('--out <dir>', 'write the files under another directory')
    .option('--force', 'overwrite files you wrote or edited (a backup is kept in .devsquad/backups/)')
    .option('--json', 'print what was (or would be) written as JSON')
    .option('--summary', 'dry run: list the files without their diffs')
    .option('--explain', 'show the choices behind each file and the plan facts it was built from')
    .addOption(new Option('--ci <providers>', 'CI providers for the ci family, comma separated: github, gitlab, circleci, jenkins').argParser(collect))
    .addOption(new Option('--cloud <clouds>', 'clouds for the terraform family, comma separated: aws, gcp, azure, hetzner').argParser(collect))
    .addOption(new Option('--input <family.key=value>', 'set a generator input, e.g. dockerignore.extraPatterns=["tmp"]').argParser(collect))
    .addHelpText('after', `
Without --write or --out nothing is written: devsquad shows each file as create, update, unchanged or
conflict, with a diff. It never overwrites a file you wrote or edited unless you pass --force.

Examples:
  devsquad generate                           dry run for the current directory
  devsquad generate . --only dockerfile --service api --write
  devsquad generate --plan plan.json --out /tmp/artifacts`)
    .action(async (path: string, opts: Record<string, unknown>) => {
      const { generate } = await import('./commands/generate/index.js');
      setExit(await generate({ path, ...opts }, io));
    });

  program
    .command('validate')
    .description('Check Dockerfiles, compose, .dockerignore, Kubernetes, GitHub Actions and Terraform files with the validators devsquad uses')
    .argument('<files...>', 'files to check')
    .option('--kind <kind>', 'treat the files as this kind: dockerfile, compose, dockerignore, kubernetes, github-actions, terraform')
    .option('--json', 'print the findings as JSON')
    .option('--fail-on <severity>', 'exit 1 when a finding is at or above: critical, high, medium, low, info', 'high')
    .addHelpText('after', `
Every finding has a stable rule id (DSQ-DF-… Dockerfile, DSQ-DC-… compose, DSQ-DI-… .dockerignore,
DSQ-K8S-… Kubernetes, DSQ-GHA-… GitHub Actions, DSQ-TF-… Terraform),
documented in docs/rules/.

Examples:
  devsquad validate Dockerfile
  devsquad validate deploy/compose.prod.yaml --fail-on medium
  devsquad validate build/app.containerfile --kind dockerfile --json`)
    .action(async (files: string[], opts: { kind?: string; json?: boolean; failOn?: string }) => {
      const { validate } = await import('./commands/validate/index.js');
      setExit(await validate({ files, ...opts }, io));
    });

  return program;
}

function report(error: unknown, io: Io): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return EXIT.ok;
    return EXIT.usage; // commander already printed the message
  }
  if (isDsqError(error)) return printError(error, io);
  const internal = new DsqError('DSQ_ERR_INTERNAL_ERROR', { detail: (error as Error)?.message ?? String(error) }, { cause: error });
  if (log.level === 'debug' && error instanceof Error && error.stack) io.err(error.stack);
  return printError(internal, io);
}

function printError(error: DsqError, io: Io): number {
  io.err(`${io.color.red('error')} ${io.color.bold(error.code)}: ${error.message}`);
  if (error.hint) io.err(`  ${io.color.dim(error.hint)}`);
  return error.exitCode;
}
