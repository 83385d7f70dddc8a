import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../../test/helpers.js';

const RES = 'src/main/resources';
const APP = { 'src/main/java/com/acme/Application.java': 'package com.acme;\npublic class Application {\n  public static void main(String[] args) {\n    Micronaut.run(Application.class, args);\n  }\n}\n' };
const GRADLE = [
  'plugins {',
  '    id("com.gradleup.shadow") version "8.3.5"',
  '    id("io.micronaut.application") version "4.4.4"',
  '}',
  'java { sourceCompatibility = JavaVersion.toVersion("21") }',
  'dependencies {',
  '    runtimeOnly("io.micronaut:micronaut-http-server-netty")',
  '    implementation("io.micronaut:micronaut-management")',
  '    implementation("io.micronaut.redis:micronaut-redis-lettuce")',
  '    runtimeOnly("io.lettuce:lettuce-core")',
  '}',
  'application { mainClass = "com.acme.Application" }',
].join('\n');

describe('Micronaut', () => {
  it('plans a Gradle Micronaut server: shadow jar, port placeholder, /health', () => {
    const s = onlyService({ 'build.gradle.kts': GRADLE, [`${RES}/application.yml`]: 'micronaut:\n  application:\n    name: api\n  server:\n    port: ${PORT:8080}\nredis:\n  uri: ${REDIS_URI:redis://localhost}\n', ...APP });
    expect(s.framework).toBe('micronaut');
    expect(s.kind).toBe('server');
    expect(s.runtime.version).toBe('21');
    expect(s.port).toEqual({ value: 8080, envVar: 'PORT', bindAddress: null });
    expect(s.health.path).toBe('/health');
    expect(s.commands.build).toBe('gradle --no-daemon shadowJar -x test');
    expect(s.build.artifact).toBe('build/libs/*-all.jar');
    expect(s.commands.start).toBe('java -jar /app/app.jar');
    expect(s.build.features).toEqual(['micronaut', 'gradle-kotlin-dsl']);
    expect(s.backingServices).toEqual([{ kind: 'redis', envVar: 'REDIS_URI' }]);
  });

  it('warns when micronaut.server.port is -1 (random)', () => {
    const s = onlyService({ 'build.gradle.kts': GRADLE, [`${RES}/application.properties`]: 'micronaut.server.port=-1\n', ...APP });
    expect(s.port.value).toBeNull();
    expect(s.port.envVar).toBe('MICRONAUT_SERVER_PORT');
    expect(s.warnings.join('\n')).toMatch(/micronaut\.server\.port is -1/);
  });

  it('uses the artifactId to skip the shade plugin\'s original jar in Maven builds', () => {
    const s = onlyService({
      'pom.xml': '<project><parent><groupId>io.micronaut.platform</groupId><artifactId>micronaut-parent</artifactId><version>4.6.3</version></parent><artifactId>billing</artifactId><properties><jdk.version>21</jdk.version><exec.mainClass>com.acme.Application</exec.mainClass></properties><dependencies><dependency><groupId>io.micronaut</groupId><artifactId>micronaut-http-server-netty</artifactId></dependency></dependencies><build><plugins><plugin><groupId>io.micronaut.maven</groupId><artifactId>micronaut-maven-plugin</artifactId></plugin></plugins></build></project>',
      ...APP,
    });
    expect(s.build.artifact).toBe('target/billing-*.jar');
    expect(s.runtime.version).toBe('21');
    expect(s.port).toEqual({ value: 8080, envVar: 'MICRONAUT_SERVER_PORT', bindAddress: null });
  });

  it('does not plan a Micronaut library', () => {
    const plan = planOf(testdir({ 'build.gradle.kts': 'plugins { id("io.micronaut.library") version "4.4.4" }\ndependencies { implementation("io.micronaut:micronaut-inject") }\n', 'src/main/java/com/acme/Lib.java': 'package com.acme;\nclass Lib {}\n' }));
    expect(plan.services).toEqual([]);
  });
});
