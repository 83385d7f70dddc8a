import type { GoFramework } from './types.js';

/**
 * The standard library server. chi, gorilla/mux and plain ServeMux programs all start it, so its
 * listen calls are the fallback for every framework without its own.
 */
export const nethttp: GoFramework = {
  id: 'nethttp',
  imports: ['net/http'],
  rank: 0,
  listen: [/\bhttp\.ListenAndServe(?:TLS)?\(/g, /\.ListenAndServe(?:TLS)?\(/g, /\bhttp\.Serve(?:TLS)?\(/g, /\.Serve(?:TLS)?\(/g],
};
