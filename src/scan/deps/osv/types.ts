/** The parts of the OSV schema (https://ossf.github.io/osv-schema/) the scanner reads. */

export interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
  limit?: string;
}

export interface OsvRange {
  type: 'SEMVER' | 'ECOSYSTEM' | 'GIT' | string;
  events: OsvEvent[];
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  ranges?: OsvRange[];
  versions?: string[];
  database_specific?: Record<string, unknown>;
  ecosystem_specific?: Record<string, unknown>;
}

export interface OsvRecord {
  id: string;
  modified?: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  summary?: string;
  details?: string;
  severity?: Array<{ type: string; score: string }>;
  affected?: OsvAffected[];
  references?: Array<{ type: string; url: string }>;
  database_specific?: Record<string, unknown>;
}

/** Looks records up by (ecosystem, name): an offline database or the OSV API. */
export interface VulnSource {
  /** Where the data comes from, for messages (`/path/to/osv`, `https://api.osv.dev`). */
  readonly label: string;
  /** Records that may affect each package (matching versions is the caller's job for offline data). */
  lookup(queries: ReadonlyArray<{ ecosystem: string; name: string; version: string }>, signal?: AbortSignal): Promise<OsvRecord[][]>;
}

export function isOsvRecord(value: unknown): value is OsvRecord {
  return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string';
}
