/**
 * What the secrets scanner leaves alone, and why. Precision matters more than recall here: a noisy
 * secrets report is switched off, and the known-format rules (secretlint) still catch real tokens in
 * the files the entropy detector skips.
 */

/** Lockfiles are full of integrity hashes: the entropy detector skips them (known formats still run). */
const LOCKFILES = /(^|\/)(package-lock\.json|npm-shrinkwrap\.json|pnpm-lock\.yaml|yarn\.lock|bun\.lockb?|Cargo\.lock|poetry\.lock|uv\.lock|Pipfile\.lock|go\.sum|Gemfile\.lock|composer\.lock|mix\.lock|pubspec\.lock|packages\.lock\.json|gradle\.lockfile|flake\.lock|\.terraform\.lock\.hcl)$/;

/** Test fixtures, examples and docs: known formats are reported with low confidence, entropy is skipped. */
const FIXTURE = /(^|\/)(tests?|__tests__|__mocks__|spec|specs|fixtures?|__fixtures__|testdata|test-data|mocks?|examples?|samples?|docs?)\/|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)test_[^/]+\.py$|_test\.(go|py)$/;

/** Files that are not source or config: minified bundles, source maps, SVG paths, snapshots. */
const NOISE = /\.(min\.js|min\.css|map|svg|snap|lock|sum)$|(^|\/)(CHANGELOG|LICENSE)[^/]*$/i;

/** `.env.example`, `.env.sample`, `.env.template`, `example.env`: documentation of variables. */
const ENV_EXAMPLE = /(^|\/)(\.env\.(example|sample|template|dist|defaults)|[^/]*\.env\.example|example\.env)$/;

export function isLockfile(path: string): boolean {
  return LOCKFILES.test(path);
}

export function isFixturePath(path: string): boolean {
  return FIXTURE.test(path);
}

export function isEntropyExempt(path: string): boolean {
  return isLockfile(path) || isFixturePath(path) || NOISE.test(path) || ENV_EXAMPLE.test(path);
}

/** Words that say "this is not a real value". Matched case-insensitively anywhere in the value. */
const PLACEHOLDER_WORDS = /(changeme|change_me|change-me|replace|example|dummy|sample|placeholder|your[-_]?|redacted|fake|mock|secret123|password123|lorem|todo|fixme|test|xxx|\*\*\*|\.\.\.|000000|123456|abcdef|notasecret|not-a-secret|insecure)/i;

/** Template and variable syntax: `${VAR}`, `{{ var }}`, `<your-key>`, `$VAR`, `%VAR%`, `#{…}`. */
const TEMPLATE = /\$\{|\{\{|\}\}|^<.*>$|^\$[A-Za-z_]|^%[A-Za-z_]+%$|#\{/;

/** A value someone typed as a stand-in: placeholders, templates, or one repeated character. */
export function isPlaceholder(value: string): boolean {
  if (value.trim() === '') return true;
  if (TEMPLATE.test(value) || PLACEHOLDER_WORDS.test(value)) return true;
  return new Set(value.replace(/[-_]/g, '')).size <= 3;
}

/**
 * Public values that look random: checksums next to their algorithm (Dockerfile `sha256sum -c`,
 * `checksum:`), SRI hashes (`sha384-…`), image digests, git SHAs on `rev`/`commit` keys.
 */
const PUBLIC_CONTEXT = /(sha(1|256|384|512)|checksum|digest|integrity|hash|md5|fingerprint|etag|nonce|commit|revision|\brev\b|sri|public[-_]?key|publishable|pubkey)/i;

export function isPublicValue(line: string, value: string): boolean {
  if (/^sha(256|384|512)-[A-Za-z0-9+/=]+$/.test(value)) return true;
  if (/^sha256:[0-9a-f]{64}$/.test(value)) return true;
  return PUBLIC_CONTEXT.test(line);
}
