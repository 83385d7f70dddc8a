/**
 * Astro: static by default (dist/). With @astrojs/node the build is a server started by
 * `node ./dist/server/entry.mjs` on port 4321 (config `server.port`), which binds to localhost
 * unless HOST is set: the plan sets HOST=0.0.0.0.
 */
import { addEnv, addEvidence, addFeature, addWarning } from '../../../plan/service.js';
import { lineOf, stripCComments } from '../../shared/text.js';
import type { NodeContext } from '../context.js';
import { configFile, hasDep, setDefaultPort, setFramework, setStart, useScriptStart } from '../context.js';
import { applyFileHealth, fileRoutes } from './file-routes.js';
import type { NodeFramework } from './types.js';

export const astro: NodeFramework = {
  id: 'astro',
  category: 'fullstack',
  matches: (info) => hasDep(info, 'astro'),
  apply(ctx: NodeContext): void {
    setFramework(ctx, 'astro', 'astro');
    const service = ctx.service;
    const config = configFile(ctx, 'astro.config', ['mjs', 'js', 'ts', 'mts', 'cjs']);
    const text = config ? ctx.repo.readText(config) ?? '' : '';
    const code = stripCComments(text);
    const outDir = (/\boutDir\s*:\s*['"](?:\.\/)?([^'"]+?)\/?['"]/.exec(code)?.[1]) ?? 'dist';
    const adapter = /from\s+['"](@astrojs\/[\w-]+)['"]/g;
    const adapters = [...code.matchAll(adapter)].map((m) => m[1] ?? '').filter((a) => /^@astrojs\/(node|vercel|netlify|cloudflare|deno)$/.test(a));
    const node = adapters.includes('@astrojs/node') || (adapters.length === 0 && hasDep(ctx, '@astrojs/node') && /adapter\s*:/.test(code));

    if (!node) {
      if (adapters.length > 0) addWarning(service, `Astro uses ${adapters[0]}, which targets that platform, not a container; built as a static site. Use @astrojs/node for server rendering.`);
      service.kind = 'static';
      service.build.outputDir = outDir;
      addFeature(service, 'static-export');
      addEvidence(service, 'build', config ?? ctx.manifest.file, `no server adapter: astro build writes a static site to ${outDir}/`);
      return;
    }
    addFeature(service, 'astro-ssr');
    service.build.outputDir = outDir;
    const adapterLine = config ? lineOf(text, '@astrojs/node') : undefined;
    const port = Number(/\bserver\s*:\s*\{[^}]*?\bport\s*:\s*(\d{2,5})/.exec(code)?.[1] ?? 4321);
    setDefaultPort(ctx, port, 'PORT', config ?? ctx.manifest.file, port === 4321 ? 'Astro default port 4321 (the node adapter reads PORT)' : `astro.config server.port ${port}`, config ? lineOf(text, /\bport\s*:/) ?? adapterLine : undefined);
    if (/mode\s*:\s*['"]middleware['"]/.test(code)) {
      if (!useScriptStart(ctx)) addWarning(service, "@astrojs/node runs in 'middleware' mode: the app's own server must import dist/server/entry.mjs; set the start command in the plan.");
      return;
    }
    if (useScriptStart(ctx)) return;
    setStart(ctx, `node ./${outDir}/server/entry.mjs`, config ?? ctx.manifest.file, '@astrojs/node standalone server', adapterLine);
    const hostTrue = /\bserver\s*:\s*\{[^}]*?\bhost\s*:\s*(true|['"]0\.0\.0\.0['"])/.test(code);
    if (!hostTrue) {
      addEnv(service, { name: 'HOST', required: false, secret: false, default: '0.0.0.0' });
      addEvidence(service, 'env:HOST', config ?? ctx.manifest.file, "@astrojs/node listens on localhost unless HOST is set (or server.host: true)", adapterLine);
    }
  },
  /** Server endpoints: src/pages/health.ts → /health. */
  health(ctx: NodeContext): boolean {
    if (ctx.service.kind === 'static') return false;
    const routes = fileRoutes(ctx, ['src/pages'], (local) => local);
    return applyFileHealth(ctx, routes, 'Astro endpoint');
  },
};
