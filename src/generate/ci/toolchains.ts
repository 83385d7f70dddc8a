/**
 * Toolchains the CI verify job sets up on a runner, with the cache directories their package
 * managers use. Caches live inside the workspace (GitLab only caches paths under the project
 * directory) and the env vars point each tool at them, so every provider shares one layout.
 * Node (npm, pnpm, yarn, Bun) and Go are here; the other languages are in languages.ts.
 */
import type { ServicePlan } from '../../plan/schema.js';
import { languageToolchain, type Toolchain } from './languages.js';

export type { Runtime, Toolchain } from './languages.js';

const NODE_CACHES: Record<string, Toolchain['cache']> = {
  npm: { paths: ['.cache/npm'], env: { npm_config_cache: '{root}/.cache/npm' } },
  // pnpm reads npm_config_* settings: store-dir moves its content-addressed store.
  pnpm: { paths: ['.cache/pnpm-store'], env: { npm_config_store_dir: '{root}/.cache/pnpm-store' } },
  yarn: { paths: ['.cache/yarn'], env: { YARN_CACHE_FOLDER: '{root}/.cache/yarn' } },
};

const RUNNER_DEFAULTS = { setup: [], containerSetup: [], install: null, buildOnRunner: true, manifests: [] };

/**
 * Bun: the plan's runtime version is Bun's own (.bun-version, packageManager `bun@x`), so it pins the
 * setup action and the `oven/bun` image. Bun's global install cache (~/.bun/install/cache) moves into
 * the workspace. The verify install keeps the lockfile frozen and drops `--production`, since
 * linters and test runners are dev dependencies.
 */
function bun(service: ServicePlan): Toolchain {
  const install = (service.commands.install ?? 'bun install --frozen-lockfile').replace(/\s--production(?=\s|$)/g, '');
  return {
    runtime: 'bun',
    corepack: false,
    cache: { paths: ['.cache/bun'], env: { BUN_INSTALL_CACHE_DIR: '{root}/.cache/bun' } },
    image: `oven/bun:${service.runtime.version}`,
    ...RUNNER_DEFAULTS,
    install: service.packageManager?.lockfile && !install.includes('--frozen-lockfile') ? `${install} --frozen-lockfile` : install,
  };
}

export function toolchainFor(service: ServicePlan): Toolchain | null {
  const manager = service.packageManager?.name ?? '';
  if (service.language === 'node') {
    if (manager === 'bun') return bun(service);
    const cache = NODE_CACHES[manager];
    if (!cache) return null;
    return { runtime: 'node', corepack: manager !== 'npm', cache, image: `node:${service.runtime.version}`, ...RUNNER_DEFAULTS };
  }
  if (service.language === 'go') {
    return {
      runtime: 'go',
      corepack: false,
      cache: { paths: ['.cache/go-mod', '.cache/go-build'], env: { GOMODCACHE: '{root}/.cache/go-mod', GOCACHE: '{root}/.cache/go-build' } },
      image: `golang:${service.runtime.version}`,
      ...RUNNER_DEFAULTS,
    };
  }
  return languageToolchain(service);
}

/** A cache env value with `{root}` replaced by the provider's absolute checkout directory. */
export function envValue(value: string, root: string): string {
  return value.split('{root}').join(root);
}
