import type { GoFramework } from './types.js';

/** panjf2000/gnet: an event loop started with `gnet.Run(h, "tcp://:9000")` (v2) or `gnet.Serve` (v1). */
export const gnet: GoFramework = {
  id: 'gnet',
  imports: ['github.com/panjf2000/gnet', 'github.com/panjf2000/gnet/'],
  rank: 15,
  listen: [/\bgnet\.(?:Run|Serve)\(/g],
};
