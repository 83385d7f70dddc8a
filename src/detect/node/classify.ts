/**
 * detect(): is this package.json a deployable app, a workspace root, or a library? Cheap first
 * (dependencies, scripts, config file names); only a package whose deps say "HTTP library" but whose
 * scripts do not start anything gets its sources scanned for a listen call.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import { readProcfile } from '../shared/procfile.js';
import type { Detection } from '../types.js';
import type { PackageInfo } from './context.js';
import type { NodeFramework } from './frameworks/index.js';
import { matchingFrameworks } from './frameworks/index.js';
import { looksLikeServer } from './port.js';
import { collectSources } from './scan.js';
import type { Manifest } from './schema.js';
import { allDependencies, readManifest } from './schema.js';
import { findStartScript, parseScript } from './scripts.js';
import type { WorkspaceRoot } from './workspaces.js';
import { workspaceRootAt } from './workspaces.js';

export interface NodeDetectionData {
  /** Framework id chosen at detection, or null for a plain Node app. */
  framework: string | null;
  /** Set for workspace roots: the monorepo tools found. */
  tools?: string[];
}

/** Dev dependencies that only lint, format, type-check, test or orchestrate a repo. */
const TOOLING = /^(eslint|prettier|typescript|@types\/|eslint-|@eslint\/|@typescript-eslint\/|typescript-eslint|prettier-|@prettier\/|stylelint|husky|lint-staged|@commitlint\/|commitlint|turbo|nx|@nx\/|lerna|@changesets\/|vitest|@vitest\/|jest|@jest\/|ts-jest|@biomejs\/|rimraf|npm-run-all2?|concurrently|cross-env|@vercel\/style-guide|@tsconfig\/|globals|@next\/eslint-plugin-next|del-cli|cspell|markdownlint|syncpack|knip|@trivago\/|@ianvs\/|@repo\/(eslint|typescript)-config)/;

/** Start binaries that only run workspace scripts: a root with these is not itself an app. */
const ORCHESTRATORS = /^(turbo|nx|lerna|concurrently|npm-run-all2?|run-p|run-s|serve|http-server|echo)$/;

/** Files that show a meta-framework app lives right here (for workspace roots, whose deps may be hoisted). */
const APP_FILES = ['next.config.js', 'next.config.mjs', 'next.config.ts', 'nuxt.config.ts', 'nuxt.config.js', 'svelte.config.js', 'astro.config.mjs', 'astro.config.ts', 'angular.json', 'remix.config.js', 'react-router.config.ts', 'index.html', 'vite.config.ts', 'vite.config.js'];

export function classify(repo: RepoFs, dir: string): Detection | null {
  const manifest = readManifest(repo, dir);
  if (!manifest) return null;
  const info: PackageInfo = { repo, dir, manifest, deps: allDependencies(manifest) };
  const root = workspaceRootAt(repo, dir);
  if (root) return classifyRoot(info, root);
  return classifyPackage(info);
}

function classifyRoot(info: PackageInfo, root: WorkspaceRoot): Detection {
  const tools = [...root.tools].sort();
  const members = root.members.length + root.nxProjects.length;
  const rootVerdict: Detection = { role: 'workspace-root', reason: `${tools.join(', ')} root with ${members} member${members === 1 ? '' : 's'}`, data: { framework: null, tools } satisfies NodeDetectionData };
  // An integrated Nx root holds every app's dependencies; the apps are its projects.
  if (root.nx && root.nxProjects.length > 0) return rootVerdict;
  // The root's sources are not scanned: that would walk the whole monorepo, and a root that serves
  // says so in its start script or with a framework config file.
  const own = classifyPackage(info, false);
  if (own.role !== 'service') return rootVerdict;
  const hasAppFile = APP_FILES.some((f) => info.repo.isFile(joinPath(info.dir, f)));
  if (!hasAppFile && !serverSignal(info, false)) return rootVerdict;
  return { ...own, reason: `${own.reason}; also the ${tools.join(', ')} root`, data: { ...(own.data as NodeDetectionData), tools } };
}

export function classifyPackage(info: PackageInfo, scanSources = true): Detection {
  const frameworks = matchingFrameworks(info);
  let signal: boolean | null = null;
  const hasSignal = (): boolean => (signal ??= serverSignal(info, scanSources));
  let unstarted: NodeFramework | null = null;
  for (const fw of frameworks) {
    if (fw.category !== 'server') return service(fw, `${fw.id} app`);
    if (hasSignal()) return service(fw, `${fw.id} server`);
    unstarted ??= fw;
  }
  if (unstarted) {
    return library(`depends on ${unstarted.id} but nothing starts a server (no start script, no listen call): a library or middleware`);
  }
  if (toolingOnly(info.manifest) && !hasSignal()) return library('tooling-only package (lint, format, type-check or build config)');
  if (hasSignal()) return service(null, 'Node app with a start script or a server entry');
  return library('no start script, server code or app framework: a library');
}

function service(fw: NodeFramework | null, reason: string): Detection {
  return { role: 'service', reason, data: { framework: fw?.id ?? null } satisfies NodeDetectionData };
}

function library(reason: string): Detection {
  return { role: 'library', reason, data: { framework: null } satisfies NodeDetectionData };
}

/** Only lint / format / type-check / test tooling (an eslint-config package lists its plugins as dependencies). */
function toolingOnly(m: Manifest): boolean {
  return Object.keys({ ...m.dependencies, ...m.devDependencies, ...m.peerDependencies }).every((d) => TOOLING.test(d));
}

/** Something starts a process: a production-looking start script, a Procfile, or a listen call. */
export function serverSignal(info: PackageInfo, scanSources = true): boolean {
  const start = findStartScript(info.manifest);
  if (start) {
    if (start.kind === 'node' || start.kind === 'bun' || start.kind === 'tsx') return true;
    if (start.kind === 'bin' && start.bin && !ORCHESTRATORS.test(start.bin)) return true;
    if ((start.kind === 'dev' || start.kind === 'ts-node') && start.entry) return true;
  }
  // `bun create hono` and friends ship only a dev script: `bun run --hot src/index.ts`.
  const dev = parseScript(info.manifest, 'dev');
  if (dev && (dev.kind === 'bun' || dev.kind === 'node' || ((dev.kind === 'dev' || dev.kind === 'tsx') && dev.entry !== null && /^(tsx|nodemon|node)$/.test(dev.bin ?? 'tsx')))) return true;
  if (readProcfile(info.repo, info.dir)?.web) return true;
  if (!scanSources) return false;
  const sources = collectSources(info.repo, info.dir, [], 120);
  return sources.files.some((f) => looksLikeServer(sources.code(f) ?? ''));
}
