/**
 * Loads the code rules shipped in rules/code/<language>/<owasp-category>/<name>.yaml. The rules are
 * devsquad's own files (not the user's repository), so they are read with node:fs, validated with
 * the Zod schema, and cached for the process. `npm run build` also stores each family parsed and
 * validated as JSON (scripts/precompile-rules.mjs): parsing the YAML cost ~50 ms per family at every
 * start, reading JSON ~1 ms. The JSON is used only when it was made from exactly the YAML on disk.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { packagePath } from '../../core/package-root.js';
import { codeRuleSchema, type CodeRule } from './rule-schema.js';
import type { RuleLanguage } from './languages.js';

export interface LoadedRule {
  rule: CodeRule;
  family: RuleLanguage;
  /** Path of the YAML file, relative to the rules/code folder. */
  file: string;
}

/** rules/ at the package root, from src/scan/code (tests) or dist/scan/code (built CLI). */
export const RULES_DIR = packagePath('rules', 'code');

export const RULE_FAMILIES: readonly RuleLanguage[] = ['javascript', 'python', 'go', 'java', 'php'];

let cache: LoadedRule[] | null = null;
const familyCache = new Map<RuleLanguage, LoadedRule[]>();

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...yamlFiles(abs));
    else if (entry.name.endsWith('.yaml')) out.push(abs);
  }
  return out.sort();
}

/** Parses and validates one rule file; throws with the file name when it is invalid (a bug in devsquad). */
export function loadRuleFile(abs: string): CodeRule {
  let raw: unknown;
  try {
    raw = parseYaml(fs.readFileSync(abs, 'utf8'));
  } catch (cause) {
    throw new Error(`invalid code rule ${path.relative(RULES_DIR, abs)}: ${String(cause)}`, { cause });
  }
  const parsed = codeRuleSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(`invalid code rule ${path.relative(RULES_DIR, abs)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}

function loadFamily(dir: string, family: RuleLanguage): LoadedRule[] {
  const rules: LoadedRule[] = [];
  for (const abs of yamlFiles(path.join(dir, family))) {
    const rule = loadRuleFile(abs);
    if (!rule.deprecated) rules.push({ rule, family, file: path.relative(dir, abs).split(path.sep).join('/') });
  }
  return rules;
}

/** Where the build keeps a family's rules as JSON. */
export function precompiledRulesPath(family: RuleLanguage): string {
  return packagePath('dist', 'rules', 'code', `${family}.json`);
}

export interface PrecompiledRules {
  /** sha256 over the family's YAML files (paths and contents) the JSON was made from. */
  digest: string;
  rules: LoadedRule[];
}

/** Identifies the exact YAML a family's rules come from. */
export function rulesDigest(dir: string, family: RuleLanguage): string {
  const hash = createHash('sha256');
  for (const abs of yamlFiles(path.join(dir, family))) hash.update(path.relative(dir, abs)).update('\0').update(fs.readFileSync(abs)).update('\0');
  return hash.digest('hex');
}

/** The build's JSON for the shipped rules, or null when it is missing, unreadable or from other YAML. */
function precompiledFamily(family: RuleLanguage): LoadedRule[] | null {
  let stored: PrecompiledRules;
  try {
    stored = JSON.parse(fs.readFileSync(precompiledRulesPath(family), 'utf8')) as PrecompiledRules;
  } catch {
    return null;
  }
  return stored.digest === rulesDigest(RULES_DIR, family) && Array.isArray(stored.rules) ? stored.rules : null;
}

/** What scripts/precompile-rules.mjs stores for a family (parsed and validated from the YAML). */
export function precompileFamily(family: RuleLanguage): PrecompiledRules {
  return { digest: rulesDigest(RULES_DIR, family), rules: loadFamily(RULES_DIR, family) };
}

/**
 * The shipped rules of one family, cached. Parsing and validating the YAML of every family costs about
 * a second at start-up, so a scan loads only the families its files need.
 */
export function loadRulesOf(family: RuleLanguage): LoadedRule[] {
  let rules = familyCache.get(family);
  if (!rules) familyCache.set(family, (rules = precompiledFamily(family) ?? loadFamily(RULES_DIR, family)));
  return rules;
}

/**
 * Rules of one family that another thread already loaded: a scan worker gets the main thread's (plain
 * data) instead of parsing and validating the YAML again, ~0.2 s of its start-up.
 */
export function adoptRulesOf(family: RuleLanguage, rules: LoadedRule[]): void {
  if (!familyCache.has(family)) familyCache.set(family, rules);
}

export function loadRules(dir: string = RULES_DIR): LoadedRule[] {
  if (dir === RULES_DIR) return (cache ??= RULE_FAMILIES.flatMap((family) => loadRulesOf(family)));
  return RULE_FAMILIES.flatMap((family) => loadFamily(dir, family));
}
