/**
 * Front-end assets built with Node (Laravel's Vite, Symfony's Webpack Encore / AssetMapper with a
 * bundler): `commands.build` gets the lockfile-strict install and the `build` script, so the
 * Dockerfile adds a Node stage and copies the output into the document root.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, addWarning } from '../../plan/service.js';
import { isRecord } from './composer.js';

const BUNDLERS = ['vite', 'laravel-vite-plugin', '@symfony/webpack-encore', 'webpack', 'esbuild', 'tailwindcss'];

export function jsBuild(repo: RepoFs, dir: string, service: ServicePlan): void {
  const file = joinPath(dir, 'package.json');
  const pkg = repo.readJson(file);
  if (!isRecord(pkg)) return;
  const scripts = isRecord(pkg.scripts) ? pkg.scripts : {};
  if (typeof scripts.build !== 'string') return;
  const deps = { ...(isRecord(pkg.dependencies) ? pkg.dependencies : {}), ...(isRecord(pkg.devDependencies) ? pkg.devDependencies : {}) };
  const bundler = BUNDLERS.find((b) => Object.hasOwn(deps, b));
  if (!bundler) return;
  const has = (f: string): boolean => repo.isFile(joinPath(dir, f));
  const command = has('pnpm-lock.yaml')
    ? 'pnpm install --frozen-lockfile && pnpm run build'
    : has('yarn.lock')
      ? 'yarn install --frozen-lockfile && yarn run build'
      : has('bun.lock') || has('bun.lockb')
        ? 'bun install --frozen-lockfile && bun run build'
        : has('package-lock.json')
          ? 'npm ci && npm run build'
          : 'npm install && npm run build';
  if (command.startsWith('npm install')) {
    addWarning(service, 'No JavaScript lockfile next to package.json: `npm install` resolves versions at build time. Commit package-lock.json.');
  }
  service.commands.build = service.commands.build ? `${service.commands.build} && ${command}` : command;
  addEvidence(service, 'build', file, `"build": "${scripts.build}" with ${bundler}: the image needs a Node.js build stage`);
}
