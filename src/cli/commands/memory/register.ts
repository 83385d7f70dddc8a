/** Registers `devsquad memory`; the command itself lives in index.ts (lazily imported). */
import type { Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';

export function registerMemory(program: Command, { io, setExit }: CommandWiring): void {
  program
    .command('memory')
    .description('Store and search the squad\'s shared memory: decisions, edits, statuses and notes')
    .argument('<action>', 'store | search')
    .argument('<text>', 'the text to store, or the search query')
    .option('--type <type>', 'decision | edit | status | note (store: default note; search: filter)')
    .option('--agent <name>', 'who stored it (required for store; a filter for search)')
    .option('--run <id>', 'the run it belongs to (store) or a run filter (search)')
    .option('--limit <n>', 'search: at most this many results', '20')
    .option('--json', 'print JSON')
    .option('--db <path>', 'database (default: DEVSQUAD_DB, else ./.devsquad/devsquad.db)')
    .addHelpText('after', `
Search is full-text (SQLite FTS5), best match first (BM25); every word counts, none is required.

Examples:
  devsquad memory store "base image node:20.18-alpine because .nvmrc says 20.18" --type decision --agent infrastructure
  devsquad memory search "base image" --type decision --json`)
    .action((action: string, text: string, opts: Record<string, unknown>) => {
      return import('./index.js').then(({ memory }) => setExit(memory({ action, text, ...opts }, io)));
    });
}
