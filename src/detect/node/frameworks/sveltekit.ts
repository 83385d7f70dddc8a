/**
 * SvelteKit: the adapter decides the output. adapter-node writes build/ and the image runs
 * `node build` (PORT, default 3000; HOST defaults to 0.0.0.0). adapter-static is a static site.
 * adapter-auto and platform adapters do not produce a Node server for a container.
 */
import { addEvidence, addFeature, addWarning } from '../../../plan/service.js';
import { lineOf, stripCComments } from '../../shared/text.js';
import type { NodeContext } from '../context.js';
import { configFile, hasDep, setDefaultPort, setFramework, setStart, useScriptStart } from '../context.js';
import { applyFileHealth, fileRoutes } from './file-routes.js';
import type { NodeFramework } from './types.js';

export const sveltekit: NodeFramework = {
  id: 'sveltekit',
  category: 'fullstack',
  matches: (info) => hasDep(info, '@sveltejs/kit'),
  apply(ctx: NodeContext): void {
    setFramework(ctx, 'sveltekit', '@sveltejs/kit');
    const service = ctx.service;
    const config = configFile(ctx, 'svelte.config', ['js', 'mjs', 'ts']);
    const text = config ? ctx.repo.readText(config) ?? '' : '';
    const code = stripCComments(text);
    const adapter = /from\s+['"](@sveltejs\/adapter-[\w-]+|svelte-adapter-[\w-]+)['"]/.exec(code)?.[1]
      ?? ['@sveltejs/adapter-node', '@sveltejs/adapter-static'].find((d) => hasDep(ctx, d))
      ?? '@sveltejs/adapter-auto';
    const adapterLine = config ? lineOf(text, adapter) : undefined;
    const out = /adapter\s*\(\s*\{[^}]*?\b(?:out|pages)\s*:\s*['"]([^'"]+)['"]/.exec(code)?.[1] ?? 'build';

    if (adapter === '@sveltejs/adapter-static') {
      service.kind = 'static';
      service.build.outputDir = out;
      addFeature(service, 'static-export');
      addEvidence(service, 'build', config ?? ctx.manifest.file, `${adapter} writes a static site to ${out}/`, adapterLine);
      return;
    }
    if (adapter !== '@sveltejs/adapter-node') {
      addWarning(service, `SvelteKit uses ${adapter}, which does not build a Node server for a container; install @sveltejs/adapter-node and use it in svelte.config.js.`);
    }
    addFeature(service, 'sveltekit-node');
    service.build.outputDir = out;
    setDefaultPort(ctx, 3000, 'PORT', config ?? ctx.manifest.file, 'SvelteKit adapter-node default port (reads PORT; HOST defaults to 0.0.0.0)', adapterLine);
    if (useScriptStart(ctx)) return;
    setStart(ctx, `node ${out}`, config ?? ctx.manifest.file, `${adapter} writes a Node server to ${out}/`, adapterLine);
  },
  /** +server endpoints: src/routes/health/+server.ts → /health. */
  health(ctx: NodeContext): boolean {
    const routes = fileRoutes(ctx, ['src/routes'], (local) => (/(^|\/)\+server$/.test(local) ? local.replace(/(^|\/)\+server$/, '') : null));
    return applyFileHealth(ctx, routes, 'SvelteKit endpoint');
  },
};
