import { describe, expect, it } from 'vitest';
import { render } from './jvm.js';
import { generate } from '../generate.js';
import { finalInstruction, froms, options, plan, problems, stageLines } from './compiled-testing.js';

const springMaven = () => plan('java', '21', {
  framework: 'spring-boot',
  packageManager: { name: 'maven', lockfile: null, version: null },
  port: { value: 8080, envVar: 'PORT' },
  health: { path: '/actuator/health' },
  commands: { start: 'java -jar target/demo-0.0.1-SNAPSHOT.jar' },
  build: { features: ['spring-boot', 'maven-wrapper'], artifact: 'target/*.jar' },
});

const M2 = '--mount=type=cache,target=/root/.m2/repository --mount=type=cache,target=/root/.m2/wrapper --mount=type=secret,id=maven-settings,target=/root/.m2/settings.xml';

describe('jvm recipe', () => {
  it('builds a Spring Boot jar with the Maven wrapper, layers it, and runs it on a JRE as a non-root user', () => {
    const { text } = render(springMaven(), options());
    expect(text).toContain('\nARG JAVA_VERSION=21\n');
    expect(froms(text)).toEqual([
      'FROM --platform=$BUILDPLATFORM eclipse-temurin:${JAVA_VERSION}-jdk-noble AS build',
      'FROM eclipse-temurin:${JAVA_VERSION}-jre-alpine AS runtime',
    ]);
    const build = stageLines(text, 'build');
    expect(build.slice(1, 6)).toEqual([
      'WORKDIR /src',
      'COPY mvnw pom.xml ./',
      'COPY .mvn/ .mvn/',
      `RUN ${M2} ./mvnw -B -ntp dependency:go-offline`,
      'COPY . .',
    ]);
    expect(build).toContain(`RUN ${M2} ./mvnw -B -ntp -DskipTests package`);
    expect(build.some((l) => l.includes("find target -maxdepth 1 -type f -name '*.jar' ! -name '*-plain.jar'"))).toBe(true);
    expect(build.at(-1)).toMatch(/^RUN java -Djarmode=tools -jar \/build\/app\.jar extract --layers --destination \/build\/extracted \|\| /);
    const runtime = stageLines(text);
    expect(runtime.filter((l) => l.startsWith('COPY --from=build'))).toEqual([
      'COPY --from=build /build/extracted/dependencies/ ./',
      'COPY --from=build /build/extracted/spring-boot-loader/ ./',
      'COPY --from=build /build/extracted/snapshot-dependencies/ ./',
      'COPY --from=build /build/extracted/application/ ./',
    ]);
    expect(runtime).toContain('ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError"');
    expect(runtime).toContain('ENV PORT=8080');
    expect(finalInstruction(text, 'EXPOSE')).toBe('EXPOSE 8080');
    expect(finalInstruction(text, 'USER')).toBe('USER 10001:10001');
    // Alpine's busybox has wget: no extra binary needed.
    expect(text).not.toContain('busybox:');
    expect(finalInstruction(text, 'HEALTHCHECK')).toMatch(/CMD \["wget", "-q", "-O", "\/dev\/null", "http:\/\/127\.0\.0\.1:8080\/actuator\/health"\]$/);
    expect(finalInstruction(text, 'ENTRYPOINT')).toBe('ENTRYPOINT ["java", "-jar", "/app/app.jar"]');
    expect(problems(text)).toEqual([]);
  });

  it('matches the snapshot for Spring Boot with Maven', () => {
    expect(render(springMaven(), options()).text).toMatchSnapshot();
  });

  it('builds one module of a Maven reactor with -pl -am from the root', () => {
    const service = plan('java', '17', {
      name: 'orders', path: 'orders-service', framework: 'spring-boot',
      packageManager: { name: 'maven', lockfile: null, version: null },
      port: { value: 8081 }, health: { path: '/actuator/health' },
      build: { context: '', features: ['spring-boot'], workspacePackages: ['common'] },
    });
    const { text, notes } = render(service, options());
    const build = stageLines(text, 'build');
    expect(build[0]).toBe('FROM --platform=$BUILDPLATFORM maven:3.9-eclipse-temurin-${JAVA_VERSION} AS build');
    expect(build).toContain('RUN --mount=type=cache,target=/root/.m2/repository --mount=type=secret,id=maven-settings,target=/root/.m2/settings.xml mvn -B -ntp -DskipTests -pl orders-service -am package');
    expect(build.some((l) => l.includes('dependency:go-offline'))).toBe(false);
    expect(build.some((l) => l.includes('find orders-service/target'))).toBe(true);
    // Java 17: Temurin's alpine JRE is amd64-only, noble covers arm64 too.
    expect(froms(text).at(-1)).toBe('FROM eclipse-temurin:${JAVA_VERSION}-jre-noble AS runtime');
    expect(notes.join('\n')).toMatch(/sibling modules/);
    expect(problems(text)).toEqual([]);
  });

  it('runs :module:bootJar for a Gradle Kotlin DSL subproject with ~/.gradle caches', () => {
    const service = plan('kotlin', '21', {
      name: 'billing', path: 'services/billing', framework: 'spring-boot',
      packageManager: { name: 'gradle', lockfile: null, version: null },
      port: { value: 8080 }, health: { path: '/actuator/health/liveness' },
      build: { context: '', features: ['spring-boot', 'gradle-wrapper', 'gradle-kotlin-dsl'] },
    });
    const { text } = render(service, options());
    const build = stageLines(text, 'build');
    expect(build).toContain('RUN --mount=type=cache,target=/root/.gradle/caches --mount=type=cache,target=/root/.gradle/wrapper --mount=type=secret,id=gradle-properties,target=/root/.gradle/gradle.properties ./gradlew --no-daemon :services:billing:bootJar');
    expect(build.some((l) => l.includes("find services/billing/build/libs -maxdepth 1 -type f -name '*.jar' ! -name '*-plain.jar'"))).toBe(true);
    expect(problems(text)).toEqual([]);
  });

  it('copies the Quarkus fast-jar in four layers and starts quarkus-run.jar', () => {
    const service = plan('java', '21', {
      framework: 'quarkus', packageManager: { name: 'maven', lockfile: null, version: null },
      port: { value: 8080 }, health: { path: '/q/health/live' }, build: { features: ['quarkus'] },
    });
    const { text } = render(service, options());
    expect(stageLines(text).filter((l) => l.startsWith('COPY --from=build'))).toEqual([
      'COPY --from=build /src/target/quarkus-app/lib/ ./lib/',
      'COPY --from=build /src/target/quarkus-app/*.jar ./',
      'COPY --from=build /src/target/quarkus-app/app/ ./app/',
      'COPY --from=build /src/target/quarkus-app/quarkus/ ./quarkus/',
    ]);
    expect(finalInstruction(text, 'ENTRYPOINT')).toBe('ENTRYPOINT ["java", "-Djava.util.logging.manager=org.jboss.logmanager.LogManager", "-jar", "/app/quarkus-run.jar"]');
    expect(problems(text)).toEqual([]);
  });

  it('ships the Micronaut shadow jar built by Gradle', () => {
    const service = plan('java', '21', {
      framework: 'micronaut', packageManager: { name: 'gradle', lockfile: null, version: null },
      port: { value: 8080 }, health: { path: '/health' }, build: { features: ['micronaut', 'gradle-wrapper'] },
    });
    const build = stageLines(render(service, options()).text, 'build');
    expect(build.some((l) => l.endsWith('./gradlew --no-daemon shadowJar'))).toBe(true);
    expect(build.some((l) => l.includes("find build/libs -maxdepth 1 -type f -name '*-all.jar'"))).toBe(true);
  });

  it('uses the gradle image without a wrapper, Gradle 9 for Java 24+', () => {
    const service = (java: string) => plan('java', java, { packageManager: { name: 'gradle', lockfile: null, version: null }, port: { value: 8080 } });
    expect(froms(render(service('21'), options()).text)[0]).toBe('FROM --platform=$BUILDPLATFORM gradle:8-jdk${JAVA_VERSION} AS build');
    expect(froms(render(service('25'), options()).text)[0]).toBe('FROM --platform=$BUILDPLATFORM gradle:9-jdk${JAVA_VERSION} AS build');
  });

  it('reads Java 8 from a 1.8 version', () => {
    const { text } = render(plan('java', '1.8', { packageManager: { name: 'maven', lockfile: null, version: null }, port: { value: 8080 } }), options());
    expect(text).toContain('\nARG JAVA_VERSION=8\n');
  });

  it('uses distroless Java with a busybox probe and uid 65532 when asked', () => {
    const { text } = render(springMaven(), options({ baseImageFlavor: 'distroless' }));
    expect(froms(text).slice(1)).toEqual(['FROM busybox:${BUSYBOX_VERSION}-musl AS probe', 'FROM gcr.io/distroless/java${JAVA_VERSION}-debian12:nonroot AS runtime']);
    expect(finalInstruction(text, 'USER')).toBe('USER 65532:65532');
    expect(finalInstruction(text, 'HEALTHCHECK')).toContain('CMD ["/usr/local/bin/wget"');
    expect(problems(text)).toEqual([]);
  });

  it('gives a worker HEALTHCHECK NONE and no EXPOSE', () => {
    const service = plan('java', '21', { kind: 'worker', packageManager: { name: 'maven', lockfile: null, version: null } });
    const { text } = render(service, options());
    expect(finalInstruction(text, 'HEALTHCHECK')).toBe('HEALTHCHECK NONE');
    expect(text).not.toMatch(/^EXPOSE/m);
    expect(problems(text)).toEqual([]);
  });

  it('runs the plan\'s build command and ships a Gradle installDist directory with its start script', () => {
    const service = plan('java', '21', {
      name: 'cli-server', packageManager: { name: 'gradle', lockfile: null, version: null }, port: { value: 7000 }, health: { path: '/ping' },
      commands: { build: './gradlew --no-daemon installDist -x test', start: '/app/bin/cli-server' },
      build: { features: ['gradle-wrapper'], artifact: 'build/install/cli-server' },
    });
    const { text } = render(service, options({ baseImageFlavor: 'distroless' }));
    expect(stageLines(text, 'build').at(-1)).toMatch(/\.\/gradlew --no-daemon installDist -x test$/);
    expect(stageLines(text)).toContain('COPY --from=build /src/build/install/cli-server/ ./');
    expect(finalInstruction(text, 'ENTRYPOINT')).toBe('ENTRYPOINT ["/app/bin/cli-server"]');
    // The start script needs /bin/sh, so distroless is not used.
    expect(froms(text).at(-1)).toBe('FROM eclipse-temurin:${JAVA_VERSION}-jre-alpine AS runtime');
    expect(problems(text)).toEqual([]);
  });

  it('keeps a plan start command that runs java on /app, and a war artifact glob', () => {
    const service = plan('java', '21', {
      packageManager: { name: 'maven', lockfile: null, version: null }, port: { value: 8080 },
      commands: { start: 'java -cp /app/app.jar com.acme.Main' }, build: { artifact: 'target/*.war' },
    });
    const { text } = render(service, options());
    expect(stageLines(text, 'build').some((l) => l.includes("find target -maxdepth 1 -type f -name '*.war'"))).toBe(true);
    expect(finalInstruction(text, 'ENTRYPOINT')).toBe('ENTRYPOINT ["java", "-cp", "/app/app.jar", "com.acme.Main"]');
  });

  it('is the recipe generate() uses for Kotlin, with the header after the syntax line', () => {
    const service = plan('kotlin', '21', { name: 'ktor-api', framework: 'ktor', packageManager: { name: 'gradle', lockfile: null, version: null }, port: { value: 8080 }, health: { path: '/health' }, build: { features: ['gradle-wrapper'] } });
    const [file] = generate({ plan: { schemaVersion: 1, name: 'repo', monorepo: null, services: [service], warnings: [], diagnostics: [] }, services: [service], version: '0.0.0' }, options());
    expect(file?.path).toBe('Dockerfile');
    const lines = file!.content.split('\n');
    expect(lines[0]).toBe('# syntax=docker/dockerfile:1');
    expect(lines[1]).toMatch(/^# generated by devsquad/);
    expect(file!.content).toContain('./gradlew --no-daemon buildFatJar');
    expect(problems(file!.content)).toEqual([]);
  });
});
