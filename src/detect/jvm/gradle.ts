/**
 * Gradle: build.gradle (Groovy) and build.gradle.kts (Kotlin DSL) are programs, and devsquad never
 * runs them, so they are read as text for the declarations that matter: applied plugins, declared
 * dependencies (incl. the version catalog gradle/libs.versions.toml), the Java toolchain, the main
 * class, and settings.gradle(.kts) `include(...)` for multi-project builds.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath, normalize } from '../../core/repo/repo-fs.js';
import { lineAt, stripCComments } from '../shared/text.js';
import { ancestors, type VersionHint } from '../shared/versions.js';
import { javaMajor } from './java-version.js';
import type { JvmDependency, JvmPlugin, JvmProject, Located } from './model.js';

export const BUILD_FILES = ['build.gradle.kts', 'build.gradle'] as const;
export const SETTINGS_FILES = ['settings.gradle.kts', 'settings.gradle'] as const;

export function gradleBuildFile(repo: RepoFs, dir: string): string | null {
  return BUILD_FILES.map((f) => joinPath(dir, f)).find((f) => repo.isFile(f)) ?? null;
}

export function gradleSettingsFile(repo: RepoFs, dir: string): string | null {
  return SETTINGS_FILES.map((f) => joinPath(dir, f)).find((f) => repo.isFile(f)) ?? null;
}

export interface GradleSettings {
  file: string;
  dir: string;
  rootName: string | null;
  /** Included projects: Gradle path (`:services:api`) → repo-relative directory. */
  projects: Map<string, string>;
}

/** A `{ … }` block after `name`, matched by braces (strings are rare enough in build files to ignore). */
export interface Block {
  start: number;
  end: number;
  body: string;
}

export function findBlocks(text: string, name: string): Block[] {
  const out: Block[] = [];
  const re = new RegExp(`(?:^|[^\\w.])${name}\\s*(?:\\([^)]*\\)\\s*)?\\{`, 'g');
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const open = m.index + m[0].length - 1;
    let depth = 0;
    let i = open;
    for (; i < text.length; i++) {
      if (text[i] === '{') depth++;
      else if (text[i] === '}' && --depth === 0) break;
    }
    out.push({ start: m.index, end: i, body: text.slice(open + 1, i) });
    re.lastIndex = i;
  }
  return out;
}

/** The text with the given blocks blanked out (line breaks kept, so offsets and lines still hold). */
function without(text: string, blocks: readonly Block[]): string {
  let out = text;
  for (const b of blocks) out = out.slice(0, b.start) + out.slice(b.start, b.end + 1).replace(/[^\n]/g, ' ') + out.slice(b.end + 1);
  return out;
}

/** Only the body of one block kept (everything else blanked), so offsets still give the right lines. */
function only(text: string, block: Block): string {
  const bodyStart = text.indexOf('{', block.start) + 1;
  const blank = (part: string): string => part.replace(/[^\n]/g, ' ');
  return blank(text.slice(0, bodyStart)) + text.slice(bodyStart, block.end) + blank(text.slice(block.end));
}

const SETTINGS = new WeakMap<RepoFs, Map<string, GradleSettings | null>>();

/** Reads settings.gradle(.kts): root project name and included projects with their directories. */
export function readSettings(repo: RepoFs, file: string): GradleSettings | null {
  let cache = SETTINGS.get(repo);
  if (!cache) SETTINGS.set(repo, (cache = new Map()));
  if (!cache.has(file)) cache.set(file, parseSettings(repo, file));
  return cache.get(file) ?? null;
}

