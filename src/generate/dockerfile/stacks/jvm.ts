/**
 * Java and Kotlin (Maven or Gradle; Spring Boot, Quarkus, Micronaut, Ktor or plain): the JDK and
 * the build tool live in the build stage only, which runs on $BUILDPLATFORM because bytecode is the
 * same for every architecture (no emulation in multi-platform builds). The runtime is a JRE:
 * eclipse-temurin:<v>-jre-alpine for Java 21+ (amd64 and arm64; busybox gives wget and nc for the
 * HEALTHCHECK), -jre-noble before 21 (Temurin's alpine builds are amd64-only there; noble has curl).
 *
 * - Spring Boot: the jar is split into layers with `java -Djarmode=tools -jar app.jar extract
 *   --layers` (Boot 3.3+), so dependencies, the loader, snapshots and the application are separate
 *   image layers and a code change ships only the last one. The default (non-launcher) layout is
 *   used: it runs with a plain `java -jar app.jar`, which is also CDS-friendly. On Boot < 3.3 the
 *   tools jar mode does not exist; the build then ships the executable jar unlayered (it still runs).
 * - Quarkus: the fast-jar directory (quarkus-app/lib, app, quarkus, quarkus-run.jar) is copied in
 *   four layers, dependencies first.
 * - Micronaut and Ktor: the shaded / fat jar (Gradle shadowJar / buildFatJar, Maven package).
 * - Gradle `application` projects: the installDist directory (bin/<name> start script + lib/).
 *
 * The plan decides the details when it has them: `commands.build` (the detector knows the task:
 * bootWar, installDist, -pl … -am), `build.artifact` relative to the service (a jar/war glob, a
 * quarkus-app or build/install/<name> directory) and a `java … /app/…` start command; otherwise
 * the recipe derives them from the build tool and framework.
 *
 * Multi-module builds copy the whole build (the root pom and settings.gradle list every module, and
 * Maven and Gradle fail on a missing one) and build only the service: `mvn -pl <module> -am`,
 * `gradle :<module>:<task>`. JVM options go through JAVA_TOOL_OPTIONS, which the JVM reads itself,
 * so the entrypoint needs no shell.
 */
import type { ServicePlan } from '../../../plan/schema.js';
import type { DockerfileInputs } from '../generate.js';
import {
  cacheMount, createUser, execForm, expose, imageRef, installPackages, labels, needsShell, portEnv, relativeTo,
  renderDockerfile, run, secretMount, servicePort, shellWords, stage, userLine, versionArg, type Block, type OsFamily,
} from '../common.js';
import { runtimePackages } from '../packages.js';
import { DEFAULT_VERSIONS } from '../../../detect/shared/versions.js';
import type { StackRenderer } from './types.js';
import { numericVersion, planProbe, type RuntimeTools } from './compiled.js';

type Tool = 'maven' | 'gradle';
type Framework = 'spring-boot' | 'quarkus' | 'micronaut' | 'ktor' | 'plain';
type Runtime = 'alpine' | 'noble' | 'distroless';

/** Maven line of the official maven image (tag maven:3.9-eclipse-temurin-<java>). */
const MAVEN_VERSION = '3.9';
const DISTROLESS_UID = 65532;
/** Spring Boot's four default layers, least to most often changed. */
const SPRING_LAYERS = ['dependencies', 'spring-boot-loader', 'snapshot-dependencies', 'application'] as const;
const JAVA_TOOL_OPTIONS = '-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError';

