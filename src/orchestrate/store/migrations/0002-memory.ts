/**
 * Migration 2: the shared memory (decisions, edits, statuses, notes) with an FTS5 index. The index is
 * an external-content table kept in step by triggers, so the text is stored once and BM25 ranks it.
 */
export const name = 'memory';

export const sql = `
CREATE TABLE memory (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  text        TEXT NOT NULL,
  type        TEXT NOT NULL CHECK (type IN ('decision', 'edit', 'status', 'note')),
  agent       TEXT NOT NULL,
  run_id      TEXT,
  repo        TEXT,
  key         TEXT,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX memory_by_key ON memory (repo, key);

CREATE VIRTUAL TABLE memory_fts USING fts5(text, agent UNINDEXED, type UNINDEXED, content = 'memory', content_rowid = 'id', tokenize = 'porter unicode61');

CREATE TRIGGER memory_ai AFTER INSERT ON memory BEGIN
  INSERT INTO memory_fts (rowid, text, agent, type) VALUES (new.id, new.text, new.agent, new.type);
END;
CREATE TRIGGER memory_ad AFTER DELETE ON memory BEGIN
  INSERT INTO memory_fts (memory_fts, rowid, text, agent, type) VALUES ('delete', old.id, old.text, old.agent, old.type);
END;
CREATE TRIGGER memory_au AFTER UPDATE ON memory BEGIN
  INSERT INTO memory_fts (memory_fts, rowid, text, agent, type) VALUES ('delete', old.id, old.text, old.agent, old.type);
  INSERT INTO memory_fts (rowid, text, agent, type) VALUES (new.id, new.text, new.agent, new.type);
END;
`;
