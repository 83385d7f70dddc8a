/**
 * The devsquad command line. Wires argv to plain async command functions (lazily imported so
 * `--help` stays instant), and catches every error in one place: catalogue errors print their code,
 * message and hint and exit with their documented code; anything else is an internal error (70).
 */
import { Command, CommanderError } from 'commander';
import { DsqError, EXIT, isDsqError } from '../core/errors.js';
import { log } from '../core/logger.js';
import { colorEnabled, processIo, type Io } from './io.js';
import { VERSION } from './version.js';
import { COMMANDS, collect } from './wiring.js';

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

  for (const register of COMMANDS) register(program, { io, setExit, collect });
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
