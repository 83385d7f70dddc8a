import type { RustFramework } from './types.js';

/** axum: `axum::serve(listener, app)` (0.7+) or `axum::Server::bind(&addr)` (0.6). */
export const axum: RustFramework = {
  id: 'axum',
  crates: ['axum'],
  rank: 20,
  serves: [/\baxum::serve\s*\(/, /\bServer::bind\s*\(/, /\bTcpListener::bind\s*\(/, /\bserve\s*\(\s*listener/],
};
