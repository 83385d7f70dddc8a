import type { RustFramework } from './types.js';

/** poem: `Server::new(TcpListener::bind("0.0.0.0:3000")).run(app)`. */
export const poem: RustFramework = {
  id: 'poem',
  crates: ['poem'],
  rank: 20,
  serves: [/\bServer::new\s*\(/, /\bTcpListener::bind\s*\(/],
};