export const render: StackRenderer = (service, inputs) => {
  const notes: string[] = [];
  const java = javaMajor(service, notes);
  const tool = buildTool(service);
  const framework = frameworkOf(service);
  const moduleDir = relativeTo(service.build.context, service.path);
  const packaging = packagingOf(service, tool, framework, moduleDir);
  const runtime = pickRuntime(java, packaging, inputs, notes);
  const os: OsFamily = runtime === 'alpine' ? 'alpine' : 'debian';
  const tools: RuntimeTools = runtime === 'alpine' ? { wget: true, nc: true } : runtime === 'noble' ? { wget: true, curl: true } : {};
  const probe = planProbe(service, inputs, tools);
  notes.push(probe.note);
  const libs = runtime === 'distroless' ? [] : runtimePackages(os, service.build.systemPackages, notes);
  const uid = runtime === 'distroless' ? DISTROLESS_UID : inputs.nonRootUser.uid;

  const text = renderDockerfile([
    versionArg('JAVA_VERSION', String(java)),
    probe.arg,
    buildStage(service, inputs, { tool, framework, moduleDir, java, packaging, notes }),
    probe.stage,
    stage(runtimeImage(runtime, inputs), 'runtime', [
      labels(service),
      runtime === 'distroless' ? null : [installPackages(os, libs), createUser(os, inputs.nonRootUser)],
      probe.copy,
      'WORKDIR /app',
      runtimeCopies(framework, packaging),
      `ENV JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS}"`,
      portEnv(service),
      expose(servicePort(service)),
      userLine(uid),
      probe.healthcheck,
      `ENTRYPOINT ${execForm(entrypoint(service, packaging, notes))}`,
    ], runtimeComment(runtime)),
  ]);
  notes.push(`JVM options: JAVA_TOOL_OPTIONS (default ${JAVA_TOOL_OPTIONS}); override with docker run -e JAVA_TOOL_OPTIONS=…`);
  return { text, notes };
};

/**
 * What the build leaves for the runtime (context-relative paths): one jar or war, the Quarkus
 * fast-jar directory, or a Gradle installDist directory (bin/<name> start script + lib/).
 */
type Packaging =
  | { kind: 'jar'; dir: string; glob: string }
  | { kind: 'quarkus'; dir: string }
  | { kind: 'dist'; dir: string; name: string };

interface BuildOptions {
  tool: Tool;
  framework: Framework;
  moduleDir: string;
  java: number;
  packaging: Packaging;
  notes: string[];
}

function buildStage(service: ServicePlan, inputs: DockerfileInputs, o: BuildOptions): Block {
  const wrapper = service.build.features.includes(o.tool === 'maven' ? 'maven-wrapper' : 'gradle-wrapper');
  const image = `--platform=$BUILDPLATFORM ${imageRef(buildImage(o.tool, wrapper, o.java), inputs.registryMirror)}`;
  const multiModule = o.moduleDir !== '';
  const body = o.tool === 'maven' ? mavenSteps(service, o, wrapper, multiModule) : gradleSteps(service, o, wrapper, multiModule);
  if (multiModule) o.notes.push(`multi-module build: the whole build is copied (every module the build file lists must exist); only ${o.moduleDir} and what it depends on is built`);
  return stage(image, 'build', [
    'WORKDIR /src',
    body,
    o.packaging.kind === 'jar' ? pickJar(o.packaging, o.notes) : null,
    o.packaging.kind === 'jar' && o.framework === 'spring-boot' ? springExtract(o.notes) : null,
  ]);
}

function mavenSteps(service: ServicePlan, o: BuildOptions, wrapper: boolean, multiModule: boolean): Block {
  const mvn = wrapper ? './mvnw' : 'mvn';
  const mounts = [
    cacheMount('/root/.m2/repository'),
    wrapper ? cacheMount('/root/.m2/wrapper') : null,
    // A private repository's credentials: docker build --secret id=maven-settings,src=$HOME/.m2/settings.xml
    secretMount('maven-settings', '/root/.m2/settings.xml'),
  ].filter((m): m is string => m !== null);
  const module = service.build.target ?? o.moduleDir;
  const pl = multiModule ? ` -pl ${module} -am` : '';
  const build = planBuildCommand(service, /^(\.\/mvnw|mvn)\s/) ?? `${mvn} -B -ntp -DskipTests${pl} package`;
  o.notes.push(`${build} (tests belong in CI, not in the image build)`);
  if (multiModule) {
    o.notes.push('no separate dependency layer: in a reactor, dependency:go-offline cannot resolve sibling modules before they are built; the ~/.m2 cache mount keeps downloads between builds');
    return ['COPY . .', run(build, { mounts })];
  }
  return [
    wrapper ? ['COPY mvnw pom.xml ./', 'COPY .mvn/ .mvn/'] : 'COPY pom.xml ./',
    run(`${mvn} -B -ntp dependency:go-offline`, { mounts }),
    'COPY . .',
    run(build, { mounts }),
  ];
}

