import type { GoFramework } from './types.js';

/** labstack/echo: `e.Start(":1323")`; the address is required, so there is no default. */
export const echo: GoFramework = {
  id: 'echo',
  imports: ['github.com/labstack/echo', 'github.com/labstack/echo/'],
  rank: 20,
  listen: [/\.Start(?:TLS|AutoTLS)?\(/g],
};
