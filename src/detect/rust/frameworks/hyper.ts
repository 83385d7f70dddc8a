import type { RustFramework } from './types.js';

/** Bare hyper: `Server::bind(&addr)` (0.14) or a TcpListener feeding `serve_connection` (1.x). */
export const hyper: RustFramework = {
  id: 'hyper',
  crates: ['hyper'],
  rank: 0,
  serves: [/\bServer::bind\s*\(/, /\bTcpListener::bind\s*\(/, /\bserve_connection\s*\(/],
};
