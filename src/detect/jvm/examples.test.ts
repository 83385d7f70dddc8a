/** One test per Java / Kotlin example: the facts a user relies on, exactly. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES_DIR, planOf } from '../../../test/helpers.js';

const example = (name: string): ReturnType<typeof planOf> => planOf(path.join(EXAMPLES_DIR, name));

describe('Java / Kotlin examples', () => {
  it('java-spring-boot-maven', () => {
    const plan = example('java-spring-boot-maven');
    expect(plan.services).toHaveLength(1);
    const s = plan.services[0]!;
    expect(s).toMatchObject({
      name: 'orders',
      language: 'java',
      framework: 'spring-boot',
      kind: 'server',
      runtime: { name: 'java', version: '21', source: 'pom.xml' },
      packageManager: { name: 'maven', lockfile: null, version: '3.9.9' },
      commands: { install: './mvnw -B -ntp dependency:go-offline', build: './mvnw -B -ntp package -DskipTests', start: 'java -jar /app/app.jar', migrate: null },
      port: { value: 8080, envVar: 'PORT', bindAddress: null },
      health: { path: '/actuator/health/liveness' },
      backingServices: [{ kind: 'postgres', envVar: 'DB_HOST' }],
    });
    expect(s.build).toMatchObject({ context: '', target: null, artifact: 'target/*.jar', outputDir: 'target', features: ['spring-boot', 'maven-wrapper'] });
    expect(s.env.find((e) => e.name === 'DB_PASSWORD')).toEqual({ name: 'DB_PASSWORD', required: true, secret: true, default: null });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'src/main/resources/application.yml', line: 2, note: 'server.port=${PORT:8080}' });
    expect(s.evidence).toContainEqual(expect.objectContaining({ fact: 'migrate', file: 'pom.xml', note: expect.stringContaining('Spring Boot runs Flyway migrations at startup') }));
    expect(s.evidence).toContainEqual({ fact: 'migrate', file: 'src/main/resources/db/migration', note: 'Flyway scripts, applied by the app when it starts' });
    expect(s.warnings).toEqual([]);
  });

  it('kotlin-spring-boot-gradle-kts', () => {
    const plan = example('kotlin-spring-boot-gradle-kts');
    expect(plan.services).toHaveLength(1);
    const s = plan.services[0]!;
    expect(s).toMatchObject({
      name: 'shortlinks',
      language: 'kotlin',
      framework: 'spring-boot',
      kind: 'server',
      runtime: { name: 'java', version: '21', source: 'build.gradle.kts' },
      packageManager: { name: 'gradle', lockfile: null, version: '8.10.2' },
      commands: { install: './gradlew --no-daemon dependencies', build: './gradlew --no-daemon bootJar -x test', start: 'java -jar /app/app.jar', migrate: null },
      port: { value: 8080, envVar: 'SERVER_PORT', bindAddress: null },
      health: { path: '/actuator/health' },
      backingServices: [{ kind: 'redis', envVar: 'REDIS_HOST' }],
    });
    expect(s.build).toMatchObject({ artifact: 'build/libs/*.jar', features: ['spring-boot', 'gradle-wrapper', 'gradle-kotlin-dsl'] });
    expect(s.env.map((e) => e.name)).toEqual(['REDIS_HOST', 'REDIS_PORT', 'REDIS_PASSWORD', 'PUBLIC_BASE_URL', 'LINK_TTL_DAYS']);
    expect(s.warnings).toEqual([]);
  });

  it('java-quarkus-maven', () => {
    const plan = example('java-quarkus-maven');
    expect(plan.services).toHaveLength(1);
    const s = plan.services[0]!;
    expect(s).toMatchObject({
      name: 'inventory',
      language: 'java',
      framework: 'quarkus',
      kind: 'server',
      runtime: { name: 'java', version: '21', source: 'pom.xml' },
      commands: { install: 'mvn -B -ntp dependency:go-offline', build: 'mvn -B -ntp package -DskipTests', start: 'java -jar /app/quarkus-run.jar', migrate: null },
      port: { value: 8080, envVar: 'HTTP_PORT', bindAddress: null },
      health: { path: '/q/health/live' },
      backingServices: [{ kind: 'redis', envVar: 'REDIS_URL' }],
    });
    expect(s.build).toMatchObject({ artifact: 'target/quarkus-app', features: ['quarkus'] });
    expect(s.warnings).toEqual([]);
  });

  it('java-maven-multi-module', () => {
    const plan = example('java-maven-multi-module');
    expect(plan.monorepo).toEqual({ tools: ['maven-multi-module'], members: ['api', 'worker'] });
    expect(plan.services.map((s) => [s.name, s.path, s.kind])).toEqual([['billing-api', 'api', 'server'], ['billing-worker', 'worker', 'worker']]);
    const [api, worker] = plan.services as [typeof plan.services[0], typeof plan.services[0]];
    expect(api).toMatchObject({
      language: 'java',
      framework: 'spring-boot',
      commands: { install: './mvnw -B -ntp dependency:go-offline', build: './mvnw -B -ntp -pl api -am package -DskipTests', start: 'java -jar /app/app.jar' },
      port: { value: 8081, envVar: 'PORT' },
      health: { path: '/actuator/health' },
      backingServices: [{ kind: 'postgres', envVar: 'JDBC_DATABASE_URL' }],
    });
    expect(api.build).toMatchObject({ context: '', target: 'api', artifact: 'target/*.jar', workspacePackages: ['common'], features: ['spring-boot', 'maven-wrapper'] });
    expect(worker).toMatchObject({
      framework: 'spring-boot',
      commands: { build: './mvnw -B -ntp -pl worker -am package -DskipTests', start: 'java -jar /app/app.jar' },
      port: { value: null, envVar: null },
      health: { path: null },
    });
    expect(worker.build).toMatchObject({ context: '', target: 'worker', artifact: 'target/*.jar', workspacePackages: ['common'] });
    expect(worker.env.find((e) => e.name === 'MAIL_FROM')).toEqual({ name: 'MAIL_FROM', required: true, secret: false, default: null });
  });
});
