/**
 * Maven: reads pom.xml through RepoFs.readXml (never runs Maven). Local parent poms are merged the
 * way Maven inherits them (properties, <dependencies>, <build><plugins>; never the *Management
 * sections, which only declare), and a module finds its aggregator by walking up the directories
 * whose pom lists it in <modules>.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath, normalize } from '../../core/repo/repo-fs.js';
import { lineOf } from '../shared/text.js';
import type { VersionHint } from '../shared/versions.js';
import type { JvmDependency, JvmPlugin, JvmProject, Located } from './model.js';
import { javaMajor } from './java-version.js';
import { list, node, text } from '../shared/xml.js';

export interface PomModel {
  file: string;
  dir: string;
  text: string;
  groupId: string | null;
  artifactId: string | null;
  packaging: string;
  parent: { groupId: string; artifactId: string; relativePath: string | null; line?: number } | null;
  properties: Map<string, Located>;
  dependencies: Array<Omit<JvmDependency, 'group' | 'artifact'> & { groupId: string; artifactId: string }>;
  plugins: Array<{ artifactId: string; node: Record<string, unknown>; line?: number }>;
  /** Repo-relative module directories listed in <modules>. */
  modules: string[];
  finalName: string | null;
}


/** Parsed poms per repository: modules, parents and aggregators read the same files many times. */
const POMS = new WeakMap<RepoFs, Map<string, PomModel | null>>();

/** Parses one pom.xml, without inheritance. Null when missing or broken (RepoFs records why). */
export function readPom(repo: RepoFs, file: string): PomModel | null {
  let cache = POMS.get(repo);
  if (!cache) POMS.set(repo, (cache = new Map()));
  if (!cache.has(file)) cache.set(file, parsePom(repo, file));
  return cache.get(file) ?? null;
}

function parsePom(repo: RepoFs, file: string): PomModel | null {
  const xml = repo.readXml(file);
  const project = node(xml?.project);
  const source = repo.readText(file);
  if (!project || source === null) return null;
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  const properties = new Map<string, Located>();
  for (const [key, value] of Object.entries(node(project.properties) ?? {})) {
    const v = text(value);
    if (v !== null) properties.set(key, { value: v, file, line: lineOf(source, `<${key}>`) });
  }
  const parentNode = node(project.parent);
  const parentGroup = text(parentNode?.groupId);
  const parentArtifact = text(parentNode?.artifactId);
  const parent = parentNode && parentGroup && parentArtifact
    ? { groupId: parentGroup, artifactId: parentArtifact, relativePath: parentNode.relativePath === undefined ? '../pom.xml' : text(parentNode.relativePath), line: lineOf(source, `<artifactId>${parentArtifact}</artifactId>`) }
    : null;
  const dependencies: PomModel['dependencies'] = [];
  for (const dep of list(node(project.dependencies)?.dependency)) {
    const d = node(dep);
    const groupId = text(d?.groupId);
    const artifactId = text(d?.artifactId);
    if (!groupId || !artifactId) continue;
    dependencies.push({ groupId, artifactId, scope: text(d?.scope) ?? 'compile', file, line: lineOf(source, `<artifactId>${artifactId}</artifactId>`) });
  }
  const build = node(project.build);
  const plugins: PomModel['plugins'] = [];
  for (const plugin of list(node(build?.plugins)?.plugin)) {
    const p = node(plugin);
    const artifactId = text(p?.artifactId);
    if (p && artifactId) plugins.push({ artifactId, node: p, line: lineOf(source, `<artifactId>${artifactId}</artifactId>`) });
  }
  const modules: string[] = [];
  for (const m of list(node(project.modules)?.module)) {
    const rel = text(m);
    if (!rel) continue;
    const target = normalize(joinPath(dir, rel.replace(/\/?pom\.xml$/, '')));
    if (target !== null && !modules.includes(target)) modules.push(target);
  }
  const finalName = text(build?.finalName);
  return {
    file,
    dir,
    text: source,
    groupId: text(project.groupId),
    artifactId: text(project.artifactId),
    packaging: text(project.packaging) ?? 'jar',
    parent,
    properties,
    dependencies,
    plugins,
    modules,
    finalName,
  };
}

