import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../../test/helpers.js';

const MAIN = 'src/main/java/com/acme/Main.java';
const RES = 'src/main/resources';

/** A Maven project with a main class (assembly plugin) and the given `group:artifact` dependencies. */
function pom(deps: string[], extra = ''): string {
  const xml = deps.map((c) => {
    const [g, a] = c.split(':');
    return `<dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>1.0</version></dependency>`;
  });
  return `<project><artifactId>svc</artifactId><properties><maven.compiler.release>21</maven.compiler.release><exec.mainClass>com.acme.Main</exec.mainClass></properties><dependencies>${xml.join('')}</dependencies>${extra}</project>`;
}
const java = (body: string, imports = ''): string => `package com.acme;\n${imports}\npublic class Main {\n  public static void main(String[] args) throws Exception {\n${body}\n  }\n}\n`;
const portEvidence = (s: { evidence: Array<{ fact: string; file: string; line?: number; note: string }> }): Array<{ file: string; line?: number; note: string }> =>
  s.evidence.filter((e) => e.fact === 'port').map(({ file, line, note }) => ({ file, line, note }));

describe('plain JVM servers: listen calls in code', () => {
  it('Vert.x: listen(8080), and config().getInteger("http.port", 8888) as the default', () => {
    const literal = onlyService({ 'pom.xml': pom(['io.vertx:vertx-web']), [MAIN]: java('    Vertx.vertx().createHttpServer().requestHandler(r -> {}).listen(8081);') });
    expect(literal).toMatchObject({ kind: 'server', framework: 'vertx', port: { value: 8081 } });
    expect(portEvidence(literal)).toEqual([{ file: MAIN, line: 5, note: 'Vertx.vertx().createHttpServer().requestHandler(r -> {}).listen(8081);' }]);
    const config = onlyService({ 'pom.xml': pom(['io.vertx:vertx-web']), [MAIN]: java('    vertx.createHttpServer().listen(config().getInteger("http.port", 8888));') });
    expect(config.port.value).toBe(8888);
  });

  it('Netty: b.bind(port) with `args.length > 0 ? Integer.parseInt(args[0]) : 8080`', () => {
    const s = onlyService({
      'pom.xml': pom(['io.netty:netty-codec-http']),
      [MAIN]: java('    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8082;\n    ServerBootstrap b = new ServerBootstrap();\n    Channel ch = b.bind(new InetSocketAddress(port)).sync().channel();'),
    });
    expect(s).toMatchObject({ kind: 'server', framework: 'netty', port: { value: 8082 } });
    expect(portEvidence(s)).toEqual([{ file: MAIN, line: 7, note: 'Channel ch = b.bind(new InetSocketAddress(port)).sync().channel(); (int port = args.length > 0 ? Integer.parseInt(args[0]) : 8082;)' }]);
  });

  it('Undertow addHttpListener(8080, "0.0.0.0"), Jetty new Server(8080), Helidon/Spark port(8080)', () => {
    const undertow = onlyService({ 'pom.xml': pom(['io.undertow:undertow-core']), [MAIN]: java('    Undertow.builder().addHttpListener(8083, "0.0.0.0").setHandler(h).build().start();') });
    expect(undertow).toMatchObject({ framework: 'undertow', port: { value: 8083, bindAddress: '0.0.0.0' } });
    const jetty = onlyService({ 'pom.xml': pom(['org.eclipse.jetty:jetty-server']), [MAIN]: java('    Server server = new Server(8084);\n    server.start();') });
    expect(jetty).toMatchObject({ framework: 'jetty', port: { value: 8084 } });
    const spark = onlyService({ 'pom.xml': pom(['com.sparkjava:spark-core']), [MAIN]: java('    port(8085);\n    get("/health", (req, res) -> "ok");', 'import static spark.Spark.*;') });
    expect(spark).toMatchObject({ framework: 'spark', port: { value: 8085 }, health: { path: '/health' } });
  });

  it('a server on a library devsquad does not know is a server when its code binds a port literal', () => {
    const s = onlyService({ 'pom.xml': pom(['org.example:tiny-http']), [MAIN]: java('    TinyHttp server = new TinyHttp();\n    server.bind(8086);\n    server.await();') });
    expect(s).toMatchObject({ kind: 'server', framework: null, port: { value: 8086 } });
    const client = onlyService({ 'pom.xml': pom(['org.postgresql:postgresql']), [MAIN]: java('    PGSimpleDataSource ds = new PGSimpleDataSource();\n    ds.setPort(5432);\n    new PgConnectOptions().setPort(6543);\n    Job.run(ds);') });
    expect(client).toMatchObject({ kind: 'worker', port: { value: null } });
  });

  it('Armeria next to a bare spring-boot-maven-plugin (repackaging only) is a server on its own port', () => {
    const s = onlyService({
      'pom.xml': pom(['com.linecorp.armeria:armeria'], '<build><plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>'),
      [MAIN]: java('    ServerBuilder sb = Server.builder();\n    sb.http(8087).service("/health", (ctx, req) -> HttpResponse.of("ok"));\n    sb.build().start().join();'),
    });
    expect(s).toMatchObject({ kind: 'server', framework: 'spring-boot', port: { value: 8087, envVar: null } });
  });
});

