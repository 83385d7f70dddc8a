import type { GoFramework } from './types.js';

/**
 * gin-gonic/gin. `r.Run()` without an address reads PORT and falls back to :8080 (gin's
 * resolveAddress), so that default holds even when the code never mentions a port.
 */
export const gin: GoFramework = {
  id: 'gin',
  imports: ['github.com/gin-gonic/gin'],
  rank: 20,
  listen: [/\.Run(?:TLS)?\(/g],
  defaultPort: { port: 8080, envVar: 'PORT', note: 'gin Run() without an address listens on $PORT or :8080' },
};