/** The local parent pom a pom inherits from, when it is in the repository and really is that parent. */
function localParent(repo: RepoFs, pom: PomModel): PomModel | null {
  if (!pom.parent || pom.parent.relativePath === null) return null;
  const rel = normalize(joinPath(pom.dir, pom.parent.relativePath));
  if (rel === null) return null;
  const file = rel.endsWith('.xml') ? rel : joinPath(rel, 'pom.xml');
  if (file === pom.file || !repo.isFile(file)) return null;
  const parent = readPom(repo, file);
  return parent && parent.artifactId === pom.parent.artifactId ? parent : null;
}

/** The pom and its local ancestors, nearest first (at most 8, to survive cycles). */
function lineage(repo: RepoFs, pom: PomModel): PomModel[] {
  const chain = [pom];
  for (let current = localParent(repo, pom); current && chain.length < 8; current = localParent(repo, current)) {
    if (chain.some((p) => p.file === current!.file)) break;
    chain.push(current);
  }
  return chain;
}

/** Resolves `${name}` references against properties and project coordinates. */
export function resolveProps(value: string, props: ReadonlyMap<string, Located>, depth = 0): string {
  if (depth > 5 || !value.includes('${')) return value;
  return resolveProps(value.replace(/\$\{([^}]+)\}/g, (whole, name: string) => props.get(name)?.value ?? whole), props, depth + 1);
}

/** Walks up from `dir` through the poms whose <modules> list it: the topmost is the build root. */
export function mavenAggregators(repo: RepoFs, dir: string): PomModel[] {
  const chain: PomModel[] = [];
  let current = dir;
  while (current !== '') {
    const parentDir = current.includes('/') ? current.slice(0, current.lastIndexOf('/')) : '';
    let found: PomModel | null = null;
    // An aggregator can sit more than one level up (`<module>services/api</module>`).
    for (let up = parentDir; ; up = up.includes('/') ? up.slice(0, up.lastIndexOf('/')) : '') {
      const pom = repo.isFile(joinPath(up, 'pom.xml')) ? readPom(repo, joinPath(up, 'pom.xml')) : null;
      if (pom?.modules.includes(current)) {
        found = pom;
        break;
      }
      if (up === '') break;
    }
    if (!found) break;
    chain.push(found);
    current = found.dir;
  }
  return chain;
}

/** Every module pom in the reactor under `root`, recursively. */
function reactor(repo: RepoFs, root: PomModel): PomModel[] {
  const out: PomModel[] = [];
  const queue = [root];
  while (queue.length > 0 && out.length < 500) {
    const pom = queue.shift()!;
    if (out.some((p) => p.file === pom.file)) continue;
    out.push(pom);
    for (const m of pom.modules) {
      const child = readPom(repo, joinPath(m, 'pom.xml'));
      if (child) queue.push(child);
    }
  }
  return out;
}

/** Reads the Maven project in `dir` into the neutral model, or null when there is no usable pom.xml. */
export function loadMavenProject(repo: RepoFs, dir: string, options: { internalDeps?: boolean } = {}): { project: JvmProject; pom: PomModel } | null {
  const pom = readPom(repo, joinPath(dir, 'pom.xml'));
  if (!pom) return null;
  const chain = lineage(repo, pom);
  const props = new Map<string, Located>();
  for (const p of [...chain].reverse()) for (const [k, v] of p.properties) props.set(k, v);
  const groupId = pom.groupId ?? pom.parent?.groupId ?? '';
  const artifactId = pom.artifactId ?? (dir.split('/').pop() || 'app');
  props.set('project.artifactId', { value: artifactId, file: pom.file });
  props.set('project.groupId', { value: groupId, file: pom.file });

  const dependencies: JvmDependency[] = [];
  const plugins: JvmPlugin[] = [];
  for (const p of chain) {
    for (const d of p.dependencies) {
      if (dependencies.some((x) => x.group === d.groupId && x.artifact === d.artifactId)) continue;
      dependencies.push({ group: resolveProps(d.groupId, props), artifact: resolveProps(d.artifactId, props), scope: d.scope, file: d.file, line: d.line });
    }
    for (const pl of p.plugins) if (!plugins.some((x) => x.id === pl.artifactId)) plugins.push({ id: pl.artifactId, file: p.file, line: pl.line });
  }

  const aggregators = mavenAggregators(repo, dir);
  const rootPom = aggregators[aggregators.length - 1] ?? null;
  const root = rootPom ? rootPom.dir : dir;
  const memberPath = rootPom ? (root === '' ? dir : dir.slice(root.length + 1)) : null;
  const internalDeps = rootPom && options.internalDeps !== false ? internalModuleDeps(repo, rootPom, pom, props) : [];

  const parentNode = pom.parent ? { group: pom.parent.groupId, artifact: pom.parent.artifactId, file: pom.file, line: pom.parent.line } : null;
  const finalName = pom.finalName ? resolveProps(pom.finalName, props) : null;
  const project: JvmProject = {
    tool: 'maven',
    dir,
    manifest: pom.file,
    name: artifactId.includes('${') ? dir.split('/').pop() || 'app' : artifactId,
    packaging: resolveProps(pom.packaging, props),
    dependencies,
    plugins,
    parent: parentNode,
    javaVersion: mavenJavaVersion(chain, props),
    mainClass: mavenMainClass(chain, props),
    finalName: finalName && !finalName.includes('${') ? finalName : null,
    root,
    memberPath,
    internalDeps,
    text: pom.text,
  };
  return { project, pom };
}

