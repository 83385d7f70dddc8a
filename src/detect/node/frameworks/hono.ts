/**
 * Hono runs on several runtimes: on Node through @hono/node-server's `serve({ fetch, port })`
 * (port 3000 when omitted), on Bun through `export default app` / `export default { port, fetch }`
 * (Bun.serve: PORT, else 3000). Cloudflare Workers (wrangler) are not a container target.
 */
import { joinPath } from '../../../core/repo/repo-fs.js';
import { addWarning } from '../../../plan/service.js';
import type { NodeContext } from '../context.js';
import { hasDep, setDefaultPort, setFramework } from '../context.js';
import type { NodeFramework } from './types.js';

export const hono: NodeFramework = {
  id: 'hono',
  category: 'server',
  matches: (info) => hasDep(info, 'hono'),
  apply(ctx: NodeContext): void {
    setFramework(ctx, 'hono', 'hono');
    if (['wrangler.toml', 'wrangler.json', 'wrangler.jsonc'].some((f) => ctx.repo.isFile(joinPath(ctx.dir, f))) && !hasDep(ctx, '@hono/node-server') && !ctx.bun) {
      addWarning(ctx.service, 'This Hono app is configured for Cloudflare Workers (wrangler); a container needs @hono/node-server or Bun.');
    }
    if (ctx.bun) {
      for (const file of ctx.sources.files) {
        const code = ctx.sources.code(file) ?? '';
        const m = /export\s+default\s+(?:app|[\w$]+)\s*;?\s*$/m.exec(code);
        if (m && /\bnew\s+Hono\b|\bHono\s*\(/.test(code)) {
          const line = code.slice(0, m.index).split('\n').length;
          setDefaultPort(ctx, 3000, 'PORT', file, 'export default app: Bun serves it on PORT, default 3000', line);
          return;
        }
      }
    }
  },
};
