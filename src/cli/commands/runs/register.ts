/** Registers `devsquad runs`; the command itself lives in index.ts (lazily imported). */
import type { Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';

export function registerRuns(program: Command, { io, setExit }: CommandWiring): void {
  program
    .command('runs')
    .description('List runs, show one, print or follow its events, or cancel it')
    .argument('[action]', 'list | show | events | cancel', 'list')
    .argument('[id]', 'run id (show, events, cancel)')
    .option('--json', 'print JSON (events: one JSON object per line)')
    .option('--db <path>', 'run database (default: DEVSQUAD_DB, else ./.devsquad/devsquad.db)')
    .option('--after <eventId>', 'events: only those after this event id (resume a stream)')
    .option('--follow', 'events: keep printing new events until the run ends')
    .option('--limit <n>', 'list: how many runs (newest first)', '20')
    .addHelpText('after', `
Examples:
  devsquad runs
  devsquad runs show r1abc2def
  devsquad runs events r1abc2def --after 120 --follow
  devsquad runs cancel r1abc2def`)
    .action(async (action: string, id: string | undefined, opts: Record<string, unknown>) => {
      const { runs } = await import('./index.js');
      setExit(await runs({ action, ...(id ? { id } : {}), ...opts }, io));
    });
}
