/**
 * The flags every file-writing command shares (generate, observe, harden): which services, which
 * plan, where to write, and how to report. One definition, so the three commands cannot drift apart.
 */
import { Option, type Command } from 'commander';

export function addWriteOptions(command: Command, collect: (value: string, previous?: string[]) => string[]): Command {
  return command
    .addOption(new Option('--service <names>', 'only these services (comma separated)').argParser(collect))
    .option('--plan <file>', 'use this plan (from analyze --json) instead of analysing')
    .option('--write', 'write the files into the repository')
    .option('--out <dir>', 'write the files under another directory')
    .option('--force', 'overwrite files you wrote or edited (a backup is kept in .devsquad/backups/)')
    .option('--json', 'print what was (or would be) written as JSON')
    .option('--summary', 'dry run: list the files without their diffs')
    .option('--explain', 'show the choices behind each file and the plan facts it was built from');
}