describe('plain JVM servers: config files and framework defaults', () => {
  it('Ktor application.conf: ktor.deployment.port with a ${?PORT} override', () => {
    const s = onlyService({
      'settings.gradle.kts': 'rootProject.name = "api"\n',
      'build.gradle.kts': 'plugins { kotlin("jvm") version "2.0.21"\n application }\napplication { mainClass.set("io.ktor.server.netty.EngineMain") }\nval ktorVersion = "2.3.12"\ndependencies {\n    implementation("io.ktor:ktor-server-netty-jvm:$ktorVersion")\n}\n',
      'src/main/kotlin/com/acme/Application.kt': 'package com.acme\n\nfun Application.module() {\n    routing { get("/health") { call.respondText("ok") } }\n}\n',
      [`${RES}/application.conf`]: 'ktor {\n    deployment {\n        port = 8088\n        port = ${?PORT}\n    }\n    application {\n        modules = [ com.acme.ApplicationKt.module ]\n    }\n}\n',
    });
    expect(s).toMatchObject({ framework: 'ktor', kind: 'server', port: { value: 8088, envVar: 'PORT' } });
    expect(portEvidence(s)).toEqual([{ file: `${RES}/application.conf`, line: 3, note: 'ktor.deployment.port = 8088' }]);
  });

  it('Helidon application.yaml server.port; Dropwizard config server.applicationConnectors[0].port', () => {
    const helidon = onlyService({ 'pom.xml': pom(['io.helidon.webserver:helidon-webserver']), [MAIN]: java('    WebServer.builder().config(config.get("server")).build().start();'), [`${RES}/application.yaml`]: 'server:\n  port: 8089\n  host: 0.0.0.0\n' });
    expect(helidon).toMatchObject({ framework: 'helidon', port: { value: 8089 } });
    const dropwizard = onlyService({
      'pom.xml': pom(['io.dropwizard:dropwizard-core']),
      [MAIN]: java('    new App().run(args);'),
      'config.yml': 'server:\n  applicationConnectors:\n    - type: http\n      port: 9090\n  adminConnectors:\n    - type: http\n      port: 9091\n',
    });
    expect(dropwizard).toMatchObject({ framework: 'dropwizard', port: { value: 9090 } });
  });

  it('a framework’s own default when neither code nor config names a port (Ratpack 5050, Jooby 8080)', () => {
    const ratpack = onlyService({ 'pom.xml': pom(['io.ratpack:ratpack-core']), [MAIN]: java('    RatpackServer.start(server -> server.handlers(chain -> chain.get(ctx -> ctx.render("hi"))));') });
    expect(ratpack).toMatchObject({ framework: 'ratpack', port: { value: 5050 } });
    expect(portEvidence(ratpack)).toEqual([{ file: 'pom.xml', line: 1, note: 'depends on ratpack-core: ratpack listens on 5050 unless configured' }]);
    // jooby-netty sits in a Maven profile: any Jooby module on the classpath says Jooby.
    const jooby = onlyService({ 'pom.xml': pom(['io.jooby:jooby-hikari']), [MAIN]: java('    runApp(args, App::new);') });
    expect(jooby).toMatchObject({ framework: 'jooby', port: { value: 8080 } });
  });

  it('a plain app whose own recipe passes -Dhttp.port and EXPOSEs it', () => {
    const s = onlyService({ 'pom.xml': pom(['org.example:woof']), [MAIN]: java('    Woof.start();'), 'Dockerfile': 'FROM eclipse-temurin:21\nCOPY target/app.jar app.jar\nEXPOSE 7878\nCMD ["java", "-Dhttp.port=7879", "-jar", "app.jar"]\n' });
    expect(s).toMatchObject({ kind: 'server', port: { value: 7879 } });
    expect(portEvidence(s)).toEqual([{ file: 'Dockerfile', line: 4, note: 'java -Dhttp.port=7879 -jar app.jar (start command of the existing container recipe)' }]);
  });
});

