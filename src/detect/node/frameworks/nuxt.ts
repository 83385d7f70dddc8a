/**
 * Nuxt 3+: Nitro's node-server preset writes .output/ and the image runs
 * `node .output/server/index.mjs` (no node_modules needed). `nuxt generate` is a static site in
 * .output/public. Nuxt 2 runs `nuxt start` and binds to localhost unless HOST is set.
 */
import { addEnv, addEvidence, addFeature, addWarning } from '../../../plan/service.js';
import { lineOf, stripCComments } from '../../shared/text.js';
import type { NodeContext } from '../context.js';
import { configFile, hasAnyDep, setDefaultPort, setFramework, setStart, startBin, useScriptStart } from '../context.js';
import { manifestLine } from '../schema.js';
import { applyFileHealth, fileRoutes } from './file-routes.js';
import type { NodeFramework } from './types.js';

const NUXT_DEPS = ['nuxt', 'nuxt3', 'nuxt-edge'];

export const nuxt: NodeFramework = {
  id: 'nuxt',
  category: 'fullstack',
  matches: (info) => hasAnyDep(info, NUXT_DEPS),
  apply(ctx: NodeContext): void {
    const dep = NUXT_DEPS.find((d) => d in ctx.deps) ?? 'nuxt';
    setFramework(ctx, 'nuxt', dep);
    const service = ctx.service;
    const version = ctx.deps[dep] ?? '';
    const nuxt2 = dep === 'nuxt' && /^[\^~>=\s]*2\./.test(version);
    const build = ctx.manifest.scripts.build ?? '';
    const generate = /\bnux[ti]\s+generate\b/.test(build) || /\bnux[ti]\s+build\b.*--prerender/.test(build);
    const config = configFile(ctx, 'nuxt.config');
    const code = config ? stripCComments(ctx.repo.readText(config) ?? '') : '';

    if (generate) {
      service.kind = 'static';
      service.build.outputDir = nuxt2 ? 'dist' : '.output/public';
      addFeature(service, 'static-export');
      addEvidence(service, 'build', ctx.manifest.file, `"build": "${build}" generates a static site`, manifestLine(ctx.manifest, 'build'));
      return;
    }
    setDefaultPort(ctx, 3000, 'PORT', config ?? ctx.manifest.file, nuxt2 ? 'Nuxt default port' : 'Nuxt (Nitro) default port; Nitro reads PORT / NITRO_PORT');
    if (nuxt2) {
      service.build.outputDir = '.nuxt';
      if (!useScriptStart(ctx)) setStart(ctx, startBin(ctx, 'nuxt', 'start'), ctx.manifest.file, 'Nuxt 2 serves its build with nuxt start');
      addEnv(service, { name: 'HOST', required: false, secret: false, default: '0.0.0.0' });
      addEvidence(service, 'env:HOST', ctx.manifest.file, 'Nuxt 2 listens on localhost unless HOST is set');
      return;
    }
    addFeature(service, 'nuxt-nitro');
    service.build.outputDir = '.output';
    const preset = /\bpreset\s*:\s*['"]([\w-]+)['"]/.exec(code)?.[1];
    if (preset && !/^node(-server)?$/.test(preset) && config) {
      addWarning(service, `nuxt.config sets Nitro preset "${preset}", which does not build a Node server; use preset 'node-server' for a container.`);
    }
    if (useScriptStart(ctx)) return;
    setStart(ctx, 'node .output/server/index.mjs', config ?? ctx.manifest.file, 'Nitro node-server output', config ? lineOf(ctx.repo.readText(config) ?? '', /defineNuxtConfig/) : undefined);
  },
  /** Nitro server routes: server/api/health.ts → /api/health, server/routes/healthz.get.ts → /healthz. */
  health(ctx: NodeContext): boolean {
    const strip = (local: string): string => local.replace(/\.(get|head|all)$/, '');
    const api = fileRoutes(ctx, ['server/api'], (local) => `/api/${strip(local)}`);
    const routes = fileRoutes(ctx, ['server/routes'], (local) => `/${strip(local)}`);
    return applyFileHealth(ctx, [...api, ...routes], 'Nitro server route');
  },
};
