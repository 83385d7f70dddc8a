import type { RustFramework } from './types.js';

/** tonic (gRPC): `Server::builder().add_service(…).serve(addr)`. */
export const tonic: RustFramework = {
  id: 'tonic',
  crates: ['tonic'],
  rank: 10,
  serves: [/\bServer::builder\s*\(\s*\)/],
};
