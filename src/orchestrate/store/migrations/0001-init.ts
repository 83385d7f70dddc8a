/** Migration 1: runs, steps, the append-only event log, artifacts, findings, gate results. */
export const name = 'init';

export const sql = `
CREATE TABLE runs (
  id           TEXT PRIMARY KEY,
  workflow     TEXT NOT NULL,
  repo         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out')),
  created_at   TEXT NOT NULL,
  started_at   TEXT,
  finished_at  TEXT,
  owner_pid    INTEGER,
  owner_host   TEXT,
  error        TEXT,
  options      TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX runs_by_created ON runs (created_at DESC);
CREATE INDEX runs_by_status ON runs (status);

CREATE TABLE steps (
  run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_id      TEXT NOT NULL,
  agent        TEXT NOT NULL,
  task         TEXT NOT NULL,
  status       TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed', 'cancelled', 'timed_out', 'skipped', 'blocked')),
  attempt      INTEGER NOT NULL DEFAULT 0,
  started_at   TEXT,
  finished_at  TEXT,
  error        TEXT,
  output       TEXT,
  PRIMARY KEY (run_id, step_id)
) STRICT;

CREATE TABLE events (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_id      TEXT,
  type         TEXT NOT NULL,
  at           TEXT NOT NULL,
  data         TEXT NOT NULL DEFAULT '{}'
) STRICT;
CREATE INDEX events_by_run ON events (run_id, id);

CREATE TABLE artifacts (
  run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_id      TEXT NOT NULL,
  path         TEXT NOT NULL,
  kind         TEXT NOT NULL,
  generator    TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  action       TEXT,
  valid        INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (run_id, path)
) STRICT;

CREATE TABLE findings (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  run_id       TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step_id      TEXT NOT NULL,
  rule_id      TEXT NOT NULL,
  severity     TEXT NOT NULL CHECK (severity IN ('critical', 'high', 'medium', 'low', 'info')),
  title        TEXT NOT NULL,
  file         TEXT,
  line         INTEGER,
  message      TEXT NOT NULL,
  fingerprint  TEXT NOT NULL
) STRICT;
CREATE INDEX findings_by_run ON findings (run_id, severity);

CREATE TABLE gate_results (
  run_id          TEXT PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  score           INTEGER NOT NULL CHECK (score BETWEEN 0 AND 100),
  passed          INTEGER NOT NULL,
  blockers        TEXT NOT NULL,
  recommendations TEXT NOT NULL,
  checks          TEXT NOT NULL,
  at              TEXT NOT NULL
) STRICT;
`;
