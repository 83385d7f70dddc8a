/**
 * Angular: a static SPA unless it uses server-side rendering. The application builder (Angular
 * >= 17) writes `<outputPath>/browser`; the older browser builder writes `<outputPath>` itself.
 * With SSR (@angular/ssr and a server entry) the image runs `node dist/<project>/server/server.mjs`.
 */
import { joinPath } from '../../../core/repo/repo-fs.js';
import { addEvidence, addFeature } from '../../../plan/service.js';
import { lineOf } from '../../shared/text.js';
import type { NodeContext } from '../context.js';
import { hasAnyDep, hasDep, setFramework, setStart, useScriptStart } from '../context.js';
import { parseScript } from '../scripts.js';
import type { NodeFramework } from './types.js';

interface AngularProject {
  projectType?: unknown;
  architect?: Record<string, { builder?: unknown; options?: Record<string, unknown> }>;
  targets?: Record<string, { builder?: unknown; executor?: unknown; options?: Record<string, unknown> }>;
}

export const angular: NodeFramework = {
  id: 'angular',
  category: 'spa',
  matches: (info) => hasDep(info, '@angular/core') && (info.repo.isFile(joinPath(info.dir, 'angular.json')) || hasDep(info, '@angular/cli')),
  apply(ctx: NodeContext): void {
    setFramework(ctx, 'angular', '@angular/core');
    const service = ctx.service;
    const file = joinPath(ctx.dir, 'angular.json');
    const config = ctx.repo.readJson(file) as { projects?: Record<string, AngularProject>; defaultProject?: unknown } | null;
    const projects = Object.entries(config?.projects ?? {});
    const chosen = projects.find(([name]) => name === config?.defaultProject) ?? projects.find(([, p]) => p.projectType === 'application') ?? projects[0];
    const name = chosen?.[0] ?? ctx.manifest.name ?? 'app';
    const build = chosen?.[1].architect?.build ?? chosen?.[1].targets?.build;
    const builder = typeof build?.builder === 'string' ? build.builder : '';
    const options = build?.options ?? {};
    const raw = options.outputPath;
    const base = typeof raw === 'string' ? raw : typeof raw === 'object' && raw !== null && typeof (raw as { base?: unknown }).base === 'string' ? (raw as { base: string }).base : `dist/${name}`;
    const browserSub = typeof raw === 'object' && raw !== null && typeof (raw as { browser?: unknown }).browser === 'string' ? (raw as { browser: string }).browser : 'browser';
    const major = Number.parseInt((ctx.deps['@angular/core'] ?? '').replace(/^[^\d]*/, ''), 10);
    const application = /:application$/.test(builder) || (builder === '' && major >= 17);
    const text = ctx.repo.readText(file) ?? '';
    const line = lineOf(text, /"outputPath"/) ?? lineOf(text, /"builder"/);

    const ssr = hasAnyDep(ctx, ['@angular/ssr', '@nguniversal/express-engine']) && (options.ssr !== undefined && options.ssr !== false || options.server !== undefined || ctx.repo.isFile(joinPath(ctx.dir, 'server.ts')));
    if (ssr) {
      service.build.outputDir = base;
      const serveScript = Object.keys(ctx.manifest.scripts).find((s) => s.startsWith('serve:ssr'));
      const parsed = serveScript ? parseScript(ctx.manifest, serveScript) : null;
      if (parsed?.kind === 'node' && parsed.command) {
        setStart(ctx, parsed.command, ctx.manifest.file, `"${serveScript}": "${parsed.text}"`, parsed.line);
        return;
      }
      if (useScriptStart(ctx)) return;
      const entry = application ? `${base}/server/server.mjs` : `${base}/server/main.js`;
      setStart(ctx, `node ${entry}`, file, `Angular SSR server build (${builder || 'application builder'})`, line);
      return;
    }
    service.kind = 'static';
    addFeature(service, 'spa');
    const outputDir = application ? (browserSub === '' ? base : `${base}/${browserSub}`) : base;
    service.build.outputDir = outputDir.replace(/^\.\//, '');
    addEvidence(service, 'build', file, `${builder || 'Angular'} writes the browser build to ${service.build.outputDir}/`, line);
  },
};
