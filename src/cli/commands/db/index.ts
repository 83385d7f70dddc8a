/**
 * `devsquad db import <zip|dir> [--db-dir DIR]` and `devsquad db status`: the local OSV database that
 * `devsquad audit` reads offline (src/scan/deps/osv/cache.ts has the layout).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DsqError } from '../../../core/errors.js';
import { defaultDbDir, importRecords, readManifest } from '../../../scan/deps/osv/cache.js';
import type { Io } from '../../io.js';

export interface DbImportOptions {
  source: string;
  dbDir?: string;
  json?: boolean;
}

export async function dbImport(options: DbImportOptions, io: Io): Promise<number> {
  await Promise.resolve(); // errors surface as rejections, like every other command
  const source = path.resolve(options.source);
  if (!fs.existsSync(source)) throw new DsqError('DSQ_ERR_DEPS_VULN_DB', { path: options.source, reason: 'no such file or directory' });
  const dbDir = path.resolve(options.dbDir ?? defaultDbDir());
  let result;
  try {
    result = importRecords(source, dbDir);
  } catch (error) {
    throw new DsqError('DSQ_ERR_DEPS_VULN_DB', { path: options.source, reason: (error as Error).message }, { cause: error });
  }
  if (result.imported === 0) throw new DsqError('DSQ_ERR_DEPS_VULN_DB', { path: options.source, reason: `no OSV records found${result.broken > 0 ? ` (${result.broken} unreadable file(s))` : ''}` });
  if (options.json) io.out(JSON.stringify(result, null, 2));
  else {
    io.out(`Imported ${result.imported.toLocaleString('en-US')} OSV records into ${dbDir}${result.broken > 0 ? ` (${result.broken} unreadable file(s) skipped)` : ''}`);
    for (const [eco, n] of Object.entries(result.ecosystems).sort()) io.out(`  ${eco.padEnd(12)} ${n.toLocaleString('en-US')} records`);
  }
  return 0;
}

export function dbStatus(options: { dbDir?: string; json?: boolean }, io: Io): Promise<number> {
  const dbDir = path.resolve(options.dbDir ?? defaultDbDir());
  const manifest = readManifest(dbDir);
  if (options.json) {
    io.out(JSON.stringify({ dbDir, ...(manifest ?? { updated: null, sources: [], ecosystems: {} }) }, null, 2));
    return Promise.resolve(0);
  }
  if (!manifest) {
    io.out(`No local vulnerability database at ${dbDir}. Create one with \`devsquad db import <zip|dir>\`.`);
    return Promise.resolve(0);
  }
  io.out(`${dbDir} (last import ${manifest.updated})`);
  for (const [eco, n] of Object.entries(manifest.ecosystems).sort()) io.out(`  ${eco.padEnd(12)} ${n.toLocaleString('en-US')} records`);
  return Promise.resolve(0);
}
