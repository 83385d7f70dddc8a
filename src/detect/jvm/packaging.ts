/**
 * How a JVM service is built and started: wrapper or plain tool, the task that makes a runnable
 * artifact, the artifact glob, and the start command.
 *
 * Convention shared with the Dockerfile generator: `commands.install` / `commands.build` run at
 * `build.context` (the build root for modules); `build.artifact` is relative to the service directory;
 * a jar artifact is copied to /app/app.jar and started with `java -jar /app/app.jar`; a directory
 * artifact (Quarkus fast-jar, Gradle installDist) is copied to /app. JVM flags come from
 * JAVA_TOOL_OPTIONS (read by the JVM itself); generators honour JAVA_OPTS by passing it on through
 * JAVA_TOOL_OPTIONS, so the start command stays an exec-form `java` that receives signals as PID 1.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, addFeature, addWarning } from '../../plan/service.js';
import { resolveValue, type AppConfig } from './app-config.js';
import { hasPlugin, type JvmProject } from './model.js';
import type { EntryPoint } from './sources.js';
import { applyTestCommand } from './checks.js';

const SHADOW = ['com.github.johnrengelman.shadow', 'com.gradleup.shadow', 'io.github.goooler.shadow'];
const JAR_START = 'java -jar /app/app.jar';

export interface PackagingInput {
  repo: RepoFs;
  service: ServicePlan;
  project: JvmProject;
  framework: 'spring-boot' | 'quarkus' | 'micronaut' | null;
  config: AppConfig;
  entry: EntryPoint | null;
}

/** Wrapper distribution version from .mvn/wrapper or gradle/wrapper properties (`…-3.9.9-bin.zip`). */
function wrapperVersion(repo: RepoFs, file: string): string | null {
  const text = repo.readText(file);
  return text ? (/distributionUrl\s*=.*?-(\d+(?:\.\d+){1,2})(?:-bin|-all)?\.zip/.exec(text)?.[1] ?? null) : null;
}

export function applyPackaging(input: PackagingInput): void {
  if (input.project.tool === 'maven') applyMaven(input);
  else applyGradle(input);
}

function applyMaven({ repo, service, project, framework, config, entry }: PackagingInput): void {
  const wrapper = joinPath(project.root, 'mvnw');
  const hasWrapper = repo.isFile(wrapper);
  const bin = hasWrapper ? './mvnw' : 'mvn';
  if (hasWrapper) {
    addFeature(service, 'maven-wrapper');
    addEvidence(service, 'packageManager', wrapper, 'Maven wrapper present: commands use ./mvnw');
  }
  const version = wrapperVersion(repo, joinPath(project.root, '.mvn/wrapper/maven-wrapper.properties'));
  service.packageManager = { name: 'maven', lockfile: null, version };
  const base = `${bin} -B -ntp`;
  service.commands.install = `${base} dependency:go-offline`;
  service.commands.build = project.memberPath ? `${base} -pl ${project.memberPath} -am package -DskipTests` : `${base} package -DskipTests`;
  addEvidence(service, 'install', project.manifest, 'Maven project: resolve dependencies offline first so the layer caches');
  applyTestCommand(repo, service, project.dir, project.memberPath ? `${base} -pl ${project.memberPath} -am test` : `${base} test`);
  addEvidence(service, 'build', project.manifest, project.memberPath ? `module ${project.memberPath} of the reactor at ${project.root || '.'}: build it and the modules it needs (-pl … -am)` : `packaging ${project.packaging}`);

  const ext = project.packaging === 'war' ? 'war' : 'jar';
  if (framework === 'quarkus') {
    applyQuarkusArtifact(service, project, config, 'target');
    return;
  }
  service.build.outputDir = 'target';
  const shaded = framework === 'micronaut' || hasPlugin(project, 'maven-shade-plugin', 'micronaut-maven-plugin') !== null;
  const assembly = /jar-with-dependencies/.test(project.text);
  if (project.finalName) service.build.artifact = `target/${project.finalName}.${ext}`;
  // The shade plugin leaves original-<name>.jar next to the fat jar: match on the artifactId to skip it.
  else if (shaded) service.build.artifact = `target/${project.name}-*.${ext}`;
  else if (assembly) service.build.artifact = `target/*-jar-with-dependencies.${ext}`;
  else service.build.artifact = `target/*.${ext}`;
  service.commands.start = startCommand(service, project, entry);
  if (framework === null && !shaded && !assembly && service.kind !== 'static') {
    addWarning(service, 'No maven-shade-plugin or assembly jar-with-dependencies: the jar holds only this project\'s classes, so `java -jar` needs every dependency on the classpath. Add a fat-jar plugin.');
  }
}