function gradleSteps(service: ServicePlan, o: BuildOptions, wrapper: boolean, multiModule: boolean): Block {
  const gradle = wrapper ? './gradlew' : 'gradle';
  const mounts = [
    cacheMount('/root/.gradle/caches'),
    cacheMount('/root/.gradle/wrapper'),
    // Repository credentials as Gradle properties: docker build --secret id=gradle-properties,src=$HOME/.gradle/gradle.properties
    secretMount('gradle-properties', '/root/.gradle/gradle.properties'),
  ];
  const task = gradleTask(o.framework, o.packaging);
  const path = multiModule ? `${gradleProject(service.build.target ?? o.moduleDir)}:${task}` : task;
  const build = planBuildCommand(service, /^(\.\/gradlew|gradle)\s/) ?? `${gradle} --no-daemon ${path}`;
  o.notes.push(`${build} (no separate dependency layer: plugins, buildSrc and version catalogs make a manifests-only Gradle configuration unreliable; the ~/.gradle cache mounts keep downloads between builds)`);
  return ['COPY . .', run(build, { mounts })];
}

/** Copies the built jar (or war) to /build/app.jar, skipping plain, sources, javadoc and pre-shade jars. */
function pickJar(packaging: { dir: string; glob: string }, notes: string[]): Block {
  const find = [
    `find ${packaging.dir} -maxdepth 1 -type f -name '${packaging.glob}'`,
    ...['*-plain.jar', '*-plain.war', '*-sources.jar', '*-javadoc.jar', '*-tests.jar', 'original-*'].map((n) => `! -name '${n}'`),
    '| head -n 1',
  ].join(' ');
  notes.push(`runtime artifact: ${packaging.dir}/${packaging.glob} (set build.artifact to a narrower glob when the build makes several)`);
  return run(['mkdir -p /build', `jar="$(${find})"`, 'test -n "$jar"', 'cp "$jar" /build/app.jar']);
}

/**
 * Splits the Boot jar into layers. Boot < 3.3 has no `tools` jar mode: the fallback ships the
 * executable jar as the single application layer, so the image works either way.
 */
function springExtract(notes: string[]): Block {
  notes.push('Spring Boot: layered with java -Djarmode=tools … extract --layers (Boot 3.3+; older Boot ships the jar unlayered, still runnable)');
  const dirs = SPRING_LAYERS.map((l) => `/build/extracted/${l}`).join(' ');
  return `RUN java -Djarmode=tools -jar /build/app.jar extract --layers --destination /build/extracted \\
    || (echo "jarmode=tools needs Spring Boot 3.3+: shipping the jar unlayered" >&2 \\
        && rm -rf /build/extracted && mkdir -p ${dirs} \\
        && cp /build/app.jar /build/extracted/application/app.jar)`;
}

function runtimeCopies(framework: Framework, packaging: Packaging): Block {
  switch (packaging.kind) {
    case 'quarkus':
      return [
        `COPY --from=build /src/${packaging.dir}/lib/ ./lib/`,
        `COPY --from=build /src/${packaging.dir}/*.jar ./`,
        `COPY --from=build /src/${packaging.dir}/app/ ./app/`,
        `COPY --from=build /src/${packaging.dir}/quarkus/ ./quarkus/`,
      ];
    case 'dist':
      return `COPY --from=build /src/${packaging.dir}/ ./`;
    case 'jar':
      return framework === 'spring-boot'
        ? SPRING_LAYERS.map((l) => `COPY --from=build /build/extracted/${l}/ ./`)
        : 'COPY --from=build /build/app.jar ./app.jar';
  }
}

