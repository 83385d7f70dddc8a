import { describe, expect, it } from 'vitest';
import { onlyService, planOf, testdir } from '../../../test/helpers.js';

interface PomSpec {
  artifactId: string;
  groupId?: string;
  packaging?: string;
  parent?: string;
  props?: string;
  deps?: string[];
  plugins?: string[];
  modules?: string[];
  build?: string;
}

const dep = (group: string, artifact: string, scope?: string): string =>
  `<dependency><groupId>${group}</groupId><artifactId>${artifact}</artifactId>${scope ? `<scope>${scope}</scope>` : ''}</dependency>`;
const plugin = (artifact: string, config = ''): string => `<plugin><artifactId>${artifact}</artifactId>${config}</plugin>`;
const BOOT_PARENT = '<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.5</version><relativePath/></parent>';
const localParent = (artifactId: string): string => `<parent><groupId>com.acme</groupId><artifactId>${artifactId}</artifactId><version>1.0</version></parent>`;

function pom(spec: PomSpec): string {
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<project>',
    spec.parent ?? '',
    spec.groupId ? `<groupId>${spec.groupId}</groupId>` : '',
    `<artifactId>${spec.artifactId}</artifactId>`,
    spec.packaging ? `<packaging>${spec.packaging}</packaging>` : '',
    spec.modules ? `<modules>${spec.modules.map((m) => `<module>${m}</module>`).join('')}</modules>` : '',
    spec.props ? `<properties>${spec.props}</properties>` : '',
    `<dependencies>${(spec.deps ?? []).join('')}</dependencies>`,
    `<build>${spec.build ?? ''}<plugins>${(spec.plugins ?? []).join('')}</plugins></build>`,
    '</project>',
  ].filter((l) => l !== '').join('\n');
}

const SPRING_APP = (pkg: string, cls: string): string => `package ${pkg};\n\n@SpringBootApplication\npublic class ${cls} {\n  public static void main(String[] args) {}\n}\n`;

