/**
 * Languages the code scanner parses, by file extension, and THE one place in devsquad that registers
 * ast-grep's dynamic grammars. ast-grep accepts a single `registerDynamicLanguage` call per process
 * (a second call replaces or fails), so every caller (the scanner, the generated-code parse check)
 * uses `ensureLanguages()` / `dynamicGrammar()` from here. JS/TS/TSX are built into @ast-grep/napi.
 */
import { createRequire } from 'node:module';
import { Lang, parse, registerDynamicLanguage } from '@ast-grep/napi';

export type RuleLanguage = 'javascript' | 'python' | 'go' | 'java' | 'php';

/** Grammars registered from @ast-grep/lang-<name>. */
export type DynamicGrammar = 'python' | 'go' | 'java' | 'php';
const DYNAMIC: readonly DynamicGrammar[] = ['python', 'go', 'java', 'php'];

export interface LanguageInfo {
  /** The rule family (rules/code/<family>/). */
  family: RuleLanguage;
  /** The ast-grep language name passed to parse(). */
  grammar: string;
}

const BY_EXTENSION: Record<string, LanguageInfo> = {
  '.js': { family: 'javascript', grammar: Lang.JavaScript },
  '.mjs': { family: 'javascript', grammar: Lang.JavaScript },
  '.cjs': { family: 'javascript', grammar: Lang.JavaScript },
  '.jsx': { family: 'javascript', grammar: Lang.Tsx },
  '.ts': { family: 'javascript', grammar: Lang.TypeScript },
  '.mts': { family: 'javascript', grammar: Lang.TypeScript },
  '.cts': { family: 'javascript', grammar: Lang.TypeScript },
  '.tsx': { family: 'javascript', grammar: Lang.Tsx },
  '.py': { family: 'python', grammar: 'python' },
  '.go': { family: 'go', grammar: 'go' },
  '.java': { family: 'java', grammar: 'java' },
  '.php': { family: 'php', grammar: 'php' },
};

let registered = false;
const available = new Set<DynamicGrammar>();

type Registration = Parameters<typeof registerDynamicLanguage>[0][string];

/**
 * Registers every dynamic grammar in one call; safe to call many times. A language package that is
 * missing is left out (its files are then skipped by callers that check `dynamicGrammar`).
 */
export function ensureLanguages(): void {
  if (registered) return;
  registered = true;
  const require = createRequire(import.meta.url);
  const modules: Record<string, Registration> = {};
  for (const name of DYNAMIC) {
    try {
      modules[name] = require(`@ast-grep/lang-${name}`) as Registration;
    } catch {
      // not installed: this grammar stays unavailable
    }
  }
  registerDynamicLanguage(modules);
  for (const name of Object.keys(modules) as DynamicGrammar[]) {
    try {
      parse(name, '');
      available.add(name);
    } catch {
      // the native library failed to load for this grammar
    }
  }
}

/** The ast-grep name of a dynamic grammar once registered, or null when it is not available. */
export function dynamicGrammar(name: DynamicGrammar): string | null {
  ensureLanguages();
  return available.has(name) ? name : null;
}

export function languageOf(file: string): LanguageInfo | null {
  const dot = file.lastIndexOf('.');
  if (dot < 0) return null;
  if (file.endsWith('.d.ts')) return null;
  return BY_EXTENSION[file.slice(dot).toLowerCase()] ?? null;
}