function parseSettings(repo: RepoFs, file: string): GradleSettings | null {
  const raw = repo.readText(file);
  if (raw === null) return null;
  const text = stripCComments(raw);
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const projects = new Map<string, string>();
  const includeRe = /(?:^|[^\w.])(include|includeFlat)\b(?!Build)\s*(\()?/g;
  for (let m = includeRe.exec(text); m !== null; m = includeRe.exec(text)) {
    const from = m.index + m[0].length;
    // `include(...)` runs to the closing paren; `include 'a', 'b'` to the end of the line, or further after a trailing comma.
    const args = m[2] ? text.slice(from, text.indexOf(')', from) === -1 ? text.length : text.indexOf(')', from)) : /^[^\n]*(?:,\s*\n[^\n]*)*/.exec(text.slice(from))?.[0] ?? '';
    for (const q of args.matchAll(/["']([^"'$]+)["']/g)) {
      const path = q[1]!.startsWith(':') ? q[1]! : `:${q[1]!}`;
      const rel = m[1] === 'includeFlat' ? `../${path.slice(1)}` : path.slice(1).replace(/:/g, '/');
      const target = normalize(joinPath(dir, rel));
      if (target !== null) projects.set(path, target);
    }
  }
  for (const m of text.matchAll(/project\s*\(\s*["'](:[^"']+)["']\s*\)\s*\.projectDir\s*=\s*(?:file\s*\(\s*)?(?:new\s+File\s*\([^,]*,\s*)?["']([^"']+)["']/g)) {
    const target = normalize(joinPath(dir, m[2]!.replace(/^\.\//, '')));
    if (target !== null && projects.has(m[1]!)) projects.set(m[1]!, target);
  }
  // project(":with-db:common").name = "with-db-common" renames the project, so its path changes.
  for (const m of text.matchAll(/project\s*\(\s*["'](:[^"']+)["']\s*\)\s*\.name\s*=\s*["']([^"':]+)["']/g)) {
    const target = projects.get(m[1]!);
    if (target === undefined) continue;
    projects.delete(m[1]!);
    projects.set(`${m[1]!.slice(0, m[1]!.lastIndexOf(':') + 1)}${m[2]!}`, target);
  }
  const rootName = /rootProject\.name\s*=\s*["']([^"']+)["']/.exec(text)?.[1] ?? null;
  return { file, dir, rootName, projects };
}

/** The settings that include `dir` as a project (nearest first), or the settings in `dir` itself. */
export function settingsFor(repo: RepoFs, dir: string): { settings: GradleSettings; path: string | null } | null {
  for (const at of ancestors(dir)) {
    const file = gradleSettingsFile(repo, at);
    if (!file) continue;
    const settings = readSettings(repo, file);
    if (!settings) continue;
    if (at === dir) return { settings, path: null };
    for (const [path, projectDir] of settings.projects) if (projectDir === dir) return { settings, path };
  }
  return null;
}

interface Catalog {
  libraries: Map<string, { group: string; artifact: string }>;
  plugins: Map<string, string>;
  bundles: Map<string, string[]>;
}

const accessor = (alias: string): string => alias.replace(/[-_]/g, '.');

/** gradle/libs.versions.toml of the build, keyed by the accessor spelling (`spring.boot.starter.web`). */
function readCatalog(repo: RepoFs, root: string): Catalog {
  const catalog: Catalog = { libraries: new Map(), plugins: new Map(), bundles: new Map() };
  const toml = repo.readToml(joinPath(root, 'gradle/libs.versions.toml'));
  if (!toml) return catalog;
  const table = (key: string): Record<string, unknown> => (toml[key] && typeof toml[key] === 'object' ? (toml[key] as Record<string, unknown>) : {});
  for (const [alias, spec] of Object.entries(table('libraries'))) {
    let coords: string | null = null;
    if (typeof spec === 'string') coords = spec;
    else if (spec && typeof spec === 'object') {
      const s = spec as Record<string, unknown>;
      coords = typeof s.module === 'string' ? s.module : typeof s.group === 'string' && typeof s.name === 'string' ? `${s.group}:${s.name}` : null;
    }
    const [group, artifact] = coords?.split(':') ?? [];
    if (group && artifact) catalog.libraries.set(accessor(alias), { group, artifact });
  }
  for (const [alias, spec] of Object.entries(table('plugins'))) {
    const id = typeof spec === 'string' ? spec.split(':')[0] : spec && typeof spec === 'object' && typeof (spec as { id?: unknown }).id === 'string' ? (spec as { id: string }).id : null;
    if (id) catalog.plugins.set(accessor(alias), id);
  }
  for (const [alias, members] of Object.entries(table('bundles'))) {
    if (Array.isArray(members)) catalog.bundles.set(accessor(alias), members.filter((m): m is string => typeof m === 'string').map(accessor));
  }
  return catalog;
}

const CORE_PLUGINS = new Set(['java', 'java-library', 'application', 'war', 'groovy', 'scala', 'kotlin-dsl', 'maven-publish', 'jacoco', 'idea', 'eclipse', 'checkstyle', 'pmd', 'java-platform', 'distribution']);

function gradlePlugins(text: string, file: string, catalog: Catalog): JvmPlugin[] {
  const plugins: JvmPlugin[] = [];
  const add = (id: string, index: number): void => {
    if (!plugins.some((p) => p.id === id)) plugins.push({ id, file, line: lineAt(text, index) });
  };
  for (const block of findBlocks(text, 'plugins')) {
    const offset = block.start + (text.slice(block.start).indexOf('{') + 1);
    for (const stmt of block.body.matchAll(/[^\n;]+/g)) {
      const s = stmt[0].trim();
      const at = offset + stmt.index;
      if (/\bapply\s*\(?\s*false\b/.test(s)) continue; // declared for subprojects, not applied here
      const id = /\bid\s*\(?\s*["']([\w.-]+)["']/.exec(s)?.[1];
      const kotlin = /\bkotlin\s*\(\s*["']([\w.-]+)["']\s*\)/.exec(s)?.[1];
      const alias = /\balias\s*\(\s*libs\.plugins\.([\w.]+)\s*\)/.exec(s)?.[1];
      const bare = /^`?([\w-]+)`?$/.exec(s)?.[1];
      if (id) add(id, at);
      else if (kotlin) add(`org.jetbrains.kotlin.${kotlin}`, at);
      else if (alias && catalog.plugins.has(alias)) add(catalog.plugins.get(alias)!, at);
      else if (bare && CORE_PLUGINS.has(bare)) add(bare, at);
    }
  }
  for (const m of text.matchAll(/apply\s*\(?\s*plugin\s*[:=]\s*["']([\w.-]+)["']/g)) add(m[1]!, m.index);
  return plugins;
}

const CONFIGURATION = String.raw`(implementation|api|compileOnly|runtimeOnly|developmentOnly|compile|runtime|annotationProcessor|kapt|ksp|[a-z][A-Za-z]*(?:Implementation|RuntimeOnly|CompileOnly|Api))`;
const DEPENDENCY = new RegExp(
  String.raw`\b${CONFIGURATION}\s*\(?\s*(?:(?:platform|enforcedPlatform)\s*\(\s*)?(?:["']([^"'\s]+)["']|project\s*\(\s*(?:path\s*[:=]\s*)?["']([^"']+)["']|libs\.([\w.]+)|group\s*[:=]\s*["']([^"']+)["']\s*,\s*name\s*[:=]\s*["']([^"']+)["'])`,
  'g',
);

interface GradleDeps {
  dependencies: JvmDependency[];
  projectPaths: string[];
}

function gradleDependencies(text: string, file: string, catalog: Catalog): GradleDeps {
  const dependencies: JvmDependency[] = [];
  const projectPaths: string[] = [];
  const add = (group: string, artifact: string, scope: string, index: number): void => {
    if (!dependencies.some((d) => d.group === group && d.artifact === artifact && d.scope === scope)) {
      dependencies.push({ group, artifact, scope, file, line: lineAt(text, index) });
    }
  };
  for (const m of text.matchAll(DEPENDENCY)) {
    const [, scope = '', coords, projectPath, libsRef, group, name] = m;
    if (coords) {
      const [g, a] = coords.split(':');
      if (g && a) add(g, a, scope, m.index);
    } else if (projectPath) {
      if (!/^test/.test(scope)) projectPaths.push(projectPath.startsWith(':') ? projectPath : `:${projectPath}`);
    } else if (libsRef) {
      const bundle = libsRef.startsWith('bundles.') ? catalog.bundles.get(libsRef.slice('bundles.'.length)) : undefined;
      for (const ref of bundle ?? [libsRef]) {
        const lib = catalog.libraries.get(ref);
        if (lib) add(lib.group, lib.artifact, scope, m.index);
      }
    } else if (group && name) {
      add(group, name, scope, m.index);
    }
  }
  return { dependencies, projectPaths };
}

/** Java version from a Gradle build text: toolchain, then source/targetCompatibility, then Kotlin jvmTarget. */
export function gradleJavaVersion(text: string, file: string): VersionHint | null {
  const patterns = [
    /JavaLanguageVersion\.of\s*\(\s*["']?(\d+)["']?\s*\)/,
    /jvmToolchain\s*\(\s*(\d+)\s*\)/,
    /sourceCompatibility\s*=\s*(?:JavaVersion\.(?:toVersion\s*\(\s*["']?)?(?:VERSION_)?([\d_.]+)|["']?([\d.]+)["']?)/,
    /targetCompatibility\s*=\s*(?:JavaVersion\.(?:toVersion\s*\(\s*["']?)?(?:VERSION_)?([\d_.]+)|["']?([\d.]+)["']?)/,
    /jvmTarget\s*(?:=|\.set\s*\()\s*(?:["']([\d.]+)["']|JvmTarget\.JVM_([\d_]+))/,
  ];
  for (const re of patterns) {
    const m = re.exec(text);
    const raw = m?.[1] ?? m?.[2];
    const major = raw ? javaMajor(raw.replace(/_/g, '.')) : null;
    if (m && major) return { version: major, file, line: lineAt(text, m.index) };
  }
  return null;
}

function gradleMainClass(text: string, file: string): Located | null {
  const m = /\bmainClass(?:Name)?\s*(?:=|\.set\s*\()\s*["']([\w.$]+)["']/.exec(text) ?? /["']Main-Class["']\s*(?::|to|,)\s*["']([\w.$]+)["']/.exec(text);
  if (m?.[1]) return { value: m[1], file, line: lineAt(text, m.index) };
  // mainClass.set(launcherClassName) with `val launcherClassName = "io.vertx.launcher.application.VertxApplication"`.
  const ref = /\bmainClass(?:Name)?\s*(?:=|\.set\s*\()\s*([A-Za-z_]\w*)\s*(?:\)|$|\}|;)/m.exec(text);
  const value = ref?.[1] ? new RegExp(`\\b(?:val|def|var)\\s+${ref[1]}\\s*(?::\\s*String\\s*)?=\\s*["']([\\w.$]+)["']`).exec(text)?.[1] : undefined;
  return ref && value ? { value, file, line: lineAt(text, ref.index) } : null;
}

/** Convention scripts in buildSrc/ or build-logic/ often carry the toolchain for every project. */
function conventionScripts(repo: RepoFs, root: string): string[] {
  return repo.glob(['buildSrc/**/*.gradle', 'buildSrc/**/*.gradle.kts', 'build-logic/**/*.gradle', 'build-logic/**/*.gradle.kts'], { cwd: root }).slice(0, 20);
}

/**
 * Precompiled script plugins: a project that applies `id("acme.kotlin-application-conventions")`
 * gets the plugins and dependencies of buildSrc's (or build-logic's)
 * `acme.kotlin-application-conventions.gradle(.kts)`, as Gradle applies them (two levels deep).
 */
function applyConventionPlugins(repo: RepoFs, root: string, catalog: Catalog, into: { plugins: JvmPlugin[]; dependencies: JvmDependency[]; projectPaths: string[] }): void {
  const scripts = conventionScripts(repo, root);
  if (scripts.length === 0) return;
  const seen = new Set<string>();
  for (let depth = 0; depth < 2; depth++) {
    for (const plugin of [...into.plugins]) {
      if (seen.has(plugin.id)) continue;
      seen.add(plugin.id);
      const script = scripts.find((f) => f.endsWith(`/${plugin.id}.gradle`) || f.endsWith(`/${plugin.id}.gradle.kts`));
      const text = script ? repo.readText(script) : null;
      if (!script || text === null) continue;
      const body = stripCComments(text);
      for (const p of gradlePlugins(body, script, catalog)) if (!into.plugins.some((x) => x.id === p.id)) into.plugins.push(p);
      const deps = gradleDependencies(body, script, catalog);
      into.dependencies.push(...deps.dependencies);
      into.projectPaths.push(...deps.projectPaths);
    }
  }
}

/** Reads the Gradle project in `dir` into the neutral model; null when it has no build file. */
export function loadGradleProject(repo: RepoFs, dir: string, options: { internalDeps?: boolean } = {}): JvmProject | null {
  const manifest = gradleBuildFile(repo, dir);
  const raw = manifest ? repo.readText(manifest) : null;
  if (!manifest || raw === null) return null;
  const found = settingsFor(repo, dir);
  const root = found ? found.settings.dir : dir;
  const memberPath = found?.path ?? null;
  const catalog = readCatalog(repo, root);
  const text = stripCComments(raw);
  // A root build's subprojects {} / allprojects {} blocks configure other projects, not itself.
  const shared = [...findBlocks(text, 'subprojects'), ...findBlocks(text, 'allprojects')];
  const own = without(text, [...shared, ...findBlocks(text, 'buildscript')]);
  const plugins = gradlePlugins(own, manifest, catalog);
  const { dependencies, projectPaths } = gradleDependencies(own, manifest, catalog);
  applyConventionPlugins(repo, root, catalog, { plugins, dependencies, projectPaths });

  // subprojects {} / allprojects {} of the root build apply to members; allprojects {} to the root too.
  const rootFile = memberPath ? gradleBuildFile(repo, root) : manifest;
  const rootText = rootFile === manifest ? text : stripCComments((rootFile && repo.readText(rootFile)) ?? '');
  const inheritedBlocks = memberPath
    ? [...findBlocks(rootText, 'subprojects'), ...findBlocks(rootText, 'allprojects')]
    : findBlocks(text, 'allprojects');
  let inheritedVersion: VersionHint | null = null;
  for (const block of rootFile ? inheritedBlocks : []) {
    const scoped = only(rootText, block);
    for (const p of gradlePlugins(scoped, rootFile!, catalog)) if (!plugins.some((x) => x.id === p.id)) plugins.push(p);
    dependencies.push(...gradleDependencies(scoped, rootFile!, catalog).dependencies);
    inheritedVersion ??= gradleJavaVersion(scoped, rootFile!);
  }
  // Last resort before the convention scripts: the JDK the root build targets is the JDK of the build.
  if (memberPath && rootFile) inheritedVersion ??= gradleJavaVersion(rootText, rootFile);
  let javaVersion = gradleJavaVersion(own, manifest) ?? inheritedVersion;
  for (const script of javaVersion ? [] : conventionScripts(repo, root)) {
    javaVersion = gradleJavaVersion(stripCComments(repo.readText(script) ?? ''), script);
    if (javaVersion) break;
  }

  const name = memberPath ? memberPath.split(':').pop()! : (found?.settings.rootName ?? (dir.split('/').pop() || repo.name));
  const archive = /archiveFileName\s*(?:=|\.set\s*\()\s*["']([^"'$]+)\.(?:jar|war)["']/.exec(own)?.[1] ?? null;
  return {
    tool: 'gradle',
    dir,
    manifest,
    name,
    packaging: plugins.some((p) => p.id === 'war') ? 'war' : 'jar',
    dependencies,
    plugins,
    parent: null,
    javaVersion,
    mainClass: gradleMainClass(own, manifest),
    finalName: archive,
    root,
    memberPath,
    internalDeps: found && options.internalDeps !== false ? internalProjectDeps(repo, found.settings, projectPaths, dir) : [],
    text: own,
  };
}

/** Directories of the projects `project(":x")` dependencies point at, followed transitively. */
function internalProjectDeps(repo: RepoFs, settings: GradleSettings, direct: readonly string[], self: string): string[] {
  const found: string[] = [];
  const queue = [...direct];
  const catalog: Catalog = { libraries: new Map(), plugins: new Map(), bundles: new Map() };
  while (queue.length > 0 && found.length < 200) {
    const path = queue.shift()!;
    const projectDir = settings.projects.get(path);
    if (!projectDir || projectDir === self || found.includes(projectDir)) continue;
    found.push(projectDir);
    const file = gradleBuildFile(repo, projectDir);
    const text = file ? repo.readText(file) : null;
    if (file && text !== null) queue.push(...gradleDependencies(stripCComments(text), file, catalog).projectPaths);
  }
  return found.sort();
}
