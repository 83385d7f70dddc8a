import type { RustFramework } from './types.js';

/** actix-web: `HttpServer::new(…).bind(("0.0.0.0", 8080))?.run()`. bind() is mandatory. */
export const actixWeb: RustFramework = {
  id: 'actix-web',
  crates: ['actix-web'],
  rank: 20,
  serves: [/\bHttpServer::new\s*\(/],
};
