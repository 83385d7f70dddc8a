/**
 * Package-manager specifics for Node images: which files the install reads, the lockfile-strict
 * install, its BuildKit cache, how to drop dev dependencies after the build, and how to run a local
 * bin. npm, pnpm, Yarn classic, Yarn berry (2+) and Bun.
 */
import type { ServicePlan } from '../../plan/schema.js';
import { cacheMount, secretMount } from './common.js';

export type NodePackageManager = 'npm' | 'pnpm' | 'yarn' | 'yarn-berry' | 'bun';

/** Pinned Corepack (npm package) installed before `corepack enable`: Node 25+ no longer bundles it, and old bundled copies carry expired signing keys. */
export const COREPACK_VERSION = '0.34.6';

export interface PackageManagerSetup {
  name: NodePackageManager;
  /** Lockfile name at the build-context root, or null when the repo has none. */
  lockfile: string | null;
  /** The lockfile-strict install (from the plan when it says). */
  install: string;
  /** Root files the install reads; entries ending in `*` are optional (COPY skips wildcards that match nothing). */
  manifests: string[];
  /** Mounts for the install RUN: package cache and the optional private-registry secret. */
  installMounts: string[];
  /** Production-only install for the prod-deps stage (no devDependencies). */
  prodInstall: string;
  /** Whether Corepack must provide the package manager binary. */
  corepack: boolean;
  /** ENV lines for the base stage. */
  env: string[];
  /** Command prefix that runs a bin from node_modules/.bin (`npx --no-install`, `pnpm exec`…). */
  exec: string;
}

const DEFAULT_LOCKFILE: Record<NodePackageManager, string> = {
  npm: 'package-lock.json',
  pnpm: 'pnpm-lock.yaml',
  yarn: 'yarn.lock',
  'yarn-berry': 'yarn.lock',
  bun: 'bun.lock',
};

/** Which package manager the plan says, telling Yarn berry from classic by feature or version. */
export function packageManagerOf(service: ServicePlan): NodePackageManager {
  const name = service.packageManager?.name ?? 'npm';
  if (name === 'yarn') {
    const major = Number.parseInt(service.packageManager?.version ?? '', 10);
    return service.build.features.includes('yarn-berry') || major >= 2 ? 'yarn-berry' : 'yarn';
  }
  if (name === 'pnpm' || name === 'bun') return name;
  return 'npm';
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function packageManagerSetup(service: ServicePlan): PackageManagerSetup {
  const name = packageManagerOf(service);
  const lockfile = service.packageManager?.lockfile ? basename(service.packageManager.lockfile) : null;
  const strict = lockfile !== null;
  const planned = service.commands.install;
  const npmrcSecret = secretMount('npmrc', '/root/.npmrc');
  switch (name) {
    case 'npm': {
      const cache = cacheMount('/root/.npm', { id: 'npm' });
      return {
        name, lockfile,
        install: planned ?? (strict ? 'npm ci' : 'npm install'),
        manifests: ['package.json', lockfile ?? 'package-lock.json*', '.npmrc*'],
        installMounts: [cache, npmrcSecret],
        prodInstall: strict ? 'npm ci --omit=dev' : 'npm install --omit=dev',
        corepack: false,
        env: ['ENV npm_config_update_notifier=false npm_config_fund=false'],
        exec: 'npx --no-install',
      };
    }
    case 'pnpm': {
      const cache = cacheMount('/pnpm/store', { id: 'pnpm' });
      return {
        name, lockfile,
        install: planned ?? (strict ? 'pnpm install --frozen-lockfile' : 'pnpm install'),
        manifests: ['package.json', lockfile ?? DEFAULT_LOCKFILE.pnpm + '*', 'pnpm-workspace.yaml*', '.npmrc*', '.pnpmfile.cjs*', 'patches*'],
        installMounts: [cache, npmrcSecret],
        prodInstall: `pnpm install --prod${strict ? ' --frozen-lockfile' : ''}`,
        corepack: true,
        env: ['ENV PNPM_HOME=/pnpm', 'ENV PATH=$PNPM_HOME:$PATH'],
        exec: 'pnpm exec',
      };
    }
    case 'yarn': {
      const cache = cacheMount('/usr/local/share/.cache/yarn', { id: 'yarn' });
      return {
        name, lockfile,
        install: planned ?? (strict ? 'yarn install --frozen-lockfile' : 'yarn install'),
        manifests: ['package.json', lockfile ?? 'yarn.lock*', '.npmrc*', '.yarnrc*', 'patches*'],
        installMounts: [cache, npmrcSecret],
        prodInstall: `yarn install --production${strict ? ' --frozen-lockfile' : ''}`,
        corepack: service.build.features.includes('corepack'),
        env: [],
        exec: 'yarn',
      };
    }
    case 'yarn-berry': {
      const cache = cacheMount('/root/.yarn/berry/cache', { id: 'yarn-berry' });
      // Yarn berry reads registry auth from YARN_NPM_AUTH_TOKEN, not .npmrc; the secret becomes that env var for one RUN.
      const token = '--mount=type=secret,id=yarn_npm_auth_token,env=YARN_NPM_AUTH_TOKEN';
      return {
        name, lockfile,
        install: planned ?? (strict ? 'yarn install --immutable' : 'yarn install'),
        manifests: ['package.json', lockfile ?? 'yarn.lock*', '.yarnrc.yml*', '.yarn/releases*', '.yarn/plugins*', '.yarn/patches*'],
        installMounts: [cache, token],
        // Built into Yarn 4; Yarn 2/3 need the workspace-tools plugin (committed under .yarn/plugins).
        prodInstall: 'yarn workspaces focus --all --production',
        corepack: true,
        // node_modules linker so the image runs plain `node` (PnP would need `yarn node` or a loader flag at run time).
        env: ['ENV YARN_NODE_LINKER=node-modules YARN_ENABLE_GLOBAL_CACHE=true YARN_ENABLE_TELEMETRY=0'],
        exec: 'yarn',
      };
    }
    case 'bun': {
      const cache = cacheMount('/root/.bun/install/cache', { id: 'bun' });
      return {
        name, lockfile,
        install: planned ?? (strict ? 'bun install --frozen-lockfile' : 'bun install'),
        manifests: ['package.json', lockfile ?? 'bun.lock*', 'bunfig.toml*', '.npmrc*', 'patches*'],
        installMounts: [cache, npmrcSecret],
        prodInstall: `bun install --production${strict ? ' --frozen-lockfile' : ''}`,
        corepack: false,
        env: [],
        exec: 'bunx',
      };
    }
  }
}
