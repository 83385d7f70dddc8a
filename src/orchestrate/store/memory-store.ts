/**
 * The shared memory: decisions, edits, statuses and notes that agents and users store and search.
 * Search is SQLite FTS5 ranked by BM25 (lower is better, so results sort ascending), with filters
 * by type, agent and run. Agents read it through `latestDecision(repo, key)`: a second run on the same
 * repository reuses what an earlier run decided unless told otherwise.
 */
import type { Db } from './database.js';

export const MEMORY_TYPES = ['decision', 'edit', 'status', 'note'] as const;
export type MemoryType = (typeof MEMORY_TYPES)[number];

export interface MemoryEntry {
  id: number;
  text: string;
  type: MemoryType;
  agent: string;
  runId: string | null;
  repo: string | null;
  /** A stable key for decisions agents look up again (`dockerfile.base-image:api`). */
  key: string | null;
  createdAt: string;
}

export interface MemoryHit extends MemoryEntry {
  /** BM25 score (FTS5's: more negative is more relevant). */
  score: number;
}

export interface MemoryFilters {
  type?: MemoryType;
  agent?: string;
  runId?: string;
  repo?: string;
  limit?: number;
}

type Row = Record<string, unknown>;

function toEntry(row: Row): MemoryEntry {
  return {
    id: row.id as number,
    text: row.text as string,
    type: row.type as MemoryType,
    agent: row.agent as string,
    runId: (row.run_id as string | null) ?? null,
    repo: (row.repo as string | null) ?? null,
    key: (row.key as string | null) ?? null,
    createdAt: row.created_at as string,
  };
}

/**
 * Turns what a user typed into an FTS5 query that cannot be a syntax error: every word becomes a
 * quoted term (quotes doubled), joined with OR so partial matches still rank, BM25 orders them.
 */
export function ftsQuery(text: string): string | null {
  const words = text.match(/[\p{L}\p{N}_][\p{L}\p{N}_.:-]*/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' OR ');
}

export class MemoryStore {
  constructor(readonly db: Db) {}

  store(entry: { text: string; type: MemoryType; agent: string; runId?: string | null; repo?: string | null; key?: string | null }): MemoryEntry {
    const createdAt = new Date().toISOString();
    const info = this.db
      .prepare('INSERT INTO memory (text, type, agent, run_id, repo, key, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(entry.text, entry.type, entry.agent, entry.runId ?? null, entry.repo ?? null, entry.key ?? null, createdAt);
    return this.get(Number(info.lastInsertRowid))!;
  }

  get(id: number): MemoryEntry | null {
    const row = this.db.prepare('SELECT * FROM memory WHERE id = ?').get(id) as Row | undefined;
    return row ? toEntry(row) : null;
  }

  search(query: string, filters: MemoryFilters = {}): MemoryHit[] {
    const match = ftsQuery(query);
    if (!match) return [];
    const where: string[] = ['memory_fts MATCH ?'];
    const params: unknown[] = [match];
    if (filters.type) {
      where.push('m.type = ?');
      params.push(filters.type);
    }
    if (filters.agent) {
      where.push('m.agent = ?');
      params.push(filters.agent);
    }
    if (filters.runId) {
      where.push('m.run_id = ?');
      params.push(filters.runId);
    }
    if (filters.repo) {
      where.push('m.repo = ?');
      params.push(filters.repo);
    }
    params.push(filters.limit ?? 20);
    const rows = this.db
      .prepare(`SELECT m.*, bm25(memory_fts) AS score FROM memory_fts JOIN memory m ON m.id = memory_fts.rowid WHERE ${where.join(' AND ')} ORDER BY score, m.id DESC LIMIT ?`)
      .all(...params) as Row[];
    return rows.map((row) => ({ ...toEntry(row), score: row.score as number }));
  }

  /** Newest entries first, filtered. */
  recent(filters: MemoryFilters = {}): MemoryEntry[] {
    const where: string[] = ['1 = 1'];
    const params: unknown[] = [];
    if (filters.type) {
      where.push('type = ?');
      params.push(filters.type);
    }
    if (filters.agent) {
      where.push('agent = ?');
      params.push(filters.agent);
    }
    if (filters.runId) {
      where.push('run_id = ?');
      params.push(filters.runId);
    }
    if (filters.repo) {
      where.push('repo = ?');
      params.push(filters.repo);
    }
    params.push(filters.limit ?? 20);
    return (this.db.prepare(`SELECT * FROM memory WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`).all(...params) as Row[]).map(toEntry);
  }

  /** The newest decision stored under a key for a repository, or null. */
  latestDecision(repo: string, key: string): MemoryEntry | null {
    const row = this.db.prepare("SELECT * FROM memory WHERE repo = ? AND key = ? AND type = 'decision' ORDER BY id DESC LIMIT 1").get(repo, key) as Row | undefined;
    return row ? toEntry(row) : null;
  }
}