/**
 * The process: Quarkus's runner, the installDist start script, or `java -jar /app/app.jar`. A plan
 * start command that runs java on /app (e.g. `java -cp /app/app.jar com.acme.Main` for a jar
 * without Main-Class) is kept as it is.
 */
function entrypoint(service: ServicePlan, packaging: Packaging, notes: string[]): string[] {
  // Quarkus's own images set the JBoss log manager so JUL output goes through Quarkus logging.
  if (packaging.kind === 'quarkus') return ['java', '-Djava.util.logging.manager=org.jboss.logmanager.LogManager', '-jar', '/app/quarkus-run.jar'];
  if (packaging.kind === 'dist') return [`/app/bin/${packaging.name}`];
  const start = service.commands.start;
  if (start && /^java\s/.test(start) && start.includes('/app/') && !needsShell(start)) {
    const argv = shellWords(start);
    if (argv.join(' ') !== 'java -jar /app/app.jar') notes.push(`ENTRYPOINT from the plan's start command: ${start}`);
    return argv;
  }
  return ['java', '-jar', '/app/app.jar'];
}

/** The plan's build command when it runs the expected tool (the detector knows the right task). */
function planBuildCommand(service: ServicePlan, tool: RegExp): string | null {
  const command = service.commands.build?.trim() ?? '';
  return tool.test(command) ? command : null;
}

/**
 * Where the build output is, from build.artifact (relative to the service directory): a jar/war
 * glob, a quarkus-app directory, or build/install/<name>; else the framework's default.
 */
