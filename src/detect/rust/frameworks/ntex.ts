import type { RustFramework } from './types.js';

/** ntex: `ntex::web::server(|| App::new()).bind("0.0.0.0:8080")?.run()`, or `ntex::server::build().bind("name", addr, …)`. */
export const ntex: RustFramework = {
  id: 'ntex',
  crates: ['ntex'],
  rank: 20,
  serves: [/\bntex::(?:web::)?server\s*\(/, /\bntex::server::build\s*\(/, /\bweb::server\s*\(/],
};
