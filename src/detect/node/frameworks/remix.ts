/**
 * Remix and React Router v7 framework mode: the build writes build/server/index.js and the image
 * runs it with remix-serve / react-router-serve (or the app's own Express server). `ssr: false`
 * in react-router.config makes it a static SPA in build/client.
 */
import { addEvidence, addFeature } from '../../../plan/service.js';
import { portFromCommand } from '../../shared/procfile.js';
import { lineOf, stripCComments } from '../../shared/text.js';
import type { NodeContext } from '../context.js';
import { configFile, firstFile, hasAnyDep, hasDep, setDefaultPort, setFramework, setStart, startBin, useScriptStart } from '../context.js';
import { applyFileHealth, fileRoutes, normalizeRoute } from './file-routes.js';
import type { NodeFramework } from './types.js';

const REMIX_DEPS = ['@remix-run/node', '@remix-run/serve', '@remix-run/dev', '@remix-run/express', '@remix-run/react'];
const ROUTER_DEPS = ['@react-router/dev', '@react-router/serve', '@react-router/node'];

export const remix: NodeFramework = {
  id: 'remix',
  category: 'fullstack',
  matches: (info) => hasAnyDep(info, REMIX_DEPS) || hasAnyDep(info, ROUTER_DEPS),
  apply(ctx: NodeContext): void {
    const router = hasAnyDep(ctx, ROUTER_DEPS);
    const dep = router ? ROUTER_DEPS.find((d) => hasDep(ctx, d))! : REMIX_DEPS.find((d) => hasDep(ctx, d))!;
    setFramework(ctx, router ? 'react-router' : 'remix', dep);
    const service = ctx.service;
    addFeature(service, 'remix');
    service.build.outputDir = 'build';

    const rrConfig = configFile(ctx, 'react-router.config', ['ts', 'js', 'mjs']);
    const rrText = rrConfig ? ctx.repo.readText(rrConfig) ?? '' : '';
    if (rrConfig && /\bssr\s*:\s*false\b/.test(stripCComments(rrText))) {
      service.kind = 'static';
      service.build.outputDir = 'build/client';
      service.build.features = service.build.features.filter((f) => f !== 'remix');
      addFeature(service, 'spa');
      addEvidence(service, 'build', rrConfig, 'ssr: false builds a client-only SPA into build/client', lineOf(rrText, /\bssr\s*:/));
      return;
    }
    setDefaultPort(ctx, 3000, 'PORT', ctx.manifest.file, `${router ? 'react-router-serve' : 'remix-serve'} default port (reads PORT)`);
    if (useScriptStart(ctx)) return;
    const script = ctx.startScript;
    if (script?.kind === 'bin' && script.bin && /^(remix-serve|react-router-serve)$/.test(script.bin)) {
      setStart(ctx, startBin(ctx, script.bin, script.args), ctx.manifest.file, `"${script.script}": "${script.text}"`, script.line);
      const flag = portFromCommand(script.args).port;
      if (flag !== null) setDefaultPort(ctx, flag, 'PORT', ctx.manifest.file, script.text, script.line);
      return;
    }
    const viteBuild = firstFile(ctx, ['vite.config.ts', 'vite.config.js', 'vite.config.mjs']) !== null;
    const bin = router ? 'react-router-serve' : 'remix-serve';
    const entry = router || viteBuild ? './build/server/index.js' : './build/index.js';
    setStart(ctx, startBin(ctx, bin, entry), ctx.manifest.file, `${bin} serves the server build ${entry}`);
  },
  /** Flat routes (app/routes/api.health.ts → /api/health) and routes.ts entries. */
  health(ctx: NodeContext): boolean {
    const flat = fileRoutes(ctx, ['app/routes'], (local) => {
      const name = local.replace(/\/route$/, '');
      if (name.includes('/')) return null;
      return `/${name.replace(/\./g, '/').replace(/\/?_index$/, '').replace(/(^|\/)_[^/]*/g, '')}`;
    });
    const routesFile = firstFile(ctx, ['app/routes.ts', 'app/routes.js']);
    const declared: Array<{ file: string; path: string }> = [];
    const text = routesFile ? ctx.repo.readText(routesFile) : null;
    if (routesFile && text) {
      for (const m of text.matchAll(/\broute\(\s*['"]([^'"]+)['"]/g)) declared.push({ file: routesFile, path: normalizeRoute(m[1] ?? '') });
    }
    return applyFileHealth(ctx, [...flat, ...declared], 'route module');
  },
};
