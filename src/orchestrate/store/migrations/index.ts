/**
 * Schema migrations, in order. Each is a versioned file (NNNN-name.ts) that is applied once, in a
 * transaction, and recorded in schema_migrations; never edit one that shipped, add the next.
 */
import * as m0001 from './0001-init.js';
import * as m0002 from './0002-memory.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, ...m0001 },
  { version: 2, ...m0002 },
];
