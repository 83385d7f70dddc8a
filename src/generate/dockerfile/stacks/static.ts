/**
 * Static sites (language 'static': plain HTML, Hugo): files served by nginx-unprivileged on 8080
 * with a built-in /healthz. Hugo sites are built in a pinned Hugo (extended) stage first; plain
 * sites are copied straight from the context. Node-built sites (Vite, Astro static, Next export)
 * use the Node recipe, which ends in the same nginx stage.
 */
import type { StackRenderer } from './types.js';
import { type Block, cacheMount, comment, imageRef, renderDockerfile, run, stage } from '../common.js';
import { nginxRuntimeStage, nginxVersionArg } from '../nginx.js';

/** Hugo release used when the repository does not pin one (extended edition, for SCSS). */
export const HUGO_VERSION = '0.147.0';
export const ALPINE_VERSION = '3.20';

/** Files a plain static site's directory holds that must not be served. */
const NOT_SITE = ['Dockerfile', '.dockerignore', 'compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml', '.git', '.github', '.devsquad', 'README.md', '.env', '.env.*'];

export const render: StackRenderer = (service, inputs) => {
  const notes: string[] = [];
  const build = service.commands.build;
  const hugo = build !== null && /(^|\s|\/)hugo(\s|$)/.test(build);
  const dir = service.path === service.build.context ? '' : service.path.slice(service.build.context === '' ? 0 : service.build.context.length + 1);
  const inContext = (p: string): string => (dir === '' ? p : `${dir}/${p}`);
  if (inputs.baseImageFlavor && inputs.baseImageFlavor !== 'alpine') notes.push(`${inputs.baseImageFlavor} not used: static files are served by nginx-unprivileged (alpine)`);
  let blocks: Block[];
  if (hugo) {
    const version = service.runtime.name === 'hugo' && /^\d+\.\d+\.\d+$/.test(service.runtime.version) ? service.runtime.version : HUGO_VERSION;
    const output = service.build.outputDir ?? 'public';
    notes.push(`Hugo ${version} (extended) builds ${output}/, nginx serves it`);
    blocks = [
      `ARG HUGO_VERSION=${version}`,
      nginxVersionArg(),
      stage(imageRef('hugomods/hugo:exts-${HUGO_VERSION}', inputs.registryMirror), 'build', [
        'WORKDIR /src',
        comment('List public/, resources/_gen and .git in .dockerignore so stale output never reaches the build.'),
        dir === '' ? 'COPY . .' : `COPY ${dir} ./`,
        'ENV HUGO_ENVIRONMENT=production HUGO_CACHEDIR=/tmp/hugo_cache',
        run(build, { mounts: [cacheMount('/tmp/hugo_cache', { id: 'hugo' })] }),
      ], 'Build: Hugo extended, pinned.'),
      nginxRuntimeStage({ fromStage: 'build', source: `/src/${output}`, spa: false, inputs }),
    ];
  } else {
    if (build) notes.push(`build command "${build}" is not supported by the static recipe; the Dockerfile serves ${service.build.outputDir ?? 'the directory'} as committed`);
    const source = service.build.outputDir ? inContext(service.build.outputDir) : dir === '' ? '.' : dir;
    notes.push(`plain static files from ${source === '.' ? 'the context root' : source}, served by nginx`);
    blocks = [
      nginxVersionArg(),
      `ARG ALPINE_VERSION=${ALPINE_VERSION}`,
      stage(imageRef('alpine:${ALPINE_VERSION}', inputs.registryMirror), 'site', [
        `COPY ${source} /site`,
        comment('Container and repository files are not part of the site: keep them out of the web root.'),
        run(`cd /site && rm -rf ${NOT_SITE.join(' ')}`),
      ], 'Site files from the context, minus build and repository files.'),
      nginxRuntimeStage({ fromStage: 'site', source: '/site', spa: service.build.features.includes('spa'), inputs }),
    ];
  }
  return { text: renderDockerfile(blocks), notes };
};
