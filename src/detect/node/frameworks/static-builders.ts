/**
 * Other client-side builders whose output is served as static files: Create React App (build/),
 * Vue CLI (dist/ or outputDir), Gatsby (public/), Docusaurus (build/).
 */
import { addEvidence, addFeature } from '../../../plan/service.js';
import { stripCComments } from '../../shared/text.js';
import type { NodeContext } from '../context.js';
import { configFile, hasDep, setFramework } from '../context.js';
import type { NodeFramework } from './types.js';

function staticBuilder(id: string, dep: string, outputDir: (ctx: NodeContext) => string, feature: 'spa' | 'static-export'): NodeFramework {
  return {
    id,
    category: 'spa',
    matches: (info) => hasDep(info, dep),
    apply(ctx: NodeContext): void {
      setFramework(ctx, id, dep);
      ctx.service.kind = 'static';
      ctx.service.build.outputDir = outputDir(ctx);
      addFeature(ctx.service, feature);
      addEvidence(ctx.service, 'build', ctx.manifest.file, `${dep} builds static files into ${ctx.service.build.outputDir}/`);
    },
  };
}

export const createReactApp = staticBuilder('create-react-app', 'react-scripts', () => 'build', 'spa');

export const vueCli = staticBuilder('vue-cli', '@vue/cli-service', (ctx) => {
  const file = configFile(ctx, 'vue.config', ['js', 'cjs', 'mjs', 'ts']);
  const code = file ? stripCComments(ctx.repo.readText(file) ?? '') : '';
  return /\boutputDir\s*:\s*['"](?:\.\/)?([^'"]+?)\/?['"]/.exec(code)?.[1] ?? 'dist';
}, 'spa');

export const gatsby = staticBuilder('gatsby', 'gatsby', () => 'public', 'static-export');

export const docusaurus = staticBuilder('docusaurus', '@docusaurus/core', () => 'build', 'static-export');
