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
  /**
   * Calls that configure the address when the listen call itself takes none (hertz
   * `server.WithHostPorts(":8080")`, goji's `flag.Set("bind", ":8080")`): the match ends at the
   * call's `(` and `arg` is the index of the address argument, or `'rest'` when the match ends
   * where the address expression starts (`o.Addr = ":8080"`).
   */
  addressOptions?: ReadonlyArray<{ re: RegExp; arg: number | 'rest' }>;
  /**
   * The default applies whatever the listen call is made on (`goji.Serve()`, `h.Spin()`), not
   * only on a variable holding the framework's engine.
   */
  anyReceiver?: boolean;
}
