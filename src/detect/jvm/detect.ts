/**
 * Java / Kotlin detector. A directory with pom.xml or build.gradle(.kts) is:
 * - a workspace root when it aggregates modules (Maven <modules>, Gradle settings include(...))
 *   and is not itself an app;
 * - a service when a framework packages it as an app (Spring Boot, Quarkus, Micronaut) or it has a
 *   main class; a server when it serves HTTP, else a worker;
 * - a library otherwise (packaging pom, shared modules, Spring libraries without an application class).
 * Build files are read as data: Maven and Gradle are never run.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { Language, ServicePlan } from '../../plan/schema.js';
import { addEvidence, addFeature, addWarning, blankService } from '../../plan/service.js';
import { applyRecipePort, recipeCommandPort, serviceRecipe, type ContainerRecipe } from '../shared/container-recipe.js';
import { addEnvFromExampleFiles } from '../shared/env-vars.js';
import { DEFAULT_VERSIONS } from '../shared/versions.js';
import type { Detection } from '../types.js';
import { readAppConfig, type AppConfig } from './app-config.js';
import { micronaut } from './frameworks/micronaut.js';
import { applyPlainBacking, applyPlainServer, codeListens, embeddedWeb, usesJdkHttpServer } from './frameworks/plain.js';
import { quarkus } from './frameworks/quarkus.js';
import { springBoot } from './frameworks/spring-boot.js';
import type { FrameworkEvidence, JvmContext, JvmFramework } from './frameworks/types.js';
import { gradleBuildFile, gradleSettingsFile, loadGradleProject, readSettings } from './gradle.js';
import { applyJavaVersion } from './java-version.js';
import { loadMavenProject } from './maven.js';
import { runtimeDependencies, type JvmDependency, type JvmProject } from './model.js';
import { portFromServerConfig } from './server-config.js';
import { applyPackaging } from './packaging.js';
import { findEntryPoint, jvmSources, recordSourceEnvReads, type EntryPoint } from './sources.js';

const FRAMEWORKS: readonly JvmFramework[] = [springBoot, quarkus, micronaut];

interface Verdict {
  project: JvmProject;
  framework: JvmFramework | null;
  frameworkEvidence: FrameworkEvidence | null;
  /** Framework id for plain apps with an embedded web library (ktor, javalin, …). */
  plainFramework: string | null;
  /**
   * The framework alone would make this a worker (Spring Boot without a web starter, Quarkus
   * without an HTTP extension) but the code starts its own listener (Armeria, Vert.x): plan the
   * framework's facts, then the port as for a plain server.
   */
  codeServer?: boolean;
  entry: EntryPoint | null;
  sources: string[];
  moduleSources: string[];
  config: AppConfig;
  recipe: ContainerRecipe | null;
  kind: 'server' | 'worker';
}

export function detect(repo: RepoFs, dir: string): Detection | null {
  if (repo.isFile(joinPath(dir, 'pom.xml'))) {
    const loaded = loadMavenProject(repo, dir);
    if (!loaded) return null; // broken pom.xml: RepoFs recorded DSQ_ERR_MANIFEST_PARSE
    if (loaded.pom.modules.length > 0) {
      return { role: 'workspace-root', reason: `pom.xml aggregates ${loaded.pom.modules.length} Maven module(s)`, data: { tools: ['maven-multi-module'] } };
    }
    if (loaded.project.packaging === 'pom') return { role: 'library', reason: 'pom.xml with packaging pom and no modules (a parent or BOM)' };
    return judge(repo, withModuleDeps(repo, loaded.project));
  }
  const settingsFile = gradleSettingsFile(repo, dir);
  const settings = settingsFile ? readSettings(repo, settingsFile) : null;
  const buildFile = gradleBuildFile(repo, dir);
  const project = buildFile ? loadGradleProject(repo, dir) : null;
  if (settings && settings.projects.size > 0) {
    // The root of a multi-project build is a service only when it is an app itself.
    const verdict = project && repo.isDir(joinPath(dir, 'src/main')) ? judge(repo, withModuleDeps(repo, project)) : null;
    if (verdict?.role === 'service') return verdict;
    return { role: 'workspace-root', reason: `${settings.file} includes ${settings.projects.size} Gradle project(s)`, data: { tools: ['gradle-multi-project'] } };
  }
  if (!project) return null;
  return judge(repo, withModuleDeps(repo, project));
}

