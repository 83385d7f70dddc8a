import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

const RES = 'src/main/resources';
const RESOURCE = { 'src/main/java/org/acme/GreetingResource.java': 'package org.acme;\n@Path("/hello")\npublic class GreetingResource {}\n' };

function quarkusPom(extensions: string[]): string {
  const deps = extensions.map((e) => `<dependency><groupId>io.quarkus</groupId><artifactId>${e}</artifactId></dependency>`).join('');
  return `<project>\n<groupId>org.acme</groupId>\n<artifactId>greeter</artifactId>\n<properties><maven.compiler.release>21</maven.compiler.release></properties>\n<dependencies>${deps}</dependencies>\n<build><plugins><plugin><groupId>io.quarkus.platform</groupId><artifactId>quarkus-maven-plugin</artifactId></plugin></plugins></build>\n</project>\n`;
}

describe('Quarkus', () => {
  it('plans a Gradle Quarkus app as a fast-jar on 8080', () => {
    const s = onlyService({
      'build.gradle': "plugins {\n  id 'java'\n  id 'io.quarkus'\n}\ndependencies {\n  implementation enforcedPlatform(\"io.quarkus.platform:quarkus-bom:3.15.1\")\n  implementation 'io.quarkus:quarkus-rest'\n}\njava { sourceCompatibility = JavaVersion.VERSION_17 }\n",
      ...RESOURCE,
    });
    expect(s.framework).toBe('quarkus');
    expect(s.kind).toBe('server');
    expect(s.runtime.version).toBe('17');
    expect(s.port).toEqual({ value: 8080, envVar: 'QUARKUS_HTTP_PORT', bindAddress: null });
    expect(s.health.path).toBeNull();
    expect(s.commands.build).toBe('gradle --no-daemon quarkusBuild -x test');
    expect(s.build.artifact).toBe('build/quarkus-app');
    expect(s.commands.start).toBe('java -jar /app/quarkus-run.jar');
    expect(s.build.features).toEqual(['quarkus']);
  });

  it('honours %prod overrides, a custom non-application root and uber-jar packaging', () => {
    const s = onlyService({
      'pom.xml': quarkusPom(['quarkus-rest', 'quarkus-smallrye-health']),
      [`${RES}/application.properties`]: 'quarkus.http.port=8080\n%prod.quarkus.http.port=${PORT:8090}\nquarkus.http.non-application-root-path=/internal\nquarkus.package.jar.type=uber-jar\n',
      ...RESOURCE,
    });
    expect(s.port).toEqual({ value: 8090, envVar: 'PORT', bindAddress: null });
    expect(s.evidence).toContainEqual({ fact: 'port', file: `${RES}/application.properties`, line: 2, note: 'quarkus.http.port=${PORT:8090}' });
    expect(s.health.path).toBe('/internal/health/live');
    expect(s.build.artifact).toBe('target/*-runner.jar');
    expect(s.commands.start).toBe('java -jar /app/app.jar');
  });

  it('reads the datasource and warns when Flyway does not migrate at start', () => {
    const s = onlyService({
      'pom.xml': quarkusPom(['quarkus-rest', 'quarkus-jdbc-postgresql', 'quarkus-flyway']),
      [`${RES}/application.properties`]: 'quarkus.datasource.db-kind=postgresql\nquarkus.datasource.jdbc.url=${DATABASE_JDBC_URL}\n',
      ...RESOURCE,
    });
    expect(s.backingServices).toEqual([{ kind: 'postgres', envVar: 'DATABASE_JDBC_URL' }]);
    expect(s.env).toEqual([{ name: 'DATABASE_JDBC_URL', required: true, secret: false, default: null }]);
    expect(s.commands.migrate).toBeNull();
    expect(s.warnings.join('\n')).toMatch(/quarkus\.flyway\.migrate-at-start is not true/);
    const atStart = onlyService({
      'pom.xml': quarkusPom(['quarkus-rest', 'quarkus-jdbc-postgresql', 'quarkus-flyway']),
      [`${RES}/application.properties`]: 'quarkus.flyway.migrate-at-start=true\n',
      ...RESOURCE,
    });
    expect(atStart.warnings).toEqual([]);
    expect(atStart.backingServices).toEqual([{ kind: 'postgres', envVar: 'QUARKUS_DATASOURCE_JDBC_URL' }]);
    expect(atStart.evidence).toContainEqual(expect.objectContaining({ fact: 'migrate', note: 'quarkus-flyway: quarkus.flyway.migrate-at-start=true runs them at startup; no separate migrate command' }));
  });

  it('is a worker without an HTTP extension', () => {
    const s = onlyService({
      'pom.xml': quarkusPom(['quarkus-picocli', 'quarkus-messaging-kafka']),
      'src/main/java/org/acme/Cli.java': 'package org.acme;\n@QuarkusMain\npublic class Cli implements QuarkusApplication {}\n',
    });
    expect(s.kind).toBe('worker');
    expect(s.port.value).toBeNull();
    expect(s.backingServices).toEqual([{ kind: 'kafka', envVar: 'KAFKA_BOOTSTRAP_SERVERS' }]);
  });

  it('knows reactive clients and Panache MongoDB, and Liquibase MongoDB at start', () => {
    const s = onlyService({
      'pom.xml': quarkusPom(['quarkus-rest', 'quarkus-reactive-pg-client', 'quarkus-mongodb-panache', 'quarkus-liquibase-mongodb']),
      [`${RES}/application.properties`]: 'quarkus.liquibase-mongodb.migrate-at-start=true\n',
      ...RESOURCE,
    });
    expect(s.backingServices).toEqual([
      { kind: 'postgres', envVar: 'QUARKUS_DATASOURCE_REACTIVE_URL' },
      { kind: 'mongodb', envVar: 'QUARKUS_MONGODB_CONNECTION_STRING' },
    ]);
    expect(s.warnings).toEqual([]);
    expect(s.evidence).toContainEqual(expect.objectContaining({ fact: 'migrate', note: expect.stringContaining('quarkus.liquibase-mongodb.migrate-at-start=true') }));
  });
});
