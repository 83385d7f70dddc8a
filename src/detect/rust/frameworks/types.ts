/** What the Rust detector needs to know about one web framework. */
export interface RustFramework {
  /** Framework id recorded in the plan. */
  id: string;
  /** Crate names that identify it in [dependencies]. */
  crates: readonly string[];
  /** Higher wins when a package depends on several (axum over the hyper it is built on). */
  rank: number;
  /** Code that starts the server: a binary with none of these (and no bind) is not a server. */
  serves: readonly RegExp[];
  /** Where the server listens when the code does not say. */
  defaultPort?: { port: number; envVar: string | null; note: string };
  /**
   * An env var that names the bind host and defaults to a loopback address (trillium's HOST): the
   * plan sets it to 0.0.0.0 unless the code picks a host itself (`unless`).
   */
  hostEnv?: { name: string; unless: RegExp };
}
