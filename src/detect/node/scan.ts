/**
 * The source files of a Node service and the env vars they read. Files come from the shared
 * sourceFiles() (capped, tests and nested packages skipped) with the start entry put first, since
 * the entry decides the port. Text is read once and comment-stripped once per file.
 */
import type { RepoFs } from '../../core/repo/repo-fs.js';
import { sourceFiles } from '../shared/source-files.js';
import { lineAt, lineText, stripCComments } from '../shared/text.js';

export const SOURCE_EXTENSIONS = ['js', 'mjs', 'cjs', 'ts', 'mts', 'cts', 'jsx', 'tsx', 'vue', 'svelte', 'astro'] as const;

export interface SourceSet {
  /** Repo-relative files, entry points first. */
  readonly files: readonly string[];
  /** Comment-stripped text (line breaks kept), or null when unreadable. */
  code(file: string): string | null;
  /** Raw text for evidence notes. */
  raw(file: string): string | null;
}

export function collectSources(repo: RepoFs, dir: string, first: readonly string[] = [], max = 300): SourceSet {
  const listed = sourceFiles(repo, dir, { extensions: SOURCE_EXTENSIONS, max }).filter((f) => !f.endsWith('.d.ts'));
  const files = [...new Set([...first.filter((f) => repo.isFile(f)), ...listed])];
  const stripped = new Map<string, string | null>();
  return {
    files,
    code(file: string): string | null {
      if (!stripped.has(file)) {
        const text = repo.readText(file);
        stripped.set(file, text === null ? null : stripCComments(text));
      }
      return stripped.get(file) ?? null;
    },
    raw: (file: string) => repo.readText(file),
  };
}

export interface EnvRead {
  name: string;
  hasDefault: boolean;
  default: string | null;
  file: string;
  line: number;
  text: string;
  /** Inlined by the bundler at build time (import.meta.env, NEXT_PUBLIC_*, VITE_*, …). */
  buildTime: boolean;
}

const ACCESS = /(process\.env|Bun\.env|import\.meta\.env)(?:\.([A-Za-z_][\w]*)|\[\s*['"`]([A-Za-z_]\w*)['"`]\s*\])/g;
const DESTRUCTURE = /(?:const|let|var)\s*\{([^{}]*)\}\s*(?::\s*[^=]+)?=\s*(process\.env|Bun\.env|import\.meta\.env)\b/g;
const SVELTE_STATIC = /import\s*\{([^}]*)\}\s*from\s*['"]\$env\/static\/(private|public)['"]/g;
const SVELTE_DYNAMIC = /from\s*['"]\$env\/dynamic\/(private|public)['"]/;
const NEST_CONFIG = /\.(get|getOrThrow)\s*(?:<[^>()]*>)?\(\s*['"]([A-Z][A-Z0-9_]*)['"]\s*(,\s*[^)]+)?\)/g;
const BUILD_TIME_PREFIX = /^(NEXT_PUBLIC_|VITE_|REACT_APP_|PUBLIC_|NUXT_PUBLIC_|GATSBY_|EXPO_PUBLIC_|VUE_APP_)/;

/** Every env var read in the sources, in file order. */
export function scanEnvReads(sources: SourceSet): EnvRead[] {
  const reads: EnvRead[] = [];
  for (const file of sources.files) {
    const code = sources.code(file);
    if (code === null || !/env|getOrThrow|ConfigService/.test(code)) continue;
    const raw = sources.raw(file) ?? code;
    const push = (name: string, index: number, hasDefault: boolean, def: string | null, buildTime: boolean): void => {
      const line = lineAt(code, index);
      reads.push({ name, hasDefault, default: def, file, line, text: lineText(raw, line), buildTime: buildTime || BUILD_TIME_PREFIX.test(name) });
    };
    for (const m of code.matchAll(ACCESS)) {
      const name = m[2] ?? m[3];
      if (!name) continue;
      const after = code.slice(m.index + m[0].length, m.index + m[0].length + 120);
      const before = code.slice(Math.max(0, m.index - 12), m.index);
      const fallback = defaultAfter(after);
      // `if (process.env.X)` and `process.env.X ? a : b` make it optional; `if (!process.env.X) throw`
      // is the usual way to require one, so a negation does not.
      const guarded = /^\s*(\?[^?.]|&&)/.test(after) || /if\s*\(\s*$/.test(before);
      push(name, m.index, fallback !== undefined || guarded, fallback ?? null, m[1] === 'import.meta.env');
    }
    for (const m of code.matchAll(DESTRUCTURE)) {
      let cursor = m[0].indexOf('{') + 1;
      for (const part of (m[1] ?? '').split(',')) {
        const entry = /^\s*([A-Za-z_]\w*)\s*(?::\s*[A-Za-z_$][\w$]*)?\s*(?:=\s*(.+?))?\s*$/s.exec(part);
        if (entry?.[1]) {
          const def = entry[2] === undefined ? undefined : literalValue(entry[2]);
          push(entry[1], m.index + m[0].indexOf(entry[1], cursor), entry[2] !== undefined, def ?? null, m[2] === 'import.meta.env');
        }
        cursor += part.length + 1;
      }
    }
    for (const m of code.matchAll(SVELTE_STATIC)) {
      for (const name of (m[1] ?? '').split(',').map((s) => s.trim().split(/\s+as\s+/)[0] ?? '')) {
        if (/^[A-Za-z_]\w*$/.test(name)) push(name, m.index, false, null, m[2] === 'public');
      }
    }
    const dynamic = SVELTE_DYNAMIC.exec(code);
    if (dynamic) {
      for (const m of code.matchAll(/\benv\.([A-Z_][A-Z0-9_]*)/g)) {
        const fallback = defaultAfter(code.slice(m.index + m[0].length, m.index + m[0].length + 120));
        push(m[1] ?? '', m.index, fallback !== undefined, fallback ?? null, false);
      }
    }
    if (/ConfigService|configService/.test(code)) {
      for (const m of code.matchAll(NEST_CONFIG)) {
        const def = m[3] ? literalValue(m[3].replace(/^,\s*/, '')) : undefined;
        push(m[2] ?? '', m.index, m[1] === 'get' && m[3] !== undefined, def ?? null, false);
      }
    }
  }
  return reads;
}

/** The default after an env read (`|| 'x'`, `?? 3000`): the literal, null for a non-literal fallback, undefined for none. */
function defaultAfter(after: string): string | null | undefined {
  const m = /^\s*!?\s*\)*\s*(\|\||\?\?)\s*/.exec(after);
  if (!m) return undefined;
  const rest = after.slice(m[0].length);
  return literalValue(/^(['"`])(?:(?!\1)[^\\\n]|\\.)*\1|^-?\d+(?:\.\d+)?|^(?:true|false)\b/.exec(rest)?.[0] ?? '');
}

/** A JS literal's value ('x' → x, 3000 → 3000), or null when the text is not a plain literal. */
export function literalValue(text: string): string | null {
  const t = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(t) || t === 'true' || t === 'false') return t;
  const q = /^(['"`])(.*)\1$/s.exec(t);
  if (q && !(q[1] === '`' && q[2]?.includes('${'))) return q[2] ?? '';
  return null;
}
