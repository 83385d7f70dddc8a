/**
 * Languages the code scanner parses, by file extension. JS/TS/TSX are built into @ast-grep/napi;
 * Python comes from @ast-grep/lang-python, registered once (registration is process-wide).
 */
import { createRequire } from 'node:module';
import { Lang, registerDynamicLanguage } from '@ast-grep/napi';

export type RuleLanguage = 'javascript' | 'python';

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
};

let registered = false;

/** Registers the dynamic grammars once; safe to call many times. */
export function ensureLanguages(): void {
  if (registered) return;
  registered = true;
  const require = createRequire(import.meta.url);
  registerDynamicLanguage({ python: require('@ast-grep/lang-python') as Parameters<typeof registerDynamicLanguage>[0][string] });
}

export function languageOf(file: string): LanguageInfo | null {
  const dot = file.lastIndexOf('.');
  if (dot < 0) return null;
  if (file.endsWith('.d.ts')) return null;
  return BY_EXTENSION[file.slice(dot).toLowerCase()] ?? null;
}
