/** Registers `devsquad db` (the local OSV vulnerability database); the commands live in index.ts. */
import type { Command } from 'commander';
import type { CommandWiring } from '../../wiring.js';

export function registerDb(program: Command, { io, setExit }: CommandWiring): void {
  const db = program
    .command('db')
    .description('Manage the local vulnerability database the dependency audit uses offline')
    .addHelpText('after', `
The database lives in $DEVSQUAD_VULN_DB, else $XDG_CACHE_HOME/devsquad/osv, else ~/.cache/devsquad/osv.
\`devsquad audit\` uses it when --vuln-db is not given and the OSV API cannot be reached (or
DEVSQUAD_OFFLINE=1 is set). Download OSV data from https://osv-vulnerabilities.storage.googleapis.com/<Ecosystem>/all.zip.

Examples:
  devsquad db import npm-all.zip
  devsquad db import ./osv-records/ --db-dir /srv/osv
  devsquad db status`);
  db.command('import')
    .description('Import OSV JSON records (a zip, a directory or one file) into the local database')
    .argument('<source>', 'zip of OSV JSON records, a directory of them (zips included), or one .json/.ndjson file')
    .option('--db-dir <dir>', 'database directory (default: $DEVSQUAD_VULN_DB or ~/.cache/devsquad/osv)')
    .option('--json', 'print the result as JSON')
    .action(async (source: string, opts: { dbDir?: string; json?: boolean }) => {
      const { dbImport } = await import('./index.js');
      setExit(await dbImport({ source, ...opts }, io));
    });
  db.command('status')
    .description('Show where the local database is, what it holds and when it was last imported')
    .option('--db-dir <dir>', 'database directory (default: $DEVSQUAD_VULN_DB or ~/.cache/devsquad/osv)')
    .option('--json', 'print the status as JSON')
    .action(async (opts: { dbDir?: string; json?: boolean }) => {
      const { dbStatus } = await import('./index.js');
      setExit(await dbStatus(opts, io));
    });
}
