import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../../test/helpers.js';

const RES = 'src/main/resources';
const APP_FILE = 'src/main/java/com/acme/App.java';
const APP = 'package com.acme;\n\n@SpringBootApplication\npublic class App {\n  public static void main(String[] args) {}\n}\n';

function bootPom(artifacts: string[], plugin = true): string {
  const deps = artifacts.map((a) => (a.includes(':') ? a : `org.springframework.boot:${a}`)).map((c) => {
    const [g, a, scope] = c.split(':');
    return `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId>${scope ? `<scope>${scope}</scope>` : ''}</dependency>`;
  });
  return [
    '<project>',
    '  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.5</version></parent>',
    '  <artifactId>app</artifactId>',
    '  <properties><java.version>21</java.version></properties>',
    `  <dependencies>${deps.join('')}</dependencies>`,
    `  <build><plugins>${plugin ? '<plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin>' : ''}</plugins></build>`,
    '</project>',
  ].join('\n');
}

const web = (files: Record<string, string> = {}, extra: string[] = []): ReturnType<typeof onlyService> =>
  onlyService({ 'pom.xml': bootPom(['spring-boot-starter-web', ...extra]), [APP_FILE]: APP, ...files });

describe('Spring Boot', () => {
  it('takes a literal server.port, with SERVER_PORT as the override', () => {
    const s = web({ [`${RES}/application.properties`]: 'spring.application.name=app\nserver.port=9090\n' });
    expect(s.framework).toBe('spring-boot');
    expect(s.kind).toBe('server');
    expect(s.port).toEqual({ value: 9090, envVar: 'SERVER_PORT', bindAddress: null });
    expect(s.evidence).toContainEqual({ fact: 'port', file: `${RES}/application.properties`, line: 2, note: 'server.port=9090' });
  });

  it('defaults to 8080 with evidence when server.port is not set', () => {
    const s = web();
    expect(s.port).toEqual({ value: 8080, envVar: 'SERVER_PORT', bindAddress: null });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'pom.xml', note: 'server.port not set: Spring Boot listens on 8080 (SERVER_PORT overrides it)' });
  });

  it('reads the port env var from a placeholder, with or without a default', () => {
    expect(web({ [`${RES}/application.yml`]: 'server:\n  port: ${PORT:8081}\n' }).port).toEqual({ value: 8081, envVar: 'PORT', bindAddress: null });
    const noDefault = web({ [`${RES}/application.yml`]: 'server:\n  port: ${HTTP_PORT}\n' });
    expect(noDefault.port).toEqual({ value: 8080, envVar: 'HTTP_PORT', bindAddress: null });
    expect(noDefault.evidence).toContainEqual({ fact: 'port', file: `${RES}/application.yml`, line: 2, note: 'server.port=${HTTP_PORT} (no literal default: Spring Boot default 8080 assumed)' });
  });

  it('warns about a random port and a loopback bind address', () => {
    const random = web({ [`${RES}/application.properties`]: 'server.port=0\n' });
    expect(random.port.value).toBeNull();
    expect(random.warnings.join('\n')).toMatch(/random free port/);
    const loopback = web({ [`${RES}/application.properties`]: 'server.address=127.0.0.1\n' });
    expect(loopback.port.bindAddress).toBe('127.0.0.1');
    expect(loopback.warnings.join('\n')).toMatch(/unreachable from outside its container/);
  });

  it('uses the Actuator health endpoint under the context path and base path', () => {
    const s = web({ [`${RES}/application.properties`]: 'server.servlet.context-path=/shop\nmanagement.endpoints.web.base-path=/manage\n' }, ['spring-boot-starter-actuator']);
    expect(s.health.path).toBe('/shop/manage/health');
    const probes = web({ [`${RES}/application.yml`]: 'management:\n  endpoint:\n    health:\n      probes:\n        enabled: true\n  server:\n    port: 9001\n' }, ['spring-boot-starter-actuator']);
    expect(probes.health.path).toBe('/actuator/health/liveness');
    expect(probes.evidence).toContainEqual({ fact: 'health', file: `${RES}/application.yml`, line: 5, note: 'management.endpoint.health.probes.enabled=true: Actuator liveness group at /actuator/health/liveness' });
    expect(probes.warnings.join('\n')).toMatch(/management\.server\.port \(9001\)/);
  });

  it('falls back to a health route declared in a controller', () => {
    const s = web({ 'src/main/java/com/acme/Health.java': 'package com.acme;\n@RestController\nclass Health {\n  @GetMapping("/healthz")\n  String ok() { return "ok"; }\n}\n' });
    expect(s.health.path).toBe('/healthz');
  });

  it('is a worker without a web starter or with web-application-type none', () => {
    const noWeb = onlyService({ 'pom.xml': bootPom(['spring-boot-starter', 'spring-boot-starter-actuator']), [APP_FILE]: APP });
    expect(noWeb.kind).toBe('worker');
    expect(noWeb.port.value).toBeNull();
    expect(noWeb.health.path).toBeNull();
    const none = web({ [`${RES}/application.properties`]: 'spring.main.web-application-type=none\n' });
    expect(none.kind).toBe('worker');
  });

  it('is a library when it only uses Spring (no application class), and warns when the Boot plugin is missing', () => {
    expect(planOf(testdir({ 'pom.xml': bootPom(['spring-boot-starter-data-jpa'], false), 'src/main/java/com/acme/Repo.java': 'package com.acme;\ninterface Repo {}\n' })).services).toEqual([]);
    const s = onlyService({ 'pom.xml': bootPom(['spring-boot-starter-web'], false), [APP_FILE]: APP });
    expect(s.warnings.join('\n')).toMatch(/spring-boot-maven-plugin is not declared/);
  });

  it('collects env vars from placeholders, annotations and System.getenv', () => {
    const s = web({
      [`${RES}/application.yml`]: 'spring:\n  datasource:\n    url: ${JDBC_URL:jdbc:postgresql://localhost/app}\n    password: ${DB_PASSWORD}\napp:\n  name: ${spring.application.name}\n',
      'src/main/java/com/acme/Client.java': 'package com.acme;\nclass Client {\n  Client(@Value("${STRIPE_API_KEY}") String key) {}\n  String region = System.getenv("AWS_REGION");\n  String tier = Optional.ofNullable(System.getenv("TIER")).orElse("free");\n}\n',
    }, ['org.postgresql:postgresql:runtime']);
    expect(s.env).toEqual([
      { name: 'JDBC_URL', required: false, secret: false, default: 'jdbc:postgresql://localhost/app' },
      { name: 'DB_PASSWORD', required: true, secret: true, default: null },
      { name: 'AWS_REGION', required: true, secret: false, default: null },
      { name: 'TIER', required: false, secret: false, default: 'free' },
      { name: 'STRIPE_API_KEY', required: true, secret: true, default: null },
    ]);
    expect(s.backingServices).toEqual([{ kind: 'postgres', envVar: 'JDBC_URL' }]);
    expect(s.evidence).toContainEqual({ fact: 'env:STRIPE_API_KEY', file: 'src/main/java/com/acme/Client.java', line: 3, note: 'Client(@Value("${STRIPE_API_KEY}") String key) {}' });
  });

  it('names the backing service from spring.datasource.url, or the env var Spring binds when unset', () => {
    const mysql = web({ [`${RES}/application.properties`]: 'spring.datasource.url=jdbc:mysql://db:3306/shop\n' }, ['com.mysql:mysql-connector-j:runtime']);
    expect(mysql.backingServices).toEqual([{ kind: 'mysql', envVar: 'SPRING_DATASOURCE_URL' }]);
    const unset = web({}, ['spring-boot-starter-data-mongodb']);
    expect(unset.backingServices).toEqual([{ kind: 'mongodb', envVar: 'SPRING_DATA_MONGODB_URI' }]);
    expect(unset.env).toEqual([{ name: 'SPRING_DATA_MONGODB_URI', required: false, secret: false, default: null }]);
  });

  it('leaves migrate null for Flyway and Liquibase, which run at startup', () => {
    const s = web({ [`${RES}/db/changelog/db.changelog-master.yaml`]: 'databaseChangeLog: []\n' }, ['org.liquibase:liquibase-core']);
    expect(s.commands.migrate).toBeNull();
    expect(s.evidence).toContainEqual(expect.objectContaining({ fact: 'migrate', file: 'pom.xml', note: 'liquibase-core: Spring Boot runs Liquibase migrations at startup; no separate migrate command' }));
  });
});
