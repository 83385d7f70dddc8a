/**
 * Integrated Nx repositories: apps are folders with a project.json and no package.json; every
 * dependency lives in the root package.json. An application project is a service built from the
 * root with `nx run <project>:build`; its output (and so its start command) comes from the build
 * target's outputPath, or from the webpack / vite config when Nx infers the targets. Which root
 * dependencies an app uses is read from its imports, and the libraries it needs from the
 * tsconfig.base.json path aliases it imports.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath, normalize } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { stripCComments } from '../shared/text.js';
import { ancestors } from '../shared/versions.js';
import type { Detection } from '../types.js';
import type { NodeDetectionData } from './classify.js';
import { classifyPackage } from './classify.js';
import type { PackageInfo } from './context.js';
import { execCommand } from './package-managers.js';
import { detectPackageManager } from './package-managers.js';
import type { PlanOverrides } from './planner.js';
import { buildPlan } from './planner.js';
import { collectSources } from './scan.js';
import type { Manifest } from './schema.js';
import { allDependencies } from './schema.js';
import { relativePath } from './tsconfig.js';
import type { WorkspaceRoot } from './workspaces.js';
import { workspaceRootAt } from './workspaces.js';

interface NxTarget {
  executor?: unknown;
  builder?: unknown;
  options?: Record<string, unknown>;
}

interface NxProject {
  name?: unknown;
  projectType?: unknown;
  sourceRoot?: unknown;
  targets?: Record<string, NxTarget>;
}

interface Found {
  root: WorkspaceRoot;
  file: string;
  project: NxProject;
  name: string;
}

/** A standalone Nx workspace: nx.json and the app's own project.json in one folder. */
export function isStandaloneNxApp(repo: RepoFs, dir: string): boolean {
  return repo.isFile(joinPath(dir, 'nx.json')) && repo.isFile(joinPath(dir, 'project.json'));
}

function findProject(repo: RepoFs, dir: string): Found | null {
  for (const at of ancestors(dir)) {
    const root = workspaceRootAt(repo, at);
    const standalone = at === dir && isStandaloneNxApp(repo, dir);
    if (!root?.nx || !(standalone || (at !== dir && root.nxProjects.includes(dir)))) continue;
    const file = joinPath(dir, 'project.json');
    const raw = repo.readJson(file);
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
    const project = raw as NxProject;
    const name = typeof project.name === 'string' ? project.name : dir.slice(dir.lastIndexOf('/') + 1);
    return { root, file, project, name };
  }
  return null;
}

