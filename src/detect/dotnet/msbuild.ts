/**
 * MSBuild project files (.csproj / .fsproj / .vbproj) and the files MSBuild imports by convention
 * (Directory.Build.props, Directory.Packages.props), read as XML through RepoFs.readXml. MSBuild is
 * never run: properties are taken as written, `$(Name)` references resolved against what is known.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath, normalize } from '../../core/repo/repo-fs.js';
import { lineOf } from '../shared/text.js';
import { ancestors } from '../shared/versions.js';
import { list, node, text, type XmlNode } from '../shared/xml.js';

export const PROJECT_EXTENSIONS = ['.csproj', '.fsproj', '.vbproj'] as const;

export interface Located {
  value: string;
  file: string;
  line?: number;
}

export interface PackageRef {
  name: string;
  file: string;
  line?: number;
}

export interface MsBuildProject {
  file: string;
  dir: string;
  /** Sdk attribute or <Sdk Name>: Microsoft.NET.Sdk, Microsoft.NET.Sdk.Web, Microsoft.NET.Sdk.Worker, … */
  sdk: string | null;
  /** Properties of this project, over those of the nearest Directory.Build.props. */
  properties: Map<string, Located>;
  packages: PackageRef[];
  /** Repo-relative paths of referenced project files. */
  projectRefs: string[];
  frameworkRefs: string[];
  text: string;
}


export function isProjectFile(name: string): boolean {
  return PROJECT_EXTENSIONS.some((ext) => name.endsWith(ext));
}

function dirOf(file: string): string {
  return file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
}

/** Raw properties and items of one MSBuild XML file (project or .props). */
function readMsBuildXml(repo: RepoFs, file: string): { root: XmlNode; text: string; properties: Map<string, Located> } | null {
  const xml = repo.readXml(file);
  const root = node(xml?.Project);
  const source = repo.readText(file);
  if (!root || source === null) return null;
  const properties = new Map<string, Located>();
  for (const group of list(root.PropertyGroup)) {
    const g = node(group);
    // A conditioned group (Debug-only, a single target framework) is not what a release build sees.
    if (!g || (typeof g['@_Condition'] === 'string' && !/Release/.test(g['@_Condition']))) continue;
    for (const [key, value] of Object.entries(g)) {
      if (key.startsWith('@_') || key === '#text') continue;
      const v = text(Array.isArray(value) ? value[value.length - 1] : value);
      if (v !== null) properties.set(key, { value: v, file, line: lineOf(source, `<${key}>`) });
    }
  }
  return { root, text: source, properties };
}

/** The nearest file of this name from `dir` up to the repository root (what MSBuild imports). */
export function nearest(repo: RepoFs, dir: string, name: string): string | null {
  for (const at of ancestors(dir)) {
    const file = joinPath(at, name);
    if (repo.isFile(file)) return file;
  }
  return null;
}

/** Parsed projects per repository: solutions and project references read the same files many times. */
const PROJECTS = new WeakMap<RepoFs, Map<string, MsBuildProject | null>>();

/** Reads a project file with Directory.Build.props underneath it. Null when missing or broken. */
export function readProject(repo: RepoFs, file: string): MsBuildProject | null {
  let cache = PROJECTS.get(repo);
  if (!cache) PROJECTS.set(repo, (cache = new Map()));
  if (!cache.has(file)) cache.set(file, parseProject(repo, file));
  return cache.get(file) ?? null;
}

function parseProject(repo: RepoFs, file: string): MsBuildProject | null {
  const parsed = readMsBuildXml(repo, file);
  if (!parsed) return null;
  const dir = dirOf(file);
  const properties = new Map<string, Located>();
  const buildProps = nearest(repo, dir, 'Directory.Build.props');
  const inherited = buildProps ? readMsBuildXml(repo, buildProps) : null;
  for (const [k, v] of inherited?.properties ?? []) properties.set(k, v);
  for (const [k, v] of parsed.properties) properties.set(k, v);
  properties.set('MSBuildProjectName', { value: file.slice(file.lastIndexOf('/') + 1).replace(/\.\w+proj$/, ''), file });

  const { root } = parsed;
  const sdkAttr = typeof root['@_Sdk'] === 'string' ? root['@_Sdk'] : null;
  const sdkElement = list(root.Sdk).map((s) => node(s)?.['@_Name']).find((n): n is string => typeof n === 'string');
  const packages: PackageRef[] = [];
  const projectRefs: string[] = [];
  const frameworkRefs: string[] = [];
  const items = [...list(root.ItemGroup), ...list(inherited?.root.ItemGroup)];
  for (const group of items) {
    const g = node(group);
    if (!g) continue;
    const from = list(root.ItemGroup).includes(group) ? file : (buildProps ?? file);
    const source = from === file ? parsed.text : (inherited?.text ?? '');
    for (const ref of list(g.PackageReference)) {
      const name = node(ref)?.['@_Include'];
      if (typeof name === 'string' && !packages.some((p) => p.name.toLowerCase() === name.toLowerCase())) {
        packages.push({ name, file: from, line: lineOf(source, `"${name}"`) });
      }
    }
    for (const ref of list(g.ProjectReference)) {
      const include = node(ref)?.['@_Include'];
      if (typeof include !== 'string') continue;
      const target = normalize(joinPath(dirOf(from), include.replace(/\\/g, '/').replace(/\$\(MSBuildThisFileDirectory\)/g, '')));
      if (target !== null && !projectRefs.includes(target)) projectRefs.push(target);
    }
    for (const ref of list(g.FrameworkReference)) {
      const name = node(ref)?.['@_Include'];
      if (typeof name === 'string') frameworkRefs.push(name);
    }
  }
  return { file, dir, sdk: sdkAttr ?? sdkElement ?? null, properties, packages, projectRefs, frameworkRefs, text: parsed.text };
}

/** A property with `$(Other)` references resolved (unknown ones stay as written). */
export function property(project: MsBuildProject, name: string): Located | null {
  const found = project.properties.get(name);
  if (!found) return null;
  let value = found.value;
  for (let i = 0; i < 5 && value.includes('$('); i++) {
    value = value.replace(/\$\(([\w.]+)\)/g, (whole, ref: string) => project.properties.get(ref)?.value ?? whole);
  }
  return { ...found, value };
}

export function hasPackage(project: MsBuildProject, ...names: string[]): PackageRef | null {
  const wanted = names.map((n) => n.toLowerCase());
  return project.packages.find((p) => wanted.includes(p.name.toLowerCase())) ?? null;
}

/** Referenced projects, transitively (ProjectReference is followed the way MSBuild does). */
export function projectClosure(repo: RepoFs, project: MsBuildProject): MsBuildProject[] {
  const out: MsBuildProject[] = [];
  const queue = [...project.projectRefs];
  while (queue.length > 0 && out.length < 200) {
    const file = queue.shift()!;
    if (file === project.file || out.some((p) => p.file === file)) continue;
    const ref = readProject(repo, file);
    if (!ref) continue;
    out.push(ref);
    queue.push(...ref.projectRefs);
  }
  return out;
}