const SIBLING_DEPS = new WeakMap<RepoFs, Map<string, JvmDependency[]>>();

/** Runtime dependencies of a sibling module, read once per repository. */
function siblingDependencies(repo: RepoFs, tool: JvmProject['tool'], dir: string): JvmDependency[] {
  let cache = SIBLING_DEPS.get(repo);
  if (!cache) SIBLING_DEPS.set(repo, (cache = new Map()));
  const key = `${tool}:${dir}`;
  if (!cache.has(key)) {
    // internalDeps is already transitive: the siblings' own sibling lists are not needed.
    const sibling = tool === 'maven' ? loadMavenProject(repo, dir, { internalDeps: false })?.project : loadGradleProject(repo, dir, { internalDeps: false });
    cache.set(key, sibling ? runtimeDependencies(sibling) : []);
  }
  return cache.get(key)!;
}

/** The project with the runtime dependencies of the sibling modules it uses (they share its classpath). */
function withModuleDeps(repo: RepoFs, project: JvmProject): JvmProject {
  if (project.internalDeps.length === 0) return project;
  const dependencies = [...project.dependencies];
  for (const dir of project.internalDeps) {
    for (const dep of siblingDependencies(repo, project.tool, dir)) {
      if (!dependencies.some((d) => d.group === dep.group && d.artifact === dep.artifact)) dependencies.push(dep);
    }
  }
  return { ...project, dependencies };
}

function judge(repo: RepoFs, project: JvmProject): Detection {
  const sources = jvmSources(repo, project.dir);
  // A sibling module the app depends on often holds the server bootstrap (a `common` module).
  const moduleSources = project.internalDeps.flatMap((d) => jvmSources(repo, d, 100));
  const entry = findEntryPoint(repo, sources);
  const recipe = serviceRecipe(repo, project.dir, [project.name, project.dir.split('/').pop() ?? '']);
  const config = readAppConfig(repo, project.dir, recipeProfiles(recipe));
  const detected = FRAMEWORKS.map((f) => ({ f, evidence: f.detect(project) })).filter((x) => x.evidence !== null);
  const chosen = detected.find((x) => x.f.isApp(project, entry)) ?? detected[0] ?? null;
  const base = { project, entry, sources, moduleSources, config, recipe, plainFramework: null };
  const listens = (): boolean => codeListens(repo, [...sources, ...moduleSources]);
  if (chosen) {
    const name = chosen.f.id;
    if (!chosen.f.isApp(project, entry)) {
      return { role: 'library', reason: `uses ${name} but is not packaged as an application (no ${name} build plugin or application class)` };
    }
    const frameworkServes = chosen.f.isServer(project, config);
    // A framework app whose own rules say worker can still serve through another library: a listener
    // in the code, a web library, or a server port in its config (a framework built on Spring Boot).
    const codeServer = !frameworkServes && (embeddedWeb(project) !== null || listens() || portFromServerConfig(repo, project.dir) !== null);
    const kind = frameworkServes || codeServer ? 'server' : 'worker';
    const data: Verdict = { ...base, framework: chosen.f, frameworkEvidence: chosen.evidence, kind, codeServer };
    return { role: 'service', reason: `${name} application (${chosen.evidence!.note})`, data };
  }
  const web = embeddedWeb(project);
  if (entry || project.mainClass) {
    // An app on a library we do not know still says it serves: its code opens a listener, or its
    // own container recipe publishes a port.
    const serves = web !== null || usesJdkHttpServer(repo, sources) || listens() || (recipe !== null && (recipe.expose.length > 0 || recipeCommandPort(recipe) !== null));
    const data: Verdict = { ...base, framework: null, frameworkEvidence: web ? { file: web.dep.file, line: web.dep.line, note: `depends on ${web.dep.artifact}` } : null, plainFramework: web?.framework ?? null, kind: serves ? 'server' : 'worker' };
    return { role: 'service', reason: `${project.tool} project with a main class${serves ? ' serving HTTP' : ''}`, data };
  }
  if (project.packaging === 'war') {
    const data: Verdict = { ...base, framework: null, frameworkEvidence: null, kind: 'server' };
    return { role: 'service', reason: 'war packaging (a web application for a servlet container)', data };
  }
  return { role: 'library', reason: `${project.tool} project without a main class or application framework` };
}