const REACTORS = new WeakMap<RepoFs, Map<string, Map<string, PomModel>>>();

/** The reactor's jar/war modules by groupId:artifactId, computed once per build root. */
function reactorByCoords(repo: RepoFs, rootPom: PomModel): Map<string, PomModel> {
  let cache = REACTORS.get(repo);
  if (!cache) REACTORS.set(repo, (cache = new Map()));
  const cached = cache.get(rootPom.file);
  if (cached) return cached;
  const byCoords = new Map<string, PomModel>();
  for (const m of reactor(repo, rootPom)) {
    if (m.packaging === 'pom' || !m.artifactId) continue;
    byCoords.set(`${m.groupId ?? m.parent?.groupId ?? ''}:${m.artifactId}`, m);
  }
  cache.set(rootPom.file, byCoords);
  return byCoords;
}

/** Sibling modules this pom depends on (by groupId:artifactId), followed transitively. */
function internalModuleDeps(repo: RepoFs, rootPom: PomModel, pom: PomModel, props: ReadonlyMap<string, Located>): string[] {
  const byCoords = reactorByCoords(repo, rootPom);
  const found: string[] = [];
  const queue: PomModel[] = [pom];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const d of current.dependencies) {
      if (d.scope === 'test') continue;
      const target = byCoords.get(`${resolveProps(d.groupId, props)}:${resolveProps(d.artifactId, props)}`);
      if (!target || target.dir === pom.dir || found.includes(target.dir)) continue;
      found.push(target.dir);
      queue.push(target);
    }
  }
  return found.sort();
}

const VERSION_PROPERTIES = ['maven.compiler.release', 'java.version', 'maven.compiler.source', 'maven.compiler.target', 'jdk.version', 'java.release'];

function mavenJavaVersion(chain: readonly PomModel[], props: ReadonlyMap<string, Located>): VersionHint | null {
  for (const name of VERSION_PROPERTIES) {
    const prop = props.get(name);
    const major = prop ? javaMajor(resolveProps(prop.value, props)) : null;
    if (prop && major) return { version: major, file: prop.file, line: prop.line };
  }
  for (const pom of chain) {
    const compiler = pom.plugins.find((p) => p.artifactId === 'maven-compiler-plugin');
    const config = node(compiler?.node.configuration);
    for (const key of ['release', 'source']) {
      const raw = text(config?.[key]);
      const major = raw ? javaMajor(resolveProps(raw, props)) : null;
      if (raw && major) return { version: major, file: pom.file, line: lineOf(pom.text, `<${key}>`) };
    }
  }
  return null;
}

const MAIN_CLASS_PROPERTIES = ['start-class', 'exec.mainClass', 'main.class', 'mainClass', 'app.main.class'];

function mavenMainClass(chain: readonly PomModel[], props: ReadonlyMap<string, Located>): Located | null {
  for (const name of MAIN_CLASS_PROPERTIES) {
    const prop = props.get(name);
    if (prop) return { value: resolveProps(prop.value, props), file: prop.file, line: prop.line };
  }
  for (const pom of chain) {
    // spring-boot-maven-plugin, maven-jar-plugin manifest, shade's ManifestResourceTransformer: all spell it <mainClass>.
    const m = /<(mainClass|Main-Class)>\s*([\w.$]+)\s*<\/\1>/.exec(pom.text);
    if (m?.[2]) return { value: m[2], file: pom.file, line: lineOf(pom.text, m[0]) };
  }
  return null;
}