export function detectNxProject(repo: RepoFs, dir: string): Detection | null {
  const found = findProject(repo, dir);
  if (!found) return null;
  const { project, name } = found;
  const executors = Object.values(project.targets ?? {}).map((t) => String(t.executor ?? t.builder ?? ''));
  if (/-e2e$/.test(name) || executors.some((e) => /cypress|playwright/.test(e))) return { role: 'library', reason: `Nx end-to-end test project ${name}` };
  const application = project.projectType === 'application' || (project.projectType === undefined && (project.targets?.serve !== undefined || /(^|\/)apps\//.test(dir)));
  if (!application) return { role: 'library', reason: `Nx library project ${name}` };
  const info = projectInfo(repo, dir, found);
  const own = classifyPackage(info);
  const data: NodeDetectionData = { framework: (own.data as NodeDetectionData | undefined)?.framework ?? null };
  return { role: 'service', reason: `Nx application ${name}${data.framework ? ` (${data.framework})` : ''}`, data };
}

export function planNxProject(repo: RepoFs, dir: string, detection: Detection): ServicePlan[] {
  const found = findProject(repo, dir);
  if (!found) return [];
  const { root, name } = found;
  const info = projectInfo(repo, dir, found);
  const pm = detectPackageManager(repo, dir, info.manifest, root.dir, root.manifest);
  const overrides: PlanOverrides = {
    build: { command: execCommand(pm, 'nx', `run ${name}:build`), file: found.file, note: `Nx builds project ${name} and the libraries it depends on` },
    workspacePackages: usedLibraries(repo, dir, root),
    ...outputs(repo, dir, found),
  };
  const member = { dir, name, manifest: info.manifest };
  return [buildPlan({ repo, dir, manifest: info.manifest, deps: info.deps, workspace: { root, member }, detection, overrides })];
}

/** A manifest for the project: its name, and the root dependencies its sources import. */
function projectInfo(repo: RepoFs, dir: string, found: Found): PackageInfo {
  const rootManifest = found.root.manifest;
  const rootDeps = rootManifest ? allDependencies(rootManifest) : {};
  const used = importedPackages(repo, dir);
  const keep = (deps: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(deps).filter(([d]) => used.has(d) || configUses(repo, dir, d)));
  const manifest: Manifest = {
    file: found.file,
    dir,
    text: repo.readText(found.file) ?? '',
    name: found.name,
    private: true,
    type: rootManifest?.type ?? 'commonjs',
    main: null,
    module: null,
    hasBin: false,
    hasExports: false,
    scripts: {},
    dependencies: keep(rootManifest?.dependencies ?? {}),
    devDependencies: keep(rootManifest?.devDependencies ?? {}),
    optionalDependencies: {},
    peerDependencies: {},
    workspaces: null,
    packageManager: null,
    engines: rootManifest?.engines ?? {},
    volta: rootManifest?.volta ?? {},
    prismaSchema: null,
  };
  return { repo, dir, manifest, deps: keep(rootDeps) };
}

/** Frameworks configured by a file rather than imported (next.config.js, vite.config.ts, angular). */
function configUses(repo: RepoFs, dir: string, dep: string): boolean {
  const has = (stem: string): boolean => ['js', 'mjs', 'ts', 'cjs'].some((e) => repo.isFile(joinPath(dir, `${stem}.${e}`)));
  if (dep === 'next') return has('next.config');
  if (dep === 'vite') return has('vite.config') && repo.isFile(joinPath(dir, 'index.html'));
  if (dep === 'nuxt') return has('nuxt.config');
  if (dep === 'astro') return has('astro.config');
  if (dep === '@sveltejs/kit') return has('svelte.config');
  return false;
}

function importedPackages(repo: RepoFs, dir: string): Set<string> {
  const sources = collectSources(repo, dir, [], 200);
  const used = new Set<string>();
  for (const file of sources.files) {
    const code = sources.code(file) ?? '';
    for (const m of code.matchAll(/(?:from\s*|require\(\s*|import\(\s*|import\s+)['"]((?:@[\w.-]+\/)?[\w.-]+)/g)) used.add(m[1] ?? '');
  }
  return used;
}

/** Libraries imported through tsconfig.base.json path aliases (`@org/shared` → libs/shared). */
function usedLibraries(repo: RepoFs, dir: string, root: WorkspaceRoot): string[] {
  const base = ['tsconfig.base.json', 'tsconfig.json'].map((f) => joinPath(root.dir, f)).find((f) => repo.isFile(f));
  const config = base ? (repo.readJsonc(base) as { compilerOptions?: { paths?: Record<string, unknown> } } | null) : null;
  const aliases = Object.entries(config?.compilerOptions?.paths ?? {});
  if (aliases.length === 0) return [];
  const projectOf = (target: string): string | null => {
    let at = normalize(joinPath(root.dir, target.replace(/\/?\*.*$/, ''))) ?? '';
    while (at !== '' && !root.nxProjects.includes(at) && !repo.isFile(joinPath(at, 'package.json'))) at = at.includes('/') ? at.slice(0, at.lastIndexOf('/')) : '';
    return at === '' ? null : at;
  };
  const found = new Set<string>();
  const queue = [dir];
  while (queue.length > 0) {
    const current = queue.shift()!;
    const sources = collectSources(repo, current, [], 200);
    const text = sources.files.map((f) => stripCComments(sources.raw(f) ?? '')).join('\n');
    for (const [alias, targets] of aliases) {
      const prefix = alias.replace(/\/?\*$/, '');
      if (!text.includes(`'${prefix}`) && !text.includes(`"${prefix}`)) continue;
      const target = Array.isArray(targets) && typeof targets[0] === 'string' ? projectOf(targets[0]) : null;
      if (target && target !== dir && !found.has(target)) {
        found.add(target);
        queue.push(target);
      }
    }
  }
  return [...found].sort();
}

/** Where the build target writes, and so what the image starts. */
function outputs(repo: RepoFs, dir: string, found: Found): Pick<PlanOverrides, 'start' | 'outputDir' | 'artifact'> {
  const build = found.project.targets?.build;
  const executor = String(build?.executor ?? build?.builder ?? '');
  const options = build?.options ?? {};
  let outputPath = typeof options.outputPath === 'string' ? options.outputPath : null;
  let bundled = /webpack|esbuild|rollup|rspack|vite/.test(executor);
  let web = /(@nx|@nrwl)\/(vite|react|angular)|angular-devkit/.test(executor) || typeof options.index === 'string' || options.target === 'web';
  const main = typeof options.main === 'string' ? options.main : null;
  // Nx >= 17 infers targets from the tool's config file.
  if (!build) {
    const webpack = ['webpack.config.js', 'webpack.config.ts', 'webpack.config.cjs'].map((f) => joinPath(dir, f)).find((f) => repo.isFile(f));
    const code = webpack ? stripCComments(repo.readText(webpack) ?? '') : '';
    const path = /outputPath\s*:\s*(?:join\(\s*__dirname\s*,\s*)?['"]([^'"]+)['"]/.exec(code)?.[1];
    if (webpack && path) {
      outputPath = path.startsWith('.') ? normalize(joinPath(dir, path)) : path;
      bundled = true;
      web = /target\s*:\s*['"]web['"]/.test(code);
    }
  }
  if (!outputPath) return {};
  const outputDir = relativePath(dir, outputPath);
  if (web || /angular/.test(executor)) {
    const browser = /:application$/.test(executor) ? `${outputDir}/browser` : outputDir;
    return { outputDir: browser };
  }
  if (/next/.test(executor)) return { outputDir };
  const entry = bundled ? 'main.js' : main ? relativeToProject(main, dir).replace(/\.[cm]?tsx?$/, '.js') : 'main.js';
  return {
    outputDir,
    artifact: entry,
    start: { command: `node ${outputDir}/${entry}`, file: found.file, note: `Nx ${executor || 'build'} writes ${outputPath}/${entry}` },
  };
}

function relativeToProject(path: string, dir: string): string {
  const p = path.replace(/^\.\//, '');
  return dir !== '' && p.startsWith(`${dir}/`) ? p.slice(dir.length + 1) : p;
}
