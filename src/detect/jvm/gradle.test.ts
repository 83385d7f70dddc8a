import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../test/helpers.js';

const BOOT_APP = 'package com.acme\n\nimport org.springframework.boot.autoconfigure.SpringBootApplication\nimport org.springframework.boot.runApplication\n\n@SpringBootApplication\nclass App\n\nfun main(args: Array<String>) {\n    runApplication<App>(*args)\n}\n';

describe('Gradle', () => {
  it('reads a Groovy build: plugins, sourceCompatibility and dependencies, without a wrapper', () => {
    const s = onlyService({
      'settings.gradle': "rootProject.name = 'catalog'\n",
      'build.gradle': [
        'plugins {',
        "    id 'java'",
        "    id 'org.springframework.boot' version '3.3.5'",
        "    id 'io.spring.dependency-management' version '1.1.6'",
        '}',
        '',
        "sourceCompatibility = '17'",
        '',
        'dependencies {',
        "    implementation 'org.springframework.boot:spring-boot-starter-web'",
        '    // implementation "org.springframework.boot:spring-boot-starter-data-redis"',
        "    runtimeOnly 'org.postgresql:postgresql:42.7.4'",
        "    testImplementation 'org.testcontainers:mongodb'",
        '}',
      ].join('\n'),
      'src/main/java/com/acme/CatalogApplication.java': 'package com.acme;\n@SpringBootApplication\npublic class CatalogApplication {}\n',
    });
    expect(s.name).toBe('catalog');
    expect(s.language).toBe('java');
    expect(s.runtime).toEqual({ name: 'java', version: '17', source: 'build.gradle' });
    expect(s.commands.install).toBe('gradle --no-daemon dependencies');
    expect(s.commands.build).toBe('gradle --no-daemon bootJar -x test');
    expect(s.build.artifact).toBe('build/libs/*.jar');
    expect(s.build.features).toEqual(['spring-boot']);
    expect(s.backingServices.map((b) => b.kind)).toEqual(['postgres']);
    expect(s.evidence).toContainEqual({ fact: 'backing:postgres', file: 'build.gradle', line: 12, note: 'depends on postgresql' });
  });

  it('resolves plugins and libraries from the version catalog', () => {
    const s = onlyService({
      'gradlew': '#!/bin/sh\n',
      'gradle/libs.versions.toml': [
        '[versions]', 'boot = "3.3.5"', '',
        '[libraries]',
        'spring-boot-starter-web = { module = "org.springframework.boot:spring-boot-starter-web" }',
        'spring-boot-starter-actuator = { group = "org.springframework.boot", name = "spring-boot-starter-actuator" }',
        'spring-kafka = "org.springframework.kafka:spring-kafka:3.2.4"', '',
        '[bundles]', 'web = ["spring-boot-starter-web", "spring-boot-starter-actuator"]', '',
        '[plugins]', 'spring-boot = { id = "org.springframework.boot", version.ref = "boot" }', 'kotlin-jvm = "org.jetbrains.kotlin.jvm:2.0.21"',
      ].join('\n'),
      'build.gradle.kts': 'plugins {\n    alias(libs.plugins.spring.boot)\n    alias(libs.plugins.kotlin.jvm)\n}\nkotlin { jvmToolchain(21) }\ndependencies {\n    implementation(libs.bundles.web)\n    implementation(libs.spring.kafka)\n}\n',
      'src/main/kotlin/com/acme/App.kt': BOOT_APP,
    });
    expect(s.language).toBe('kotlin');
    expect(s.framework).toBe('spring-boot');
    expect(s.kind).toBe('server');
    expect(s.runtime.version).toBe('21');
    expect(s.health.path).toBe('/actuator/health');
    expect(s.backingServices).toEqual([{ kind: 'kafka', envVar: 'SPRING_KAFKA_BOOTSTRAP_SERVERS' }]);
    expect(s.build.features).toEqual(['spring-boot', 'gradle-wrapper', 'gradle-kotlin-dsl']);
    expect(s.commands.build).toBe('./gradlew --no-daemon bootJar -x test');
  });

  it('plans the projects of a multi-project build from the settings directory', () => {
    const plan = planOf(testdir({
      'gradlew': '#!/bin/sh\n',
      'settings.gradle.kts': 'rootProject.name = "platform"\ninclude(\n    ":services:orders",\n    ":libs:db",\n)\ninclude(":admin")\nproject(":admin").projectDir = file("internal/admin-cli")\n',
      'build.gradle.kts': 'plugins {\n    id("org.springframework.boot") version "3.3.5" apply false\n    kotlin("jvm") version "2.0.21" apply false\n}\n\nsubprojects {\n    apply(plugin = "org.jetbrains.kotlin.jvm")\n    extensions.configure<JavaPluginExtension> {\n        toolchain { languageVersion = JavaLanguageVersion.of(21) }\n    }\n}\n',
      'services/orders/build.gradle.kts': 'plugins {\n    id("org.springframework.boot")\n}\ndependencies {\n    implementation(project(":libs:db"))\n    implementation("org.springframework.boot:spring-boot-starter-webflux")\n}\n',
      'services/orders/src/main/kotlin/com/acme/orders/App.kt': BOOT_APP,
      'libs/db/build.gradle.kts': 'dependencies {\n    api("org.mariadb.jdbc:mariadb-java-client:3.4.1")\n}\n',
      'libs/db/src/main/kotlin/com/acme/db/Db.kt': 'package com.acme.db\nclass Db\n',
      'internal/admin-cli/build.gradle.kts': 'plugins { application }\napplication { mainClass.set("com.acme.admin.MainKt") }\n',
      'internal/admin-cli/src/main/kotlin/com/acme/admin/Main.kt': 'package com.acme.admin\n\nfun main() {\n    println(System.getenv("TOOL_MODE") ?: "dry-run")\n}\n',
    }));
    expect(plan.monorepo?.tools).toEqual(['gradle-multi-project']);
    expect(plan.services.map((s) => [s.path, s.kind])).toEqual([['internal/admin-cli', 'worker'], ['services/orders', 'server']]);
    const orders = plan.services.find((s) => s.path === 'services/orders')!;
    expect(orders.name).toBe('orders');
    expect(orders.language).toBe('kotlin');
    expect(orders.runtime).toEqual({ name: 'java', version: '21', source: 'build.gradle.kts' });
    expect(orders.build.context).toBe('');
    expect(orders.build.target).toBe(':services:orders');
    expect(orders.build.workspacePackages).toEqual(['libs/db']);
    expect(orders.commands.install).toBe('./gradlew --no-daemon :services:orders:dependencies');
    expect(orders.commands.build).toBe('./gradlew --no-daemon :services:orders:bootJar -x test');
    expect(orders.backingServices).toEqual([{ kind: 'mariadb', envVar: 'SPRING_DATASOURCE_URL' }]);
    const tools = plan.services.find((s) => s.path === 'internal/admin-cli')!;
    expect(tools.commands.build).toBe('./gradlew --no-daemon :admin:installDist -x test');
    expect(tools.build.artifact).toBe('build/install/admin');
    expect(tools.commands.start).toBe('/app/bin/admin');
    expect(tools.env).toEqual([{ name: 'TOOL_MODE', required: false, secret: false, default: 'dry-run' }]);
  });

  it('builds a fat jar with the shadow plugin', () => {
    const s = onlyService({
      'build.gradle': "plugins {\n  id 'java'\n  id 'com.gradleup.shadow' version '8.3.5'\n}\njar { manifest { attributes 'Main-Class': 'com.acme.Main' } }\n",
      'src/main/java/com/acme/Main.java': 'package com.acme;\npublic class Main { public static void main(String[] a) {} }\n',
    });
    expect(s.commands.build).toBe('gradle --no-daemon shadowJar -x test');
    expect(s.build.artifact).toBe('build/libs/*-all.jar');
    expect(s.commands.start).toBe('java -jar /app/app.jar');
    expect(s.kind).toBe('worker');
  });

  it('treats a Spring Boot project with bootJar disabled as a library', () => {
    const plan = planOf(testdir({
      'build.gradle.kts': 'plugins { id("org.springframework.boot") version "3.3.5" }\ntasks.bootJar { enabled = false }\ndependencies { implementation("org.springframework.boot:spring-boot-starter") }\n',
      'src/main/java/com/acme/Lib.java': 'package com.acme;\npublic class Lib {}\n',
    }));
    expect(plan.services).toEqual([]);
  });
});
