/**
 * Vite single-page apps (React, Vue, Svelte, Solid, Preact…): an index.html next to the config and
 * no SSR framework. The build writes dist/ (or build.outDir) and is served as static files.
 * Library mode (`build.lib`) is a package, not an app.
 */
import { joinPath } from '../../../core/repo/repo-fs.js';
import { addEvidence, addFeature } from '../../../plan/service.js';
import { lineOf, stripCComments } from '../../shared/text.js';
import type { PackageInfo, NodeContext } from '../context.js';
import { configFile, hasDep, setFramework } from '../context.js';
import type { NodeFramework } from './types.js';

const UI_LIBS = ['react', 'vue', 'svelte', 'solid-js', 'preact', 'lit'];

function viteConfig(info: PackageInfo): { file: string | null; code: string } {
  const file = configFile(info, 'vite.config', ['ts', 'js', 'mjs', 'mts', 'cjs']);
  return { file, code: file ? stripCComments(info.repo.readText(file) ?? '') : '' };
}

export const vite: NodeFramework = {
  id: 'vite',
  category: 'spa',
  matches(info: PackageInfo): boolean {
    if (!hasDep(info, 'vite')) return false;
    const { code } = viteConfig(info);
    if (/\blib\s*:\s*\{/.test(code)) return false;
    const root = /\broot\s*:\s*['"](?:\.\/)?([^'"]+?)\/?['"]/.exec(code)?.[1] ?? '';
    return info.repo.isFile(joinPath(info.dir, root, 'index.html'));
  },
  apply(ctx: NodeContext): void {
    setFramework(ctx, 'vite', 'vite');
    const service = ctx.service;
    const { file, code } = viteConfig(ctx);
    const outDir = /\boutDir\s*:\s*['"](?:\.\/)?([^'"]+?)\/?['"]/.exec(code)?.[1] ?? 'dist';
    service.kind = 'static';
    service.build.outputDir = outDir;
    addFeature(service, 'spa');
    const ui = UI_LIBS.find((l) => hasDep(ctx, l));
    const text = file ? ctx.repo.readText(file) ?? '' : '';
    addEvidence(service, 'build', file ?? ctx.manifest.file, `vite build writes a ${ui ? `${ui} ` : ''}SPA to ${outDir}/`, file ? lineOf(text, /\boutDir\s*:/) : undefined);
  },
};
