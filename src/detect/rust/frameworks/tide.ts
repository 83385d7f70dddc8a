import type { RustFramework } from './types.js';

/** tide: `app.listen("0.0.0.0:8080").await`; the address is required. */
export const tide: RustFramework = {
  id: 'tide',
  crates: ['tide'],
  rank: 20,
  serves: [/\btide::(?:new|with_state)\s*\(/],
};
