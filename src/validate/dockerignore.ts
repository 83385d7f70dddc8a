/**
 * .dockerignore validator. Patterns follow Docker's rules, not .gitignore's: they are anchored at
 * the context root (`.env` does not match `api/.env`), `*` stays within one path segment, `**`
 * spans segments, a pattern that matches a directory excludes everything under it, and the last
 * matching line wins (`!` re-includes). picomatch matches each pattern; the ordering logic is ours.
 */
import picomatch from 'picomatch';
import type { Diagnostic, RuleInfo, Validator, ValidatorInput } from './types.js';

interface IgnoreRule {
  pattern: string;
  negated: boolean;
  line: number;
  match: (path: string) => boolean;
}

export function parseDockerignore(content: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  for (const [i, raw] of content.split(/\r?\n/).entries()) {
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const negated = trimmed.startsWith('!');
    // Docker cleans the pattern like a path: no leading slash, no trailing slash, no `./`.
    const pattern = (negated ? trimmed.slice(1).trim() : trimmed).replace(/^\/+/, '').replace(/^(\.\/)+/, '').replace(/\/+$/, '');
    if (pattern === '' || pattern === '.') continue;
    const matcher = picomatch(pattern, { dot: true, nobrace: true, noextglob: true });
    rules.push({ pattern, negated, line: i + 1, match: (path) => matcher(path) });
  }
  return rules;
}

/** The rule that decides whether `path` is excluded (the last one matching it or a parent), or null. */
function deciding(rules: readonly IgnoreRule[], path: string): IgnoreRule | null {
  const parts = path.split('/');
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let decided: IgnoreRule | null = null;
  for (const rule of rules) if (candidates.some((c) => rule.match(c))) decided = rule;
  return decided;
}

export function isExcluded(rules: readonly IgnoreRule[], path: string): boolean {
  const rule = deciding(rules, path);
  return rule !== null && !rule.negated;
}

export const DOCKERIGNORE_RULES = {
  git: {
    id: 'DSQ-DI-0001',
    title: '.git is not excluded',
    severity: 'medium',
    recommendation: 'Add `.git` to .dockerignore: the history bloats the context, busts the cache on every commit and can leak removed secrets.',
  },
  secrets: {
    id: 'DSQ-DI-0002',
    title: 'Secret files are not excluded',
    severity: 'high',
    recommendation: 'Add `.env`, `.env.*` (with `!.env.example` if the example is needed), `*.pem` and `*.key` to .dockerignore so credentials never reach the build context.',
  },
  nodeModules: {
    id: 'DSQ-DI-0003',
    title: 'node_modules is not excluded',
    severity: 'low',
    recommendation: 'Add `node_modules` to .dockerignore: the image installs its own dependencies, and host-built native modules may not run in it.',
  },
  everything: {
    id: 'DSQ-DI-0004',
    title: 'Everything is excluded',
    severity: 'info',
    recommendation: 'After `*`, re-include what the build needs (`!src`, `!package.json`…), or COPY has nothing to copy.',
  },
} as const satisfies Record<string, RuleInfo>;

const SECRET_FILES: ReadonlyArray<[string, string]> = [['.env', '.env'], ['.env.local', '.env.*'], ['server.pem', '*.pem'], ['server.key', '*.key']];

export interface DockerignoreContext {
  /** Repo-relative files of the build context, when known (to tell whether node_modules matters). */
  contextFiles?: readonly string[];
}

export function validateDockerignore(file: ValidatorInput, context: DockerignoreContext = {}): Diagnostic[] {
  const rules = parseDockerignore(file.content);
  const out: Diagnostic[] = [];
  const add = (rule: RuleInfo, message: string, line: number, severity = rule.severity): void => {
    out.push({ ruleId: rule.id, severity, message, file: file.path, line, recommendation: rule.recommendation });
  };
  const reason = (path: string): { line: number; why: string } => {
    const rule = deciding(rules, path);
    return rule?.negated ? { line: rule.line, why: ` (re-included by \`!${rule.pattern}\`)` } : { line: 1, why: '' };
  };

  const everything = isExcluded(rules, 'devsquad-probe-file') && isExcluded(rules, 'devsquad-probe-dir/file');
  if (everything && !rules.some((r) => r.negated)) {
    add(DOCKERIGNORE_RULES.everything, 'Every file is excluded and nothing is re-included: the build context is empty.', rules.find((r) => !r.negated && r.match('devsquad-probe-file'))?.line ?? 1);
    return out;
  }
  if (!isExcluded(rules, '.git/HEAD')) {
    const { line, why } = reason('.git/HEAD');
    add(DOCKERIGNORE_RULES.git, `.git is sent to the Docker daemon with every build${why}.`, line);
  }
  const leaked = SECRET_FILES.filter(([path]) => !isExcluded(rules, path));
  if (leaked.length > 0) {
    const first = reason(leaked[0]?.[0] ?? '');
    add(DOCKERIGNORE_RULES.secrets, `Secret files are not excluded: ${leaked.map(([, label]) => label).join(', ')}${first.why}.`, first.line);
  }
  if (!isExcluded(rules, 'node_modules/.package-lock.json')) {
    const files = context.contextFiles;
    const isNode = files?.some((f) => f === 'package.json' || f.endsWith('/package.json'));
    if (files === undefined || isNode) {
      const { line, why } = reason('node_modules/.package-lock.json');
      const message = isNode ? `node_modules is not excluded, and the context has a package.json${why}.` : `node_modules is not excluded; this matters if the context holds a Node.js project${why}.`;
      add(DOCKERIGNORE_RULES.nodeModules, message, line, isNode ? 'low' : 'info');
    }
  }
  return out;
}

/** .dockerignore and per-Dockerfile ignore files (api.Dockerfile.dockerignore). */
export function isDockerignoreName(path: string): boolean {
  const base = path.split(/[\\/]/).at(-1) ?? '';
  return base === '.dockerignore' || /.\.dockerignore$/.test(base);
}

export const dockerignoreValidator: Validator = {
  kind: 'dockerignore',
  displayName: '.dockerignore',
  matches: isDockerignoreName,
  validate: (file) => validateDockerignore(file),
};