function packagingOf(service: ServicePlan, tool: Tool, framework: Framework, moduleDir: string): Packaging {
  const base = moduleDir === '' ? '' : `${moduleDir}/`;
  const artifact = service.build.artifact?.replace(/\/+$/, '') ?? null;
  const out = tool === 'maven' ? 'target' : 'build';
  if (artifact !== null && !/[\s'"$`]/.test(artifact)) {
    if (/(^|\/)quarkus-app$/.test(artifact)) return { kind: 'quarkus', dir: `${base}${artifact}` };
    const dist = /^build\/install\/([A-Za-z0-9._-]+)$/.exec(artifact);
    if (dist) return { kind: 'dist', dir: `${base}${artifact}`, name: dist[1]! };
    if (/\.(jar|war)$/.test(artifact)) {
      const slash = artifact.lastIndexOf('/');
      return slash === -1
        ? { kind: 'jar', dir: `${base}${tool === 'maven' ? 'target' : 'build/libs'}`, glob: artifact }
        : { kind: 'jar', dir: `${base}${artifact.slice(0, slash)}`, glob: artifact.slice(slash + 1) };
    }
  }
  if (framework === 'quarkus') return { kind: 'quarkus', dir: `${base}${out}/quarkus-app` };
  if (tool === 'maven') return { kind: 'jar', dir: `${base}target`, glob: '*.jar' };
  const fat = framework === 'micronaut' || framework === 'ktor';
  return { kind: 'jar', dir: `${base}build/libs`, glob: fat ? '*-all.jar' : '*.jar' };
}

function gradleTask(framework: Framework, packaging: Packaging): string {
  if (packaging.kind === 'dist') return 'installDist';
  if (packaging.kind === 'quarkus') return 'quarkusBuild';
  switch (framework) {
    case 'spring-boot': return packaging.glob.endsWith('.war') ? 'bootWar' : 'bootJar';
    case 'quarkus': return 'quarkusBuild';
    case 'micronaut': return 'shadowJar';
    case 'ktor': return 'buildFatJar';
    case 'plain': return 'assemble';
  }
}

/** A Gradle project path from a module path: services/api → :services:api; ':api' stays. */
function gradleProject(module: string): string {
  return module.startsWith(':') ? module : `:${module.replace(/\/+$/, '').replace(/\//g, ':')}`;
}

function buildImage(tool: Tool, wrapper: boolean, java: number): string {
  // The wrapper pins the exact Maven/Gradle version, so a plain JDK is enough.
  if (wrapper) return 'eclipse-temurin:${JAVA_VERSION}-jdk-noble';
  if (tool === 'maven') return `maven:${MAVEN_VERSION}-eclipse-temurin-\${JAVA_VERSION}`;
  // Gradle 8 does not run on Java 24+; Gradle 9 needs Java 17+.
  return `gradle:${java >= 24 ? 9 : 8}-jdk\${JAVA_VERSION}`;
}

function pickRuntime(java: number, packaging: Packaging, inputs: DockerfileInputs, notes: string[]): Runtime {
  switch (inputs.baseImageFlavor) {
    case 'distroless':
      if (packaging.kind === 'dist') notes.push('baseImageFlavor distroless ignored: the installDist start script needs /bin/sh');
      else if (java === 17 || java === 21) return 'distroless';
      else notes.push(`baseImageFlavor distroless ignored: distroless ships Java 17 and 21 only (plan: Java ${java})`);
      break;
    case 'alpine':
      if (java < 21) notes.push(`eclipse-temurin ${java}-jre-alpine is amd64-only; use baseImageFlavor slim for arm64`);
      return 'alpine';
    case 'slim':
      return 'noble';
    default:
  }
  return java >= 21 ? 'alpine' : 'noble';
}

function runtimeImage(runtime: Runtime, inputs: DockerfileInputs): string {
  switch (runtime) {
    case 'alpine': return imageRef('eclipse-temurin:${JAVA_VERSION}-jre-alpine', inputs.registryMirror);
    case 'noble': return imageRef('eclipse-temurin:${JAVA_VERSION}-jre-noble', inputs.registryMirror);
    case 'distroless': return 'gcr.io/distroless/java${JAVA_VERSION}-debian12:nonroot';
  }
}

function runtimeComment(runtime: Runtime): string {
  switch (runtime) {
    case 'alpine': return 'Runtime: Temurin JRE on alpine (no JDK, no build tool), as an unprivileged user.';
    case 'noble': return 'Runtime: Temurin JRE on Ubuntu noble (no JDK, no build tool), as an unprivileged user.';
    case 'distroless': return 'Runtime: distroless Java (JRE only; no shell), as uid 65532.';
  }
}

function buildTool(service: ServicePlan): Tool {
  const name = service.packageManager?.name ?? '';
  if (/gradle/i.test(name)) return 'gradle';
  if (/maven|mvn/i.test(name)) return 'maven';
  const f = service.build.features;
  return f.includes('gradle-wrapper') || f.includes('gradle-kotlin-dsl') ? 'gradle' : 'maven';
}

function frameworkOf(service: ServicePlan): Framework {
  const f = service.build.features;
  const name = service.framework ?? '';
  if (f.includes('spring-boot') || /^spring/.test(name)) return 'spring-boot';
  if (f.includes('quarkus') || name === 'quarkus') return 'quarkus';
  if (f.includes('micronaut') || name === 'micronaut') return 'micronaut';
  if (name === 'ktor') return 'ktor';
  return 'plain';
}

/** Java feature release: '21' → 21, '17.0.9' → 17, '1.8' → 8. */
function javaMajor(service: ServicePlan, notes: string[]): number {
  const fallback = Number(DEFAULT_VERSIONS.java);
  const parsed = numericVersion(service.runtime.version, 2);
  if (parsed === null) {
    notes.push(`runtime version ${JSON.stringify(service.runtime.version)} is not a Java version: using Java ${fallback}`);
    return fallback;
  }
  const [major, minor] = parsed.split('.').map(Number);
  const java = major === 1 && minor !== undefined ? minor : (major ?? fallback);
  notes.push(service.runtime.source === 'default' ? `Java ${java} is devsquad's default (the build does not pin one): set it in the build file` : `Java ${java} from ${service.runtime.source}`);
  return java;
}
