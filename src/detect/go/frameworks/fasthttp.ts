import type { GoFramework } from './types.js';

/**
 * valyala/fasthttp: `fasthttp.ListenAndServe(":8080", h)` or a `fasthttp.Server` whose
 * `ListenAndServe(addr)` is called (often through a method value chosen for prefork).
 */
export const fasthttp: GoFramework = {
  id: 'fasthttp',
  imports: ['github.com/valyala/fasthttp'],
  rank: 15,
  listen: [/\.ListenAndServe(?:TLS|UNIX)?\(/g],
};
