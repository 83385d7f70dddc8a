/** What the Go detector needs to know about one HTTP framework. */
export interface GoFramework {
  /** Framework id recorded in the plan. */
  id: string;
  /** Import paths (or path prefixes ending in '/') that identify it. */
  imports: readonly string[];
  /** Higher wins when a binary imports several (gin over net/http, which gin programs import too). */
  rank: number;
  /**
   * Calls that start the server. The call's opening parenthesis must end the match so its
   * arguments can be read (`r.Run(`, `app.Listen(`).
   */
  listen: readonly RegExp[];
  /** Where the server listens when the call passes no address, and why. */
  defaultPort?: { port: number; envVar: string | null; note: string };
}
