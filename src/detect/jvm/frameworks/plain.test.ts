import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../../test/helpers.js';

describe('plain JVM apps', () => {
  it('plans a Ktor server with its port from PORT and a health route', () => {
    const s = onlyService({
      'settings.gradle.kts': 'rootProject.name = "ktor-api"\n',
      'build.gradle.kts': 'plugins {\n    kotlin("jvm") version "2.0.21"\n    application\n}\napplication { mainClass.set("com.acme.ApplicationKt") }\nkotlin { jvmToolchain(17) }\ndependencies {\n    implementation("io.ktor:ktor-server-netty-jvm:2.3.12")\n    implementation("io.ktor:ktor-server-core-jvm:2.3.12")\n}\n',
      'src/main/kotlin/com/acme/Application.kt': 'package com.acme\n\nfun main() {\n    embeddedServer(Netty, port = System.getenv("PORT")?.toInt() ?: 8080, host = "0.0.0.0") {\n        routing {\n            get("/health") { call.respondText("ok") }\n        }\n    }.start(wait = true)\n}\n',
    });
    expect(s.language).toBe('kotlin');
    expect(s.framework).toBe('ktor');
    expect(s.kind).toBe('server');
    expect(s.port).toEqual({ value: 8080, envVar: 'PORT', bindAddress: null });
    expect(s.health.path).toBe('/health');
    expect(s.runtime.version).toBe('17');
    expect(s.commands.build).toBe('gradle --no-daemon installDist -x test');
    expect(s.commands.start).toBe('/app/bin/ktor-api');
  });

  it('plans a Javalin app with a literal port', () => {
    const s = onlyService({
      'pom.xml': '<project><artifactId>notes</artifactId><properties><maven.compiler.release>21</maven.compiler.release></properties><dependencies><dependency><groupId>io.javalin</groupId><artifactId>javalin</artifactId></dependency></dependencies><build><plugins><plugin><artifactId>maven-assembly-plugin</artifactId><configuration><descriptorRefs><descriptorRef>jar-with-dependencies</descriptorRef></descriptorRefs><archive><manifest><mainClass>com.acme.Notes</mainClass></manifest></archive></configuration></plugin></plugins></build></project>',
      'src/main/java/com/acme/Notes.java': 'package com.acme;\npublic class Notes {\n  public static void main(String[] args) {\n    var app = Javalin.create();\n    app.get("/healthz", ctx -> ctx.result("ok"));\n    app.start(7070);\n  }\n}\n',
    });
    expect(s.framework).toBe('javalin');
    expect(s.port).toEqual({ value: 7070, envVar: null, bindAddress: null });
    expect(s.evidence).toContainEqual({ fact: 'port', file: 'src/main/java/com/acme/Notes.java', line: 6, note: 'app.start(7070);' });
    expect(s.health.path).toBe('/healthz');
    expect(s.build.artifact).toBe('target/*-jar-with-dependencies.jar');
    expect(s.warnings).toEqual([]);
  });

  it('plans a JDK HttpServer as a server without any web dependency', () => {
    const s = onlyService({
      'pom.xml': '<project><artifactId>tiny</artifactId><properties><maven.compiler.release>21</maven.compiler.release><exec.mainClass>com.acme.Tiny</exec.mainClass></properties></project>',
      'src/main/java/com/acme/Tiny.java': 'package com.acme;\npublic class Tiny {\n  public static void main(String[] args) throws Exception {\n    HttpServer server = HttpServer.create(new InetSocketAddress(8000), 0);\n  }\n}\n',
    });
    expect(s.kind).toBe('server');
    expect(s.framework).toBeNull();
    expect(s.port.value).toBe(8000);
  });
});
