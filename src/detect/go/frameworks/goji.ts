import type { GoFramework } from './types.js';

/**
 * zenazn/goji and guregu/kami (which serves through goji's bind package): `goji.Serve()` listens on
 * the `-bind` flag, whose default is `:$PORT` when PORT is set and :8000 otherwise. Programs often
 * pin it with `flag.Set("bind", ":8080")` before serving.
 */
export const goji: GoFramework = {
  id: 'goji',
  imports: ['github.com/zenazn/goji', 'github.com/zenazn/goji/'],
  rank: 20,
  listen: [/\bgoji\.Serve\(/g],
  addressOptions: [{ re: /\bflag\.Set\((?=\s*"bind")/g, arg: 1 }],
  defaultPort: { port: 8000, envVar: 'PORT', note: 'goji Serve() binds -bind, which defaults to :$PORT or :8000' },
  anyReceiver: true,
};

/** guregu/kami: `kami.Serve()` binds through goji's bind package, so the same flag and defaults hold. */
export const kami: GoFramework = { ...goji, id: 'kami', imports: ['github.com/guregu/kami'], rank: 21, listen: [/\bkami\.Serve\(/g] };
