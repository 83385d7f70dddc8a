/**
 * Toolchains the CI install/build job can set up on a runner, with the cache directories their
 * package managers use. Caches live inside the workspace (GitLab only caches paths under the
 * project directory) and the env vars point each tool at them, so both providers share one layout.
 * Languages not listed here get no runner job: the image build installs and compiles them anyway.
 */
import type { ServicePlan } from '../../plan/schema.js';

export interface Toolchain {
  /** Runtime to set up: the GitHub setup action family and the GitLab job image. */
  runtime: 'node' | 'go';
  /** Package manager enabled through Corepack before installing (pnpm, yarn), or null. */
  corepack: boolean;
  /** Cache dirs, relative to the checkout root; env values are such dirs too (renderers make them absolute, since commands run in sub-directories). */
  cache: { paths: string[]; env: Record<string, string> };
}

const NODE_CACHES: Record<string, Toolchain['cache']> = {
  npm: { paths: ['.cache/npm'], env: { npm_config_cache: '.cache/npm' } },
  // pnpm reads npm_config_* settings: store-dir moves its content-addressed store.
  pnpm: { paths: ['.cache/pnpm-store'], env: { npm_config_store_dir: '.cache/pnpm-store' } },
  yarn: { paths: ['.cache/yarn'], env: { YARN_CACHE_FOLDER: '.cache/yarn' } },
};

export function toolchainFor(service: ServicePlan): Toolchain | null {
  const manager = service.packageManager?.name ?? '';
  if (service.language === 'node') {
    const cache = NODE_CACHES[manager];
    if (!cache) return null;
    return { runtime: 'node', corepack: manager !== 'npm', cache };
  }
  if (service.language === 'go') {
    return { runtime: 'go', corepack: false, cache: { paths: ['.cache/go-mod', '.cache/go-build'], env: { GOMODCACHE: '.cache/go-mod', GOCACHE: '.cache/go-build' } } };
  }
  return null;
}