export function plan(repo: RepoFs, dir: string, detection: Detection): ServicePlan[] {
  const v = detection.data as Verdict | undefined;
  if (!v?.project) return [];
  const { project, config, entry, sources, moduleSources } = v;
  const service = blankService({
    name: project.name,
    path: dir,
    language: languageOf(repo, project),
    runtime: { name: 'java', version: DEFAULT_VERSIONS.java, source: 'default' },
  });
  service.kind = v.kind;
  applyJavaVersion(repo, service, dir, project.javaVersion);
  if (service.language === 'kotlin') {
    const kotlin = kotlinPlugin(project);
    addEvidence(service, 'framework', kotlin?.file ?? joinPath(dir, 'src/main/kotlin'), kotlin ? `plugin ${kotlin.id}: Kotlin` : 'src/main/kotlin: Kotlin sources', kotlin?.line);
  }
  if (project.memberPath !== null) {
    service.build.context = project.root;
    service.build.target = project.memberPath;
    service.build.workspacePackages = project.internalDeps;
    addEvidence(service, 'build', project.manifest, `${project.tool === 'maven' ? 'Maven module' : 'Gradle project'} ${project.memberPath} of the build at ${project.root || '.'}: built from there`);
  }

  const framework = v.framework;
  if (framework && v.frameworkEvidence) {
    service.framework = framework.id;
    addFeature(service, framework.feature);
    addEvidence(service, 'framework', v.frameworkEvidence.file, v.frameworkEvidence.note, v.frameworkEvidence.line);
  } else if (v.plainFramework && v.frameworkEvidence) {
    service.framework = v.plainFramework;
    addEvidence(service, 'framework', v.frameworkEvidence.file, v.frameworkEvidence.note, v.frameworkEvidence.line);
  }
  if (entry) addEvidence(service, 'start', entry.file, entry.text, entry.line);

  applyPackaging({ repo, service, project, framework: framework?.id ?? null, config, entry });

  const ctx: JvmContext = { repo, project, service, config, sources, moduleSources, entry };
  if (framework) {
    if (v.codeServer) service.kind = 'worker';
    framework.apply(ctx);
    if (v.codeServer) {
      service.kind = 'server';
      applyPlainServer(ctx);
    }
  } else {
    if (service.kind === 'server') applyPlainServer(ctx);
    applyPlainBacking(ctx);
    if (project.packaging === 'war' && !entry && !project.mainClass) {
      service.commands.start = null;
      service.port.value = 8080;
      addEvidence(service, 'port', project.manifest, 'war for a servlet container: Tomcat and Jetty listen on 8080');
      addWarning(service, 'A plain war needs a servlet container (Tomcat, Jetty): devsquad cannot start it with `java -jar`. Deploy it into a container image such as tomcat, or move to an embedded server.');
    }
  }
  applyRecipePort(service, v.recipe);
  recordSourceEnvReads(repo, service, sources);
  addEnvFromExampleFiles(repo, dir, service);
  return [service];
}

/** Kotlin when a Kotlin JVM plugin is applied or the sources live in src/main/kotlin. */
function languageOf(repo: RepoFs, project: JvmProject): Language {
  if (kotlinPlugin(project)) return 'kotlin';
  if (repo.isDir(joinPath(project.dir, 'src/main/kotlin')) && !repo.isDir(joinPath(project.dir, 'src/main/java'))) return 'kotlin';
  return 'java';
}

function kotlinPlugin(project: JvmProject): JvmProject['plugins'][number] | null {
  return project.plugins.find((p) => p.id === 'kotlin-maven-plugin' || p.id.startsWith('org.jetbrains.kotlin.')) ?? null;
}

/** Profiles the existing container recipe activates (`SPRING_PROFILES_ACTIVE`, `-Dspring.profiles.active=`). */
function recipeProfiles(recipe: ContainerRecipe | null): string[] {
  if (!recipe) return [];
  const values = [recipe.env.get('SPRING_PROFILES_ACTIVE')?.value, recipe.env.get('QUARKUS_PROFILE')?.value];
  const flag = recipe.command ? /(?:-D|--)(?:spring\.profiles\.active|quarkus\.profile)=["']?([\w,-]+)/.exec(recipe.command.value)?.[1] : undefined;
  return [...values, flag].flatMap((v) => (v ?? '').split(',')).map((p) => p.trim()).filter((p) => /^[\w-]+$/.test(p));
}
