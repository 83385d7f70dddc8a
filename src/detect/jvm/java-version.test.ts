import { describe, expect, it } from 'vitest';
import { onlyService } from '../../../test/helpers.js';
import { javaMajor } from './java-version.js';

const bootPom = (props = ''): string => `<project>
  <parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId><version>3.3.5</version></parent>
  <artifactId>app</artifactId>
  <properties>${props}</properties>
  <dependencies><dependency><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-web</artifactId></dependency></dependencies>
  <build><plugins><plugin><groupId>org.springframework.boot</groupId><artifactId>spring-boot-maven-plugin</artifactId></plugin></plugins></build>
</project>`;
const APP = { 'src/main/java/com/acme/App.java': '@SpringBootApplication\npublic class App {}\n' };

describe('Java version', () => {
  it('reduces version strings to the major version', () => {
    expect(javaMajor('21')).toBe('21');
    expect(javaMajor('1.8')).toBe('8');
    expect(javaMajor('17.0.2')).toBe('17');
    expect(javaMajor('21.0.2-tem')).toBe('21');
    expect(javaMajor('temurin-21.0.2+13.0.LTS')).toBe('21');
    expect(javaMajor('corretto-11.0.22.7.1')).toBe('11');
    expect(javaMajor('JavaVersion.VERSION_17')).toBe('17');
    expect(javaMajor('latest')).toBeNull();
  });

  it('prefers maven.compiler.release in the pom', () => {
    const s = onlyService({ 'pom.xml': bootPom('<maven.compiler.release>17</maven.compiler.release>'), '.java-version': '21\n', ...APP });
    expect(s.runtime).toEqual({ name: 'java', version: '17', source: 'pom.xml' });
    expect(s.evidence).toContainEqual({ fact: 'runtime', file: 'pom.xml', line: 4, note: 'Java 17' });
  });

  it('reads .java-version, then .sdkmanrc, then .tool-versions, then mise.toml', () => {
    expect(onlyService({ 'pom.xml': bootPom(), '.java-version': '17.0.9\n', ...APP }).runtime).toEqual({ name: 'java', version: '17', source: '.java-version' });
    expect(onlyService({ 'pom.xml': bootPom(), '.sdkmanrc': '# sdkman\njava=21.0.2-tem\n', ...APP }).runtime).toEqual({ name: 'java', version: '21', source: '.sdkmanrc' });
    expect(onlyService({ 'pom.xml': bootPom(), '.tool-versions': 'nodejs 20.1.0\njava temurin-11.0.22+7\n', ...APP }).runtime).toEqual({ name: 'java', version: '11', source: '.tool-versions' });
    expect(onlyService({ 'pom.xml': bootPom(), 'mise.toml': '[tools]\njava = "corretto-17"\n', ...APP }).runtime).toEqual({ name: 'java', version: '17', source: 'mise.toml' });
  });

  it('falls back to Java 21 with a warning', () => {
    const s = onlyService({ 'pom.xml': bootPom(), ...APP });
    expect(s.runtime).toEqual({ name: 'java', version: '21', source: 'default' });
    expect(s.warnings.join('\n')).toMatch(/No Java version found.*Java 21/);
  });
});
