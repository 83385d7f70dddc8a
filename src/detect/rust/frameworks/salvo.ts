import type { RustFramework } from './types.js';

/** salvo: `Server::new(TcpListener::new("0.0.0.0:8080").bind().await).serve(router)`. */
export const salvo: RustFramework = {
  id: 'salvo',
  crates: ['salvo'],
  rank: 20,
  serves: [/\bTcpListener::new\s*\(/, /\bServer::new\s*\(/],
};
