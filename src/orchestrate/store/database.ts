/**
 * Opens the SQLite database every run is kept in (better-sqlite3, WAL), applies pending migrations,
 * and says where it lives: `--db PATH`, else DEVSQUAD_DB, else `.devsquad/devsquad.db` in the repo.
 * WAL lets `devsquad runs events` read while a run writes; busy_timeout lets two processes share it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DsqError } from '../../core/errors.js';
import { MIGRATIONS } from './migrations/index.js';

export type Db = Database.Database;

export const DEFAULT_DB_FILE = '.devsquad/devsquad.db';

/** The database path for a repository, honouring an explicit path and DEVSQUAD_DB. */
export function databasePath(repoRoot: string, explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.DEVSQUAD_DB) return path.resolve(env.DEVSQUAD_DB);
  return path.join(path.resolve(repoRoot), DEFAULT_DB_FILE);
}

/** Opens (creating when needed) and migrates the database. `:memory:` works for tests. */
export function openDatabase(file: string): Db {
  let db: Db;
  try {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new DsqError('DSQ_ERR_STORE_OPEN', { path: file, reason: (error as Error).message }, { cause: error });
  }
  try {
    migrate(db);
  } catch (error) {
    db.close();
    if (error instanceof DsqError) throw error;
    throw new DsqError('DSQ_ERR_STORE_OPEN', { path: file, reason: (error as Error).message }, { cause: error });
  }
  return db;
}

/** Applies every migration newer than the database, each in its own transaction. */
export function migrate(db: Db): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT');
  const current = (db.prepare('SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
  const newest = MIGRATIONS.at(-1)?.version ?? 0;
  if (current > newest) throw new DsqError('DSQ_ERR_STORE_TOO_NEW', { version: current, supported: newest });
  const applied: number[] = [];
  for (const migration of MIGRATIONS) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, new Date().toISOString());
    })();
    applied.push(migration.version);
  }
  return applied;
}