function applyGradle({ repo, service, project, framework, config, entry }: PackagingInput): void {
  const wrapper = joinPath(project.root, 'gradlew');
  const hasWrapper = repo.isFile(wrapper);
  const bin = hasWrapper ? './gradlew' : 'gradle';
  if (hasWrapper) {
    addFeature(service, 'gradle-wrapper');
    addEvidence(service, 'packageManager', wrapper, 'Gradle wrapper present: commands use ./gradlew');
  }
  if (project.manifest.endsWith('.kts')) addFeature(service, 'gradle-kotlin-dsl');
  const lockfile = joinPath(project.dir, 'gradle.lockfile');
  const version = wrapperVersion(repo, joinPath(project.root, 'gradle/wrapper/gradle-wrapper.properties'));
  service.packageManager = { name: 'gradle', lockfile: repo.isFile(lockfile) ? lockfile : null, version };
  const base = `${bin} --no-daemon`;
  const prefix = project.memberPath ? `${project.memberPath}:` : '';
  service.commands.install = `${base} ${prefix}dependencies`;
  addEvidence(service, 'install', project.manifest, 'Gradle build: resolve dependencies first so the layer caches (the build script is read, never run by devsquad)');
  applyTestCommand(repo, service, project.dir, `${base} ${prefix}test`);

  const ext = project.packaging === 'war' ? 'war' : 'jar';
  const application = hasPlugin(project, 'application', 'io.micronaut.application', 'io.micronaut.minimal.application');
  let task: string;
  if (framework === 'spring-boot') {
    task = ext === 'war' ? 'bootWar' : 'bootJar';
    service.build.outputDir = 'build/libs';
    service.build.artifact = project.finalName ? `build/libs/${project.finalName}.${ext}` : `build/libs/*.${ext}`;
    service.commands.start = JAR_START;
  } else if (framework === 'quarkus') {
    task = 'quarkusBuild';
    applyQuarkusArtifact(service, project, config, 'build');
  } else if (hasPlugin(project, ...SHADOW)) {
    task = 'shadowJar';
    service.build.outputDir = 'build/libs';
    service.build.artifact = 'build/libs/*-all.jar';
    service.commands.start = JAR_START;
  } else if (application) {
    // installDist lays out bin/<name> (a start script with the classpath) and lib/: copied to /app.
    task = 'installDist';
    service.build.outputDir = `build/install/${project.name}`;
    service.build.artifact = `build/install/${project.name}`;
    service.commands.start = `/app/bin/${project.name}`;
  } else {
    task = 'build';
    service.build.outputDir = 'build/libs';
    service.build.artifact = project.finalName ? `build/libs/${project.finalName}.${ext}` : `build/libs/*.${ext}`;
    service.commands.start = startCommand(service, project, entry);
    addWarning(service, 'No Spring Boot, Quarkus, shadow or application plugin: `build` makes a jar without its dependencies. Apply the application or shadow plugin.');
  }
  service.commands.build = `${base} ${prefix}${task} -x test`;
  addEvidence(service, 'build', project.manifest, `${task} makes the runnable artifact ${service.build.artifact}`);
}

/** Quarkus: fast-jar directory by default, a single *-runner.jar when configured as an uber-jar. */
function applyQuarkusArtifact(service: ServicePlan, project: JvmProject, config: AppConfig, out: 'target' | 'build'): void {
  const type = config.get('quarkus.package.jar.type') ?? config.get('quarkus.package.type');
  const value = type ? (resolveValue(type.value).literal ?? '') : '';
  if (value === 'uber-jar') {
    service.build.outputDir = out;
    service.build.artifact = `${out}/*-runner.jar`;
    service.commands.start = JAR_START;
    addEvidence(service, 'start', type!.file, `${type!.key}=uber-jar: one runnable jar`, type!.line);
    return;
  }
  if (value === 'native' || config.get('quarkus.native.enabled')?.value === 'true') {
    addWarning(service, 'Quarkus is configured for a native build; devsquad plans the JVM fast-jar, which needs no GraalVM in the build image.');
  }
  service.build.outputDir = `${out}/quarkus-app`;
  service.build.artifact = `${out}/quarkus-app`;
  service.commands.start = 'java -jar /app/quarkus-run.jar';
  addEvidence(service, 'start', project.manifest, `Quarkus fast-jar: ${out}/quarkus-app is copied to /app and started from quarkus-run.jar`);
}

/** `java -jar` when the jar names its main class; `java -cp … <Main>` when only the sources do. */
function startCommand(service: ServicePlan, project: JvmProject, entry: EntryPoint | null): string {
  if (project.mainClass || service.framework !== null || !entry) {
    addEvidence(service, 'start', project.mainClass?.file ?? project.manifest, project.mainClass ? `main class ${project.mainClass.value}: the jar is copied to /app/app.jar` : `runnable jar copied to /app/app.jar`, project.mainClass?.line);
    return JAR_START;
  }
  const main = mainClassOf(entry.file);
  addEvidence(service, 'start', entry.file, `${entry.text} (no Main-Class in the build: started by class name)`, entry.line);
  return main ? `java -cp /app/app.jar ${main}` : JAR_START;
}

/** src/main/java/com/acme/App.java → com.acme.App; src/main/kotlin/com/acme/Main.kt → com.acme.MainKt. */
export function mainClassOf(file: string): string | null {
  const m = /src\/main\/(?:java|kotlin)\/(.+)\.(java|kt)$/.exec(file);
  if (!m?.[1]) return null;
  const parts = m[1].split('/');
  const last = parts.pop()!;
  const cls = m[2] === 'kt' ? `${last.charAt(0).toUpperCase()}${last.slice(1)}Kt` : last;
  return [...parts, cls].join('.');
}

