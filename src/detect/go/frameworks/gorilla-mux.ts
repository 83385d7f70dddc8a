import type { GoFramework } from './types.js';

/** gorilla/mux: a router on top of net/http; the server is started with http.ListenAndServe. */
export const gorillaMux: GoFramework = {
  id: 'gorilla-mux',
  imports: ['github.com/gorilla/mux'],
  rank: 10,
  listen: [],
};
