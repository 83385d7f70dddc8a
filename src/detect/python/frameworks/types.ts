/** What every Python framework module reads (PyContext) and returns (FrameworkMatch). */
import type { RepoFs } from '../../../core/repo/repo-fs.js';
import type { BackingServiceKind, Feature } from '../../../plan/schema.js';
import type { DependencySet } from '../dependencies.js';
import type { PyProject } from '../project.js';
import type { ServerConfig, ServerName } from '../servers.js';
import type { PySource } from '../source.js';

export interface Fact {
  file: string;
  line?: number;
  note: string;
}

export interface PyContext {
  repo: RepoFs;
  /** The service directory. */
  dir: string;
  project: PyProject;
  deps: DependencySet;
  /** Python sources of the service, shallow first, tests and scripts skipped. */
  sources: PySource[];
  servers: Set<ServerName>;
  gunicornConfig: ServerConfig | null;
  uwsgiConfig: ServerConfig | null;
  hypercornConfig: ServerConfig | null;
}

export interface PortFromCode {
  value: number | null;
  envVar: string | null;
  host: string | null;
  fact: Fact;
}

export interface FrameworkMatch {
  /** Framework id written to the plan (fastapi, django, flask, starlette, streamlit, …). */
  id: string;
  evidence: Fact;
  /** Start command the framework implies (a Procfile web line still wins). */
  start: { command: string; fact: Fact } | null;
  /** Port the start command listens on when nothing more specific says. */
  defaultPort: number;
  defaultPortNote: string;
  /** A port the app's own code sets (`uvicorn.run(port=…)`, `app.run(port=…)`). */
  codePort: PortFromCode | null;
  health: { path: string; fact: Fact } | null;
  migrate: { command: string; fact: Fact } | null;
  backing: Array<{ kind: BackingServiceKind; envVar: string | null; fact: Fact }>;
  features: Feature[];
  warnings: string[];
  /** build.target: Django's manage.py, Streamlit's script, … relative to the service. */
  target: string | null;
}

export function emptyMatch(id: string, evidence: Fact, defaultPort: number, defaultPortNote: string): FrameworkMatch {
  return { id, evidence, start: null, defaultPort, defaultPortNote, codePort: null, health: null, migrate: null, backing: [], features: [], warnings: [], target: null };
}
