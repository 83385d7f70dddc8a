import type { RustFramework } from './types.js';

/** warp: `warp::serve(routes).run(([0, 0, 0, 0], 3030))`. */
export const warp: RustFramework = {
  id: 'warp',
  crates: ['warp'],
  rank: 20,
  serves: [/\bwarp::serve\s*\(/],
};
