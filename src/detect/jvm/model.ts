/**
 * The build-tool-neutral view of one Maven or Gradle project that the frameworks and the planner
 * read. maven.ts and gradle.ts fill it from pom.xml / build.gradle(.kts); nothing else parses
 * build files.
 */
import type { VersionHint } from '../shared/versions.js';

export type BuildTool = 'maven' | 'gradle';

export interface JvmDependency {
  group: string;
  artifact: string;
  /** Maven scope or Gradle configuration (implementation, runtimeOnly, testImplementation, …). */
  scope: string;
  file: string;
  line?: number;
}

export interface JvmPlugin {
  /** Maven plugin artifactId (spring-boot-maven-plugin) or Gradle plugin id (org.springframework.boot). */
  id: string;
  file: string;
  line?: number;
}

export interface Located {
  value: string;
  file: string;
  line?: number;
}

export interface JvmProject {
  tool: BuildTool;
  /** Repo-relative project directory. */
  dir: string;
  /** pom.xml or build.gradle(.kts) of this project. */
  manifest: string;
  /** artifactId, or the Gradle project name. */
  name: string;
  /** jar, war or pom (Gradle: war when the war plugin is applied). */
  packaging: string;
  /** Dependencies of this project, test-scoped ones included (callers filter). */
  dependencies: JvmDependency[];
  /** Plugins applied to this project (declared-but-not-applied Gradle plugins are left out). */
  plugins: JvmPlugin[];
  parent: { group: string; artifact: string; file: string; line?: number } | null;
  javaVersion: VersionHint | null;
  /** Main class the build file names (start-class, mainClass, Main-Class). */
  mainClass: Located | null;
  /** A literal finalName / archive name, when the build sets one. */
  finalName: string | null;
  /** Build root: the aggregator pom or settings.gradle directory; equals `dir` for a standalone build. */
  root: string;
  /** Maven module path relative to root (`api`, `services/api`) or Gradle project path (`:api`), null at the root. */
  memberPath: string | null;
  /** Directories of sibling modules/projects this one depends on, transitively. */
  internalDeps: string[];
  /** Raw build-file text (Gradle) so frameworks can look for task configuration. */
  text: string;
}

const NON_RUNTIME_SCOPE = /^(test|provided|system|import|compileOnly|annotationProcessor|kapt|ksp|developmentOnly|testAndDevelopmentOnly)$|^test|Test(Implementation|RuntimeOnly|CompileOnly|Api)$/;

/** Dependencies that end up on the runtime classpath (test and annotation-processor scopes left out). */
export function runtimeDependencies(project: JvmProject): JvmDependency[] {
  return project.dependencies.filter((d) => !NON_RUNTIME_SCOPE.test(d.scope));
}

export function hasPlugin(project: JvmProject, ...ids: string[]): JvmPlugin | null {
  return project.plugins.find((p) => ids.includes(p.id)) ?? null;
}

export function findDependency(project: JvmProject, test: (d: JvmDependency) => boolean): JvmDependency | null {
  return runtimeDependencies(project).find(test) ?? null;
}
