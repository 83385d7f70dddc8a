import type { GoFramework } from './types.js';

/** gogf/gf (GoFrame): `s := g.Server(); s.SetPort(8080); s.Run()` (or `SetAddr(":8080")`). */
export const goframe: GoFramework = {
  id: 'goframe',
  imports: ['github.com/gogf/gf/'],
  rank: 20,
  listen: [/\.Run\(/g, /\.Start\(/g],
  addressOptions: [
    { re: /\.SetPort\(/g, arg: 0 },
    { re: /\.SetAddr\(/g, arg: 0 },
  ],
  anyReceiver: true,
};
