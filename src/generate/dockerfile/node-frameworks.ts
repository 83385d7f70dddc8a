/**
 * What the Node runtime stage copies and runs, per framework: Next.js standalone (self-contained
 * server.js), Nuxt/Nitro (.output), SvelteKit adapter-node (build/), Remix / React Router server
 * builds, Astro SSR (dist/), plain `next start`, SPAs (served by nginx) and plain Node servers.
 */
import type { ServicePlan } from '../../plan/schema.js';
import { relativeTo } from './common.js';

export type NodeMode = 'next-standalone' | 'next' | 'nuxt' | 'sveltekit' | 'remix' | 'astro' | 'static' | 'generic';

/** Picks the runtime layout from the plan's features and framework. */
export function frameworkMode(service: ServicePlan): NodeMode {
  const f = service.build.features;
  const framework = service.framework ?? '';
  if (service.kind === 'static' || f.includes('spa') || f.includes('static-export')) return 'static';
  if (f.includes('next-standalone')) return 'next-standalone';
  if (f.includes('nuxt-nitro') || framework === 'nuxt') return 'nuxt';
  if (f.includes('sveltekit-node')) return 'sveltekit';
  if (f.includes('remix')) return 'remix';
  if (f.includes('astro-ssr')) return 'astro';
  if (framework === 'nextjs' || framework === 'next') return 'next';
  return 'generic';
}

/** Default build output per framework when the plan does not say. */
const DEFAULT_OUTPUT: Partial<Record<NodeMode, string>> = { next: '.next', sveltekit: 'build', remix: 'build', astro: 'dist' };

/** Default start command per framework (run in the service directory), when the plan has none. */
const DEFAULT_START: Partial<Record<NodeMode, string>> = {
  'next-standalone': 'node server.js',
  next: 'next start',
  nuxt: 'node .output/server/index.mjs',
  sveltekit: 'node build',
  remix: 'remix-serve ./build/index.js',
  astro: 'node ./dist/server/entry.mjs',
};

export interface RuntimeLayout {
  /** COPY lines of the runtime stage (WORKDIR is /app). */
  copies: string[];
  /** ENV lines the framework needs to listen on all interfaces. */
  env: string[];
  /** Absolute dirs the app writes to (created and given to the runtime user). */
  writable: string[];
  /** node_modules/.bin dirs to put on PATH so local bins (next, remix-serve) run without npx. */
  path: string | null;
  /** Start command, run in the service directory. */
  start: string | null;
}

/** `npx next start` → `next start`: local bins are on PATH, and npx would stay as PID 1. */
function withoutNpx(command: string): string {
  return command.replace(/^npx\s+(?:(?:--no-install|--no|-y|--yes)\s+)*/, '');
}

export interface LayoutOptions {
  rel: string;
  monorepo: boolean;
  /** Production node_modules come from the prod-deps stage (else from the build stage, dev deps included). */
  prodDeps: boolean;
  prisma: boolean;
  pm: string;
}

export function runtimeLayout(service: ServicePlan, mode: NodeMode, options: LayoutOptions): RuntimeLayout {
  const { rel, monorepo, prodDeps } = options;
  const prefix = rel === '' ? '' : `${rel}/`;
  const appDir = rel === '' ? '/app' : `/app/${rel}`;
  const planned = service.commands.start ? withoutNpx(service.commands.start) : null;
  const bins = ['/app/node_modules/.bin', ...(rel === '' ? [] : [`${appDir}/node_modules/.bin`])].join(':');
  switch (mode) {
    case 'next-standalone':
      // server.js reads HOSTNAME; Docker sets it to the container id, so pin it to all interfaces.
      return {
        copies: [
          `COPY --from=build ${appDir}/.next/standalone ./`,
          `COPY --from=build ${appDir}/.next/static ./${prefix}.next/static`,
          `COPY --from=build ${appDir}/public* ./${prefix}public/`,
        ],
        env: ['ENV HOSTNAME=0.0.0.0'],
        writable: [`${appDir}/.next/cache`],
        path: null,
        start: DEFAULT_START['next-standalone'] ?? null,
      };
    case 'nuxt':
      return { copies: [`COPY --from=build ${appDir}/.output ./${prefix}.output`], env: [], writable: [], path: null, start: DEFAULT_START.nuxt ?? null };
    case 'static':
      return { copies: [], env: [], writable: [], path: null, start: null };
    default:
      break;
  }
  const start = planned ?? DEFAULT_START[mode] ?? null;
  const env = mode === 'astro' ? ['ENV HOST=0.0.0.0'] : [];
  const writable = mode === 'next' ? [`${appDir}/.next/cache`] : [];
  if (!prodDeps) return { copies: ['COPY --from=build /app ./'], env, writable, path: bins, start };
  const prismaClient = options.prisma && options.pm === 'npm' ? ['COPY --from=build /app/node_modules/.prisma ./node_modules/.prisma'] : [];
  if (monorepo || mode === 'generic') {
    // Manifests + production node_modules from prod-deps, then the build output and sources without the
    // build's (dev) node_modules. The build stage holds only this service and its workspace packages.
    const excludes = ['node_modules', ...[rel, ...service.build.workspacePackages.map((p) => relativeTo(service.build.context, p))].filter((p) => p !== '').map((p) => `${p}/node_modules`)];
    return {
      copies: ['COPY --from=prod-deps /app ./', `COPY --from=build ${[...new Set(excludes)].map((e) => `--exclude=${e}`).join(' ')} /app ./`, ...prismaClient],
      env, writable, path: bins, start,
    };
  }
  const output = service.build.outputDir ?? DEFAULT_OUTPUT[mode] ?? 'dist';
  // prod-deps holds package.json, the lockfile and production node_modules.
  const copies = ['COPY --from=prod-deps /app ./', `COPY --from=build /app/${output} ./${output}`, ...prismaClient];
  if (mode === 'next' || mode === 'remix') copies.push('COPY --from=build /app/public* ./public/');
  if (mode === 'next') copies.push('COPY --from=build /app/next.config.* ./');
  return { copies, env, writable, path: bins, start };
}