describe('Maven', () => {
  it('never throws on a broken pom.xml and records the parse error', () => {
    const plan = planOf(testdir({ 'pom.xml': '<project><artifactId>x</artifactId><dependencies></project>' }));
    expect(plan.services).toEqual([]);
    expect(plan.diagnostics).toContainEqual(expect.objectContaining({ code: 'DSQ_ERR_MANIFEST_PARSE', path: 'pom.xml' }));
  });

  it('plans each module of a multi-module build from the aggregator root', () => {
    const plan = planOf(testdir({
      'mvnw': '#!/bin/sh\nexec mvn "$@"\n',
      'pom.xml': pom({ artifactId: 'parent', groupId: 'com.acme', packaging: 'pom', parent: BOOT_PARENT, modules: ['common', 'services/api'], props: '<java.version>17</java.version>' }),
      'common/pom.xml': pom({ artifactId: 'common', parent: localParent('parent'), deps: [dep('org.postgresql', 'postgresql', 'runtime'), dep('org.springframework.boot', 'spring-boot-starter-data-jpa')] }),
      'common/src/main/java/com/acme/common/Thing.java': 'package com.acme.common;\npublic class Thing {}\n',
      'services/api/pom.xml': pom({
        artifactId: 'api',
        parent: '<parent><groupId>com.acme</groupId><artifactId>parent</artifactId><version>1.0</version><relativePath>../../pom.xml</relativePath></parent>',
        deps: [dep('com.acme', 'common'), dep('org.springframework.boot', 'spring-boot-starter-web'), dep('org.testcontainers', 'postgresql', 'test')],
        plugins: [plugin('spring-boot-maven-plugin')],
      }),
      'services/api/src/main/java/com/acme/api/ApiApplication.java': SPRING_APP('com.acme.api', 'ApiApplication'),
    }));
    expect(plan.monorepo?.tools).toEqual(['maven-multi-module']);
    expect(plan.services.map((s) => s.path)).toEqual(['services/api']);
    const api = plan.services[0]!;
    expect(api.name).toBe('api');
    expect(api.runtime).toEqual({ name: 'java', version: '17', source: 'pom.xml' });
    expect(api.build.context).toBe('');
    expect(api.build.target).toBe('services/api');
    expect(api.build.workspacePackages).toEqual(['common']);
    expect(api.commands.install).toBe('./mvnw -B -ntp dependency:go-offline');
    expect(api.commands.build).toBe('./mvnw -B -ntp -pl services/api -am package -DskipTests');
    expect(api.build.artifact).toBe('target/*.jar');
    expect(api.build.features).toEqual(['spring-boot', 'maven-wrapper']);
    // PostgreSQL comes from the common module the API depends on, not from the test-scoped Testcontainers module.
    expect(api.backingServices).toEqual([{ kind: 'postgres', envVar: 'SPRING_DATASOURCE_URL' }]);
    expect(api.evidence).toContainEqual(expect.objectContaining({ fact: 'backing:postgres', file: 'common/pom.xml' }));
  });

  it('treats a pom-packaged project without modules as a library (a parent or BOM)', () => {
    const plan = planOf(testdir({ 'pom.xml': pom({ artifactId: 'bom', packaging: 'pom' }) }));
    expect(plan.services).toEqual([]);
  });

  it('uses a literal finalName for the artifact and war packaging for the extension', () => {
    const s = onlyService({
      'pom.xml': pom({ artifactId: 'shop', packaging: 'war', parent: BOOT_PARENT, deps: [dep('org.springframework.boot', 'spring-boot-starter-web')], plugins: [plugin('spring-boot-maven-plugin')], build: '<finalName>shop-app</finalName>' }),
      'src/main/java/com/acme/ShopApplication.java': SPRING_APP('com.acme', 'ShopApplication'),
    });
    expect(s.build.artifact).toBe('target/shop-app.war');
    expect(s.commands.build).toBe('mvn -B -ntp package -DskipTests');
    expect(s.commands.start).toBe('java -jar /app/app.jar');
  });

  it('plans a plain Java main with the shade plugin as a worker with a fat jar', () => {
    const s = onlyService({
      'pom.xml': pom({ artifactId: 'importer', props: '<maven.compiler.release>21</maven.compiler.release>', deps: [dep('com.rabbitmq', 'amqp-client')], plugins: [plugin('maven-shade-plugin', '<configuration><transformers><transformer><mainClass>com.acme.Importer</mainClass></transformer></transformers></configuration>')] }),
      'src/main/java/com/acme/Importer.java': 'package com.acme;\npublic class Importer {\n  public static void main(String[] args) {\n    String queue = System.getenv("QUEUE_NAME");\n  }\n}\n',
    });
    expect(s.kind).toBe('worker');
    expect(s.framework).toBeNull();
    expect(s.language).toBe('java');
    expect(s.port.value).toBeNull();
    expect(s.build.artifact).toBe('target/importer-*.jar');
    expect(s.commands.start).toBe('java -jar /app/app.jar');
    expect(s.backingServices).toEqual([{ kind: 'rabbitmq', envVar: null }]);
    expect(s.env).toEqual([{ name: 'QUEUE_NAME', required: true, secret: false, default: null }]);
    expect(s.warnings).toEqual([]);
  });

  it('starts a main class by name when the jar has no Main-Class, and warns about the thin jar', () => {
    const s = onlyService({
      'pom.xml': pom({ artifactId: 'tool', props: '<java.version>21</java.version>' }),
      'src/main/java/com/acme/tool/Main.java': 'package com.acme.tool;\npublic class Main {\n  public static void main(String[] args) {}\n}\n',
    });
    expect(s.commands.start).toBe('java -cp /app/app.jar com.acme.tool.Main');
    expect(s.evidence).toContainEqual({ fact: 'start', file: 'src/main/java/com/acme/tool/Main.java', line: 3, note: 'public static void main(String[] args) {} (no Main-Class in the build: started by class name)' });
    expect(s.warnings.join('\n')).toMatch(/maven-shade-plugin/);
  });

  it('does not plan a jar project without a main class or framework', () => {
    const plan = planOf(testdir({ 'pom.xml': pom({ artifactId: 'util' }), 'src/main/java/com/acme/Util.java': 'package com.acme;\npublic class Util {}\n' }));
    expect(plan.services).toEqual([]);
  });
});
