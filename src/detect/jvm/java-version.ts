/**
 * Java version: the build file's release / toolchain first (what the code is compiled for), then the
 * files version managers read (.java-version, .sdkmanrc, .tool-versions, mise.toml), then the
 * default with a warning. Image tags only carry the major version (eclipse-temurin:21-jre), so that
 * is all we keep.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { joinPath } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { addEvidence, addWarning } from '../../plan/service.js';
import { DEFAULT_VERSIONS, ancestors, toolVersion, versionFile, type VersionHint } from '../shared/versions.js';

/**
 * The major Java version in a version string: '21', '17.0.2', '1.8' → '8', '21.0.2-tem',
 * 'temurin-21.0.2+13', 'openjdk-17', 'corretto-11.0.22.7.1', 'JavaVersion.VERSION_17'. Null when none.
 */
export function javaMajor(raw: string): string | null {
  const s = raw.trim().replace(/^JavaVersion\.VERSION_/, '').replace(/_/g, '.');
  const m = /(?:^|[^\d.])(1\.[5-8]|\d{1,2})(?:[.+\-_\s]|$)/.exec(s) ?? /^(1\.[5-8]|\d{1,2})/.exec(s);
  if (!m?.[1]) return null;
  const major = m[1].startsWith('1.') ? m[1].slice(2) : m[1];
  const n = Number(major);
  return n >= 5 && n <= 40 ? String(n) : null;
}

/** .sdkmanrc holds `java=21.0.2-tem`, searched from the project up to the repository root. */
function sdkmanVersion(repo: RepoFs, dir: string): VersionHint | null {
  for (const at of ancestors(dir)) {
    const file = joinPath(at, '.sdkmanrc');
    const text = repo.readText(file);
    if (text === null) continue;
    for (const [i, line] of text.split('\n').entries()) {
      const m = /^\s*java\s*=\s*(\S+)/.exec(line);
      if (m?.[1]) return { version: m[1], file, line: i + 1 };
    }
  }
  return null;
}

/** Fills service.runtime for a JVM service, with evidence, or the default and a warning. */
export function applyJavaVersion(repo: RepoFs, service: ServicePlan, dir: string, fromBuild: VersionHint | null): void {
  const candidates: Array<() => VersionHint | null> = [
    () => fromBuild,
    () => versionFile(repo, dir, ['.java-version']),
    () => sdkmanVersion(repo, dir),
    () => toolVersion(repo, dir, ['java']),
  ];
  for (const candidate of candidates) {
    const hint = candidate();
    const major = hint ? javaMajor(hint.version) : null;
    if (!hint || !major) continue;
    service.runtime = { name: 'java', version: major, source: hint.file };
    addEvidence(service, 'runtime', hint.file, `Java ${hint.version}`, hint.line);
    return;
  }
  service.runtime = { name: 'java', version: DEFAULT_VERSIONS.java, source: 'default' };
  addWarning(service, `No Java version found in the build file, .java-version, .sdkmanrc, .tool-versions or mise.toml; using Java ${DEFAULT_VERSIONS.java} (current LTS).`);
}
