/**
 * Next.js: `output: 'standalone'` builds a self-contained server.js (the image runs `node
 * server.js`); `output: 'export'` is a static site in out/; otherwise `next start` serves .next/.
 * A custom server (`"start": "node server.js"`) wins over all of these.
 */
import { addEnv, addEvidence, addFeature } from '../../../plan/service.js';
import { portFromCommand } from '../../shared/procfile.js';
import { lineOf, stripCComments } from '../../shared/text.js';
import type { NodeContext } from '../context.js';
import { configFile, hasDep, setDefaultPort, setFramework, setStart, startBin, useScriptStart } from '../context.js';
import { relativePath } from '../tsconfig.js';
import type { NodeFramework } from './types.js';
import { applyFileHealth, fileRoutes } from './file-routes.js';

export const nextjs: NodeFramework = {
  id: 'nextjs',
  category: 'fullstack',
  matches: (info) => hasDep(info, 'next'),
  apply(ctx: NodeContext): void {
    setFramework(ctx, 'nextjs', 'next');
    const service = ctx.service;
    const config = configFile(ctx, 'next.config');
    const text = config ? ctx.repo.readText(config) ?? '' : '';
    const code = stripCComments(text);
    const output = /\boutput\s*:\s*['"](standalone|export)['"]/.exec(code)?.[1] ?? null;
    const distDir = /\bdistDir\s*:\s*['"]([^'"]+)['"]/.exec(code)?.[1] ?? '.next';
    const outputLine = config ? lineOf(text, /\boutput\s*:/) : undefined;

    if (output === 'export' && config) {
      service.kind = 'static';
      service.build.outputDir = 'out';
      addFeature(service, 'static-export');
      addEvidence(service, 'build', config, "output: 'export' builds a static site into out/", outputLine);
      return;
    }
    service.build.outputDir = distDir;
    setDefaultPort(ctx, 3000, 'PORT', ctx.manifest.file, 'Next.js default port (next start and server.js read PORT)');
    if (useScriptStart(ctx)) return;
    if (output === 'standalone' && config) {
      addFeature(service, 'next-standalone');
      const context = ctx.workspace ? ctx.workspace.root.dir : ctx.dir;
      const inner = relativePath(context, ctx.dir);
      service.build.artifact = `${distDir}/standalone/${inner === '' ? '' : `${inner}/`}server.js`;
      setStart(ctx, 'node server.js', config, "output: 'standalone': the build writes a self-contained server.js", outputLine);
      // server.js binds to $HOSTNAME, which Docker sets to the container id: listen on all interfaces.
      addEnv(service, { name: 'HOSTNAME', required: false, secret: false, default: '0.0.0.0' });
      addEvidence(service, 'env:HOSTNAME', config, 'Next.js standalone server.js listens on $HOSTNAME; set it to 0.0.0.0 in a container', outputLine);
      return;
    }
    const script = ctx.startScript;
    const args = script?.kind === 'bin' && script.bin === 'next' ? script.args : 'start';
    setStart(ctx, startBin(ctx, 'next', args), script?.kind === 'bin' && script.bin === 'next' ? ctx.manifest.file : config ?? ctx.manifest.file, 'next start serves the .next build', script?.bin === 'next' ? script.line : undefined);
    const flag = portFromCommand(args).port;
    if (flag !== null) setDefaultPort(ctx, flag, 'PORT', ctx.manifest.file, `next ${args}`, script?.line);
  },
  /** Route handlers (`app/<path>/route.ts`) and API routes (`pages/api/<path>.ts`). */
  health(ctx: NodeContext): boolean {
    const app = fileRoutes(ctx, ['app', 'src/app'], (local) => (/(^|\/)route$/.test(local) ? local.replace(/(^|\/)route$/, '') : null));
    const pages = fileRoutes(ctx, ['pages/api', 'src/pages/api'], (local) => `/api/${local}`);
    return applyFileHealth(ctx, [...app, ...pages], 'Next.js route file');
  },
};
