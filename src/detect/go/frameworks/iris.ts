import type { GoFramework } from './types.js';

/** kataras/iris: `app.Listen(":8080")` or `app.Run(iris.Addr(":8080"))`; the address is required. */
export const iris: GoFramework = {
  id: 'iris',
  imports: ['github.com/kataras/iris', 'github.com/kataras/iris/'],
  rank: 20,
  listen: [/\.Listen\(/g, /\.Run\(/g],
};
