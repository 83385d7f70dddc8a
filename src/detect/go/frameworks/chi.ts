import type { GoFramework } from './types.js';

/** go-chi/chi: a router on top of net/http; the server is started with http.ListenAndServe. */
export const chi: GoFramework = {
  id: 'chi',
  imports: ['github.com/go-chi/chi', 'github.com/go-chi/chi/'],
  rank: 10,
  listen: [],
};
