import type { GoFramework } from './types.js';

/** gofiber/fiber (v2, v3): `app.Listen(":3000")`; the address is required. */
export const fiber: GoFramework = {
  id: 'fiber',
  imports: ['github.com/gofiber/fiber', 'github.com/gofiber/fiber/'],
  rank: 20,
  listen: [/\.Listen(?:TLS|MutualTLS)?\(/g],
};