describe('Spring Boot profiles and Gradle builds', () => {
  const bootPom = '<project><parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.5</version></parent><artifactId>app</artifactId><dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies><build><plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build></project>';
  const APP = { 'pom.xml': bootPom, 'src/main/java/com/acme/App.java': 'package com.acme;\n@SpringBootApplication\npublic class App {}\n' };

  it('server.port of a profile that spring.profiles.active or the recipe’s SPRING_PROFILES_ACTIVE activates', () => {
    const active = onlyService({ ...APP, [`${RES}/application.properties`]: 'spring.profiles.active=docker\n', [`${RES}/application-docker.properties`]: 'server.port=8090\n', [`${RES}/application-dev.properties`]: 'server.port=9999\n' });
    expect(active.port).toEqual({ value: 8090, envVar: 'SERVER_PORT', bindAddress: null });
    const recipe = onlyService({ ...APP, [`${RES}/application-k8s.yml`]: 'server:\n  port: 8091\n', Dockerfile: 'FROM eclipse-temurin:21\nENV SPRING_PROFILES_ACTIVE=k8s\nCMD ["java", "-jar", "app.jar"]\n' });
    expect(recipe.port.value).toBe(8091);
    const none = onlyService({ ...APP, [`${RES}/application-k8s.yml`]: 'server:\n  port: 8091\n' });
    expect(none.port.value).toBe(8080);
  });

  it('ENV SERVER_PORT in the recipe is the port production sees', () => {
    const s = onlyService({ ...APP, [`${RES}/application.properties`]: 'server.port=8080\n', Dockerfile: 'FROM eclipse-temurin:21\nENV SERVER_PORT=8092\nCMD ["java", "-jar", "app.jar"]\n' });
    expect(s.port).toEqual({ value: 8092, envVar: 'SERVER_PORT', bindAddress: null });
  });

  it('Gradle: `$version` in coordinates, mainClass.set(variable), and buildSrc convention plugins', () => {
    const s = onlyService({
      'settings.gradle.kts': 'rootProject.name = "svc"\n',
      'build.gradle.kts': 'plugins {\n    kotlin("jvm") version "2.0.21"\n    application\n}\nval vertxVersion = "4.5.10"\nval launcher = "io.vertx.core.Launcher"\napplication { mainClass.set(launcher) }\ndependencies {\n    implementation("io.vertx:vertx-web:$vertxVersion")\n}\n',
      'src/main/kotlin/App.kt': 'class App : CoroutineVerticle() {\n    override suspend fun start() {\n        vertx.createHttpServer().listen(8093).coAwait()\n    }\n}\n',
    });
    expect(s).toMatchObject({ kind: 'server', framework: 'vertx', port: { value: 8093 } });
    const conventions = planOf(
      testdir({
        'settings.gradle': "rootProject.name = 'bench'\ninclude 'common', 'api'\n",
        'build.gradle': '',
        'buildSrc/build.gradle': "plugins { id 'groovy-gradle-plugin' }\n",
        'buildSrc/src/main/groovy/acme.app-conventions.gradle': "plugins {\n    id 'java'\n    id 'io.micronaut.application'\n}\ndependencies {\n    implementation project(':common')\n}\n",
        'common/build.gradle': "plugins { id 'java-library' }\ndependencies { api 'io.micronaut:micronaut-http-server-netty' }\n",
        'api/build.gradle': "plugins { id 'acme.app-conventions' }\ndependencies { implementation 'io.micronaut.sql:micronaut-jdbc-hikari' }\n",
        'api/src/main/java/com/acme/Application.java': 'package com.acme;\npublic class Application {\n  public static void main(String[] args) { Micronaut.run(Application.class, args); }\n}\n',
      }),
    );
    expect(conventions.services.map((x) => [x.path, x.framework, x.kind, x.port.value])).toEqual([['api', 'micronaut', 'server', 8080]]);
  });

  it('a Quarkus module without any Quarkus extension (a shared module under a parent with the plugin) is a library', () => {
    const parent = '<project><artifactId>parent</artifactId><packaging>pom</packaging><modules><module>common</module><module>app</module></modules><build><plugins><plugin><groupId>io.quarkus</groupId><artifactId>quarkus-maven-plugin</artifactId></plugin></plugins></build></project>';
    const plan = planOf(
      testdir({
        'pom.xml': parent,
        'common/pom.xml': '<project><parent><artifactId>parent</artifactId></parent><artifactId>common</artifactId><dependencies><dependency><groupId>io.vertx</groupId><artifactId>vertx-core</artifactId></dependency></dependencies><build><plugins><plugin><groupId>io.quarkus</groupId><artifactId>quarkus-maven-plugin</artifactId></plugin></plugins></build></project>',
        'app/pom.xml': '<project><parent><artifactId>parent</artifactId></parent><artifactId>app</artifactId><dependencies><dependency><groupId>io.quarkus</groupId><artifactId>quarkus-rest</artifactId></dependency></dependencies><build><plugins><plugin><groupId>io.quarkus</groupId><artifactId>quarkus-maven-plugin</artifactId></plugin></plugins></build></project>',
      }),
    );
    expect(plan.services.map((s) => s.path)).toEqual(['app']);
  });
});
