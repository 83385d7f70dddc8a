/**
 * What Java and Kotlin sources tell: the entry point (a main method or a framework's application
 * annotation) and the environment variables read with System.getenv or `@Value("${X}")`.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import type { ServicePlan } from '../../plan/schema.js';
import { recordEnvRead } from '../shared/env-vars.js';
import { lineText, matchAll, stripCComments } from '../shared/text.js';
import { isEnvName, placeholders } from './app-config.js';


/**
 * Main sources only: src/main/java and src/main/kotlin (tests and generated code are not the app).
 * Not shared/source-files.ts: Java packages are directories, and `com/example/…` or `…/test/…`
 * package segments must not hide the app. Shallow files first, capped.
 */
export function jvmSources(repo: RepoFs, dir: string, max = 400): string[] {
  const main = dir === '' ? 'src/main' : `${dir}/src/main`;
  const files = repo.filesUnder(main).filter((f) => /\/src\/main\/(java\/.*\.java|kotlin\/.*\.(kt|java))$/.test(`/${f}`));
  files.sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b));
  return files.slice(0, max);
}

export interface EntryPoint {
  file: string;
  line: number;
  text: string;
  /** The annotation that marks it (SpringBootApplication, QuarkusMain) or 'main'. */
  kind: string;
}

const ENTRY = /@(SpringBootApplication|QuarkusMain)\b|\bMicronaut\.run\s*\(|\brunApplication\s*<|\bpublic\s+static\s+void\s+main\s*\(|\bstatic\s+public\s+void\s+main\s*\(|^\s*fun\s+main\s*\(|@JvmStatic\s+fun\s+main\s*\(/m;

/** The first entry point in the sources, preferring a framework annotation over a bare main. */
export function findEntryPoint(repo: RepoFs, files: readonly string[]): EntryPoint | null {
  let fallback: EntryPoint | null = null;
  for (const file of files) {
    const raw = repo.readText(file);
    if (raw === null || !/main|@SpringBootApplication|@QuarkusMain|Micronaut\.run|runApplication/.test(raw)) continue;
    const text = stripCComments(raw);
    for (const m of matchAll(text, new RegExp(ENTRY.source, 'gm'))) {
      const kind = m.match[1] ?? (/Micronaut\.run/.test(m.match[0]) ? 'Micronaut.run' : /runApplication/.test(m.match[0]) ? 'SpringBootApplication' : 'main');
      const found = { file, line: m.line, text: lineText(raw, m.line), kind };
      if (kind !== 'main') return found;
      fallback ??= found;
    }
  }
  return fallback;
}

/**
 * Env reads in code: `System.getenv("X")` (optional when a fallback follows: `?: "d"`,
 * `getOrDefault`, `orElse`, `requireNonNullElse`) and `${X}` / `${X:d}` in annotation strings
 * (`@Value`, `@Scheduled(cron = …)`).
 */
export function recordSourceEnvReads(repo: RepoFs, service: ServicePlan, files: readonly string[]): void {
  for (const file of files) {
    const raw = repo.readText(file);
    if (raw === null || !/getenv|\$\{/.test(raw)) continue;
    const text = stripCComments(raw);
    for (const m of matchAll(text, /System\.getenv\(\)\.getOrDefault\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*,\s*"([^"]*)"/g)) {
      recordEnvRead(service, { name: m.match[1]!, hasDefault: true, default: m.match[2]!, file, line: m.line, text: m.text });
    }
    for (const m of matchAll(text, /System\.getenv\(\s*"([A-Za-z_][A-Za-z0-9_]*)"\s*\)/g)) {
      const rest = text.slice(m.match.index + m.match[0].length, m.match.index + m.match[0].length + 120);
      const fallback = /^\s*(?:\)\s*)?(?:\?:\s*"([^"]*)"|\?:(?!\s*(?:throw\b|error\s*\(|TODO\b))|\)?\s*\.orElse(?:Get)?\(\s*(?:"([^"]*)")?|,\s*"([^"]*)"\s*\))/.exec(rest);
      const def = fallback ? (fallback[1] ?? fallback[2] ?? fallback[3] ?? null) : null;
      recordEnvRead(service, { name: m.match[1]!, hasDefault: fallback !== null, default: def, file, line: m.line, text: m.text });
    }
    // Annotation strings: @Value("${X}"), @Scheduled(cron = "${CRON:0 0 * * * *}"); Kotlin escapes the dollar: "\${X}".
    for (const m of matchAll(text, /@\w+\s*\([^\n]*?"((?:[^"\\]|\\.)*?\\?\$\{[^"]*)"/g)) {
      for (const ref of placeholders(m.match[1]!.replace(/\\\$/g, '$'))) {
        if (!isEnvName(ref.name)) continue;
        recordEnvRead(service, { name: ref.name, hasDefault: ref.default !== null, default: ref.default?.includes('${') ? null : ref.default, file, line: m.line, text: m.text });
      }
    }
  }
}
